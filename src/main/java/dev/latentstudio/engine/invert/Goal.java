package dev.latentstudio.engine.invert;

/**
 * What one inversion aims at, whatever the technique; each technique reads its own parts: class weights
 * (one class: a single non-zero weight), a layer (name or index) and channel, a start picture, cGMM
 * attributes and how many pictures to draw at once.
 */
public record Goal(double[] weights, String layer, int channel, Start start, int[] attributes, int samples) {
    public Goal {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }

    /** Σ_k w_k · logit_k. */
    public static Goal classes(double[] weights) {
        return new Goal(weights, null, 0, null, null, 1);
    }

    /** One channel of a layer (a neuron of a dense layer). */
    public static Goal channel(String layer, int channel) {
        return new Goal(null, layer, channel, null, null, 1);
    }

    /** A reconstruction or dream of {@code start} at {@code layer}, or a portrait of its face (no layer). */
    public static Goal picture(String layer, Start start) {
        return new Goal(null, layer, 0, start, null, 1);
    }

    /** {@code samples} pictures with the cGMM attributes {@code attrs} at {@code layer}. */
    public static Goal cgmm(String layer, int[] attrs, int samples) {
        return new Goal(null, layer, 0, null, attrs, samples);
    }
}
