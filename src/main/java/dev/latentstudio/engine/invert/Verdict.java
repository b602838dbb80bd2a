package dev.latentstudio.engine.invert;

import java.util.Locale;
import java.util.Map;

/**
 * How a picture did, as its network judges it: the figure that says so ({@code score}: the target's
 * probability, a reconstruction's SSIM, an activation, a portrait's distance) in {@code words}, the network's
 * probability of every class for the first picture (none for the recogniser and the age/gender net), its top
 * class for every picture of the batch, and the technique's own measurements by name (activation, dream,
 * ssim, distance, age, p_male) taken on the picture itself.
 */
public record Verdict(double score, String words, double[] probabilities, int[] labels, Map<String, Double> figures) {
    /** An activation climbed (channel, dream): the last step's objective, and {@code figure} measured on the picture. */
    static Verdict activation(Inversion.Result r, double[] probabilities, int[] labels, String name, double figure) {
        double score = r.metrics().getOrDefault("objective", Double.NaN);
        return new Verdict(score, String.format(Locale.ROOT, "activation %.4f", score), probabilities, labels, Map.of(name, figure));
    }

    /** Σ of the probabilities of the classes with a non-zero weight: "p = 0.9987". */
    static Verdict classes(double[] weights, double[] probabilities, int[] labels) {
        double score = 0;
        for (int c = 0; c < weights.length && c < probabilities.length; c++) if (weights[c] != 0) score += probabilities[c];
        return new Verdict(score, String.format(Locale.ROOT, "p = %.4f", score), probabilities, labels, Map.of());
    }

    /** A figure alone, for a start picture's measurement. */
    static Verdict figure(String name, double value) {
        return new Verdict(value, "", new double[0], new int[0], Map.of(name, value));
    }

    /** One of {@link #figures}, NaN when the technique did not measure it. */
    public double figure(String name) {
        return figures.getOrDefault(name, Double.NaN);
    }
}
