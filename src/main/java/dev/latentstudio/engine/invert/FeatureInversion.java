package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.Ssim;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;

/**
 * Reconstructs an image from its activations at one layer (Mahendran and Vedaldi): argmin_I
 * ‖T_l − φ_l(I)‖² / ‖T_l‖² + R(I) with T_l = φ_l(image), climbed as the {@link LayerTarget} objective on
 * the classifier cut after layer l ({@link LayerNetworks}), from the mean digit (or mid-grey) plus noise.
 * <p>
 * The defaults were chosen on the shipped classifier by mean SSIM over three held-out digits per layer
 * (200 steps): with no regulariser conv1 and pool1 come back exactly (SSIM 1.0) but deeper layers fill in
 * noise (pool2 0.73, fc1 0.51); a light TV of 1e-4 costs conv1 almost nothing (0.998) and lifts conv2, pool2
 * and fc1 to 0.93, 0.87 and 0.62; 2e-3 blurred conv1 down to 0.83. L2 towards the background (2e-3 and up)
 * and one pixel of jitter each cost more than they gave: the target is one exact image, so the
 * class-visualisation's stronger priors are not needed here.
 */
public final class FeatureInversion {

    /**
     * steps; seed (start noise and jitter); l2 (towards the black background) and tv weights; jitter in
     * pixels; blur every k steps (0: never); Adam's learning rate; the start noise's standard deviation;
     * whether to start from the mean image (else from mid-grey, i.e. from noise alone); whether the image
     * is held as a Fourier spectrum; whether each step also zooms and turns it a little.
     */
    public record Options(int steps, long seed, double l2, double tv, int jitter, int blurEvery, double lr, double noise,
                          boolean fromMean, boolean fourier, boolean scaleRotate) {
        public static final Options DEFAULTS = new Options(200, 0, 0.0, 0.0001, 0, 0, 0.05, 0.1, true);

        public Options {
            if (l2 < 0 || tv < 0 || jitter < 0 || noise < 0) throw new IllegalArgumentException("l2, tv, jitter and noise must be >= 0");
        }

        /** Pixels, no zoom or turn. */
        public Options(int steps, long seed, double l2, double tv, int jitter, int blurEvery, double lr, double noise, boolean fromMean) {
            this(steps, seed, l2, tv, jitter, blurEvery, lr, noise, fromMean, false, false);
        }

        public Options withSteps(int n) {
            return new Options(n, seed, l2, tv, jitter, blurEvery, lr, noise, fromMean, fourier, scaleRotate);
        }

        public Options withSeed(long s) {
            return new Options(steps, s, l2, tv, jitter, blurEvery, lr, noise, fromMean, fourier, scaleRotate);
        }

        public Options withParameterisation(boolean fourierSpectrum, boolean zoomAndTurn) {
            return new Options(steps, seed, l2, tv, jitter, blurEvery, lr, noise, fromMean, fourierSpectrum, zoomAndTurn);
        }
    }

    /** The image given, its reconstruction (the inversion's result), the layer's name and their SSIM. */
    public record Reconstruction(String layer, INDArray original, Inversion.Result result, double ssim) {
        public BufferedImage originalPicture() {
            return Inversion.picture(original);
        }

        public BufferedImage picture() {
            return result.picture();
        }
    }

    private FeatureInversion() {
    }

    /**
     * The inversion job that rebuilds {@code image} (NCHW [1, 1, 28, 28], values in [-1, 1]) from its
     * activations at {@code layer}; {@code mean} is the start image (CHW), used when {@code o.fromMean()}.
     */
    public static Inversion job(LayerNetworks layers, int layer, INDArray image, float[] mean, Options o) {
        if (image.rank() != 4 || image.size(0) != 1) {
            throw new IllegalArgumentException("expected one NCHW image [1, c, h, w], got " + java.util.Arrays.toString(image.shape()));
        }
        int c = (int) image.size(1), h = (int) image.size(2), w = (int) image.size(3);
        float[] base = o.fromMean() ? mean : new float[c * h * w];
        Parameterisation start = Recipe.start(base, c, h, w, o.noise(), o.seed(), o.fourier());
        return towards(layers, layer, layers.activations(layer, image), start, o, "invert " + layers.name(layer));
    }

    /**
     * The inversion job from {@code start} toward any target activations at {@code layer} (a real image's,
     * or a cGMM's sample), with the options' regularisers, transforms and steps (the caller's {@code start}
     * stands for the options' noise, seed and parameterisation).
     */
    public static Inversion towards(LayerNetworks layers, int layer, INDArray target, Parameterisation start, Options o, String name) {
        MultiLayerNetwork cut = layers.upTo(layer);
        Inversion.Settings s = new Inversion.Settings(o.steps(), Recipe.transforms(o.jitter(), o.scaleRotate()),
                Recipe.regularisers(o.l2(), -1, o.tv()), new Adam(o.lr()), o.blurEvery(), -1, 1, o.seed(), 10);
        return new Inversion(name, cut, Objective.layerTarget(target), start, s);
    }

    /** Runs {@link #job} under {@code control} and scores the result against the image with {@link #ssim}. */
    public static Reconstruction reconstruct(LayerNetworks layers, int layer, INDArray image, float[] mean, Options o,
                                             JobControl control) {
        Inversion.Result r = job(layers, layer, image, mean, o).run(control);
        return new Reconstruction(layers.name(layer), image, r, ssim(image, r.image()));
    }

    /**
     * SSIM of two single-channel NCHW images in [-1, 1] (the first of each batch), compared as the
     * displayed intensities in [0, 1] with L = 1: the usual convention, and it keeps SSIM's luminance
     * term meaningful (on [-1, 1] a black background has mean −1, and means of opposite sign misbehave).
     */
    public static double ssim(INDArray a, INDArray b) {
        if (a.size(1) != 1 || b.size(1) != 1) throw new IllegalArgumentException("SSIM here is for grey images");
        int h = (int) a.size(2), w = (int) a.size(3);
        if (b.size(2) != h || b.size(3) != w) throw new IllegalArgumentException("images of different sizes");
        return Ssim.of(unit(a, h * w), unit(b, h * w), w, h, 1);
    }

    private static double[] unit(INDArray x, int n) {
        double[] v = x.dup('c').data().asDouble();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = (Math.max(-1, Math.min(1, v[i])) + 1) / 2;
        return out;
    }

    /** Held-out digit (or garment) {@code index} of {@code test} as an NCHW batch of one. */
    public static INDArray heldOut(Digits test, int index) {
        if (index < 0 || index >= test.size()) {
            String what = test.source() == dev.latentstudio.engine.data.Dataset.FASHION ? "garment" : "digit";
            throw new IllegalArgumentException("held-out " + what + " index must be 0.." + (test.size() - 1) + ", got " + index);
        }
        return test.batch(index, index + 1);
    }
}
