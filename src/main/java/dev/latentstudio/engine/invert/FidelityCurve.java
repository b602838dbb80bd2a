package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.LayerNetworks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How faithfully each layer keeps an image: the mean SSIM of {@link FeatureInversion} reconstructions of
 * the first {@code digits} held-out digits, layer by layer. {@code ssim_first_layer} and
 * {@code ssim_by_layer} of issue 5's evaluate-inversion are this.
 */
public final class FidelityCurve {

    /**
     * Mean SSIM by layer name (in layer order), the first layer's, how many digits, the steps of each
     * inversion, the mean ms per step over all of them and by layer (a deeper cut costs more per step).
     */
    public record Curve(Map<String, Double> byLayer, double firstLayer, int digits, int steps, double msPerStep,
                        Map<String, Double> msPerStepByLayer) {
    }

    private FidelityCurve() {
    }

    /** Every layer of {@code layers}, each digit inverted with the same options (and so the same seed). */
    public static Curve measure(LayerNetworks layers, Digits heldOut, int digits, float[] mean,
                                FeatureInversion.Options o, JobControl control) {
        if (digits < 1 || digits > heldOut.size()) throw new IllegalArgumentException("digits must be 1.." + heldOut.size() + ", got " + digits);
        Map<String, Double> byLayer = new LinkedHashMap<>(), msByLayer = new LinkedHashMap<>();
        double ms = 0;
        for (int l = 0; l < layers.size(); l++) {
            double sum = 0, layerMs = 0;
            for (int i = 0; i < digits; i++) {
                FeatureInversion.Reconstruction r = FeatureInversion.reconstruct(layers, l, FeatureInversion.heldOut(heldOut, i), mean, o, control);
                sum += r.ssim();
                layerMs += r.result().msPerStep();
            }
            byLayer.put(layers.name(l), sum / digits);
            msByLayer.put(layers.name(l), layerMs / digits);
            ms += layerMs;
        }
        return new Curve(byLayer, byLayer.values().iterator().next(), digits, o.steps(), ms / (digits * layers.size()), msByLayer);
    }
}
