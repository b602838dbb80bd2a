package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures of an attribute set from a fitted {@link Cgmm}: draw targets s by equation 2 and feature-invert
 * toward them ({@link FeatureInversion#towards}) on the classifier cut at the model's layer. Several
 * samples run as one batch (one target and one start image each): the layer target, the regularisers and
 * Adam act per image, and a batch of five costs far less than five runs.
 */
public final class CgmmVisualisation {
    /** The layer the cGMM models unless told otherwise. */
    public static final String DEFAULT_LAYER = "fc1";
    /**
     * The inversion's defaults for cGMM targets, chosen on the shipped classifiers (fc1, five samples of each
     * class, 200 steps, share that digit-cnn-b labels as the class): feature inversion's own light priors
     * (TV 1e-4 only) gave 0.98 with noisy backgrounds; L2 and TV of 1e-3 each with one pixel of jitter gave
     * 1.0 with clean strokes; the class visualisation's stronger priors (L2 0.01, TV 0.02, blur every 4)
     * overpowered the relative-error target and left every class looking like a 1 (0.1).
     */
    public static final FeatureInversion.Options DEFAULTS = new FeatureInversion.Options(200, 0, 0.001, 0.001, 1, 0, 0.05, 0.1, true);

    private CgmmVisualisation() {
    }

    /**
     * One inversion of {@code samples} images of the attribute set {@code attrs}; sample i uses target seed
     * and start-noise seed {@code o.seed() + i}, so a picture depends only on the seed, not on the batch.
     * {@code layers} must cut the classifier the model was fitted on; {@code mean} is the start image (CHW).
     */
    public static Inversion job(LayerNetworks layers, Cgmm model, int[] attrs, int samples, float[] mean, FeatureInversion.Options o) {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        int layer = layers.index(model.layer());
        INDArray[] targets = new INDArray[samples], starts = new INDArray[samples];
        for (int i = 0; i < samples; i++) {
            targets[i] = model.sample(attrs, o.seed() + i);
            starts[i] = Pixels.around(o.fromMean() ? mean : new float[Digits.PIXELS], 1, Digits.SIDE, Digits.SIDE, o.noise(), o.seed() + i).image();
        }
        INDArray target = Nd4j.concat(0, targets);
        long[] expected = layers.activations(layer, starts[0]).shape();
        if (!java.util.Arrays.equals(java.util.Arrays.copyOfRange(expected, 1, expected.length), model.shape())) {
            throw new IllegalArgumentException("the cGMM was fitted on activations " + java.util.Arrays.toString(model.shape())
                    + " but layer " + model.layer() + " gives " + java.util.Arrays.toString(expected) + ": another classifier?");
        }
        return FeatureInversion.towards(layers, layer, target, new Pixels(Nd4j.concat(0, starts)), o,
                "cGMM " + DigitAttributes.describe(attrs));
    }
}
