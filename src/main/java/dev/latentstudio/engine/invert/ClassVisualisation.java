package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.nn.InputGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;


/**
 * The picture a digit classifier wants for a class (Simonyan et al.'s baseline): start from the data
 * set's mean image plus small noise, climb the class's raw logit, regularised. The defaults were
 * chosen on the shipped classifier by looking at all ten results: stronger L2/TV (0.05 each) left
 * 0, 2, 3, 8 and 9 below p = 0.99 after 200 steps; 2-pixel jitter drew more legible strokes than 1.
 */
public final class ClassVisualisation {

    /**
     * steps; seed (start noise and jitter); l2 and tv weights; jitter in pixels; blur every k steps
     * (0: never); Adam's learning rate; the start noise's standard deviation; whether the image is held as
     * a Fourier spectrum ({@link Fourier}) rather than pixels; whether each step also zooms and turns it a
     * little ({@link ScaleRotate}).
     */
    public record Options(int steps, long seed, double l2, double tv, int jitter, int blurEvery, double lr, double noise,
                          boolean fourier, boolean scaleRotate) {
        public static final Options DEFAULTS = new Options(200, 0, 0.01, 0.02, 2, 4, 0.05, 0.1);

        public Options {
            if (l2 < 0 || tv < 0 || jitter < 0 || noise < 0) throw new IllegalArgumentException("l2, tv, jitter and noise must be >= 0");
        }

        /** Pixels, no zoom or turn. */
        public Options(int steps, long seed, double l2, double tv, int jitter, int blurEvery, double lr, double noise) {
            this(steps, seed, l2, tv, jitter, blurEvery, lr, noise, false, false);
        }

        public Options withSteps(int n) {
            return new Options(n, seed, l2, tv, jitter, blurEvery, lr, noise, fourier, scaleRotate);
        }

        public Options withSeed(long s) {
            return new Options(steps, s, l2, tv, jitter, blurEvery, lr, noise, fourier, scaleRotate);
        }

        public Options withParameterisation(boolean fourierSpectrum, boolean zoomAndTurn) {
            return new Options(steps, seed, l2, tv, jitter, blurEvery, lr, noise, fourierSpectrum, zoomAndTurn);
        }

        /** The settings of a run: transforms, regularisers (L2 towards the black background), Adam, clipping to [-1, 1]. */
        Inversion.Settings settings(int previewEvery) {
            return settings(previewEvery, -1);
        }

        /** The same with L2 towards {@code background} (0, mid-grey, for photographs). */
        Inversion.Settings settings(int previewEvery, double background) {
            return new Inversion.Settings(steps, Recipe.transforms(jitter, scaleRotate), Recipe.regularisers(l2, background, tv),
                    new Adam(lr), blurEvery, -1, 1, seed, previewEvery);
        }

        /** The start: {@code mean} (CHW) plus the seeded noise, as pixels or a spectrum. */
        Parameterisation start(float[] mean, int c, int h, int w) {
            return Recipe.start(mean, c, h, w, noise, seed, fourier);
        }
    }

    private ClassVisualisation() {
    }

    /**
     * The inversion job for one class. {@code logits} is the classifier without its softmax (see
     * {@link InputGradient#logitsNetwork}); {@code mean} the start image (CHW, values in [-1, 1]).
     */
    public static Inversion job(MultiLayerNetwork logits, float[] mean, int cls, Options o) {
        int classes = (int) logits.layerSize(logits.getnLayers() - 1);
        if (cls < 0 || cls >= classes) throw new IllegalArgumentException("class must be 0.." + (classes - 1) + ", got " + cls);
        return new Inversion("class " + cls, logits, Objective.classLogit(cls), o.start(mean, 1, Digits.SIDE, Digits.SIDE), o.settings(10));
    }

    /** The per-pixel mean of a set of digits (CHW, 1×28×28). */
    public static float[] meanImage(Digits d) {
        double[] sum = new double[Digits.PIXELS];
        float[] px = d.pixels();
        for (int i = 0; i < px.length; i++) sum[i % Digits.PIXELS] += px[i];
        float[] mean = new float[Digits.PIXELS];
        for (int i = 0; i < mean.length; i++) mean[i] = (float) (sum[i] / d.size());
        return mean;
    }

    /** The classifier's (softmax) probability of {@code cls} for the first image of an NCHW batch. */
    public static double probability(MultiLayerNetwork classifier, INDArray image, int cls) {
        return classifier.output(image.castTo(DataType.FLOAT), false).getDouble(0, cls);
    }
}
