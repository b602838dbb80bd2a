package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceDescriber;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.nn.InputGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The identity portrait (the design's Inversion Lab (d)): the picture the face recogniser remembers of one
 * person, found by climbing the cosine between the picture's 128-d descriptor and the person's. The picture
 * is held as a Fourier spectrum with decorrelated colour (photographs' statistics), jittered, zoomed and
 * turned a little each step so that only features that survive small moves are drawn, and kept smooth by
 * total variation; it starts from mid-grey with a little noise. It is then shown to the recogniser again:
 * {@link #distance} says how close its own descriptor came (face-api calls faces within 0.6 the same person).
 */
public final class IdentityPortrait {

    /** steps; seed (start noise and transforms); total-variation and L2 weights; jitter in pixels; Adam's rate. */
    public record Options(int steps, long seed, double tv, double l2, int jitter, double lr) {
        /**
         * Chosen by eye and by the portrait's own distance on the sample faces (200 steps from the mean face, whose
         * own distance was 0.72): a rate of 0.1 painted colourful texture (0.34), 0.01 a face with the person's
         * brows, eyes and lips (0.16); L2 towards grey or stronger TV washed it out.
         */
        public static final Options DEFAULTS = new Options(300, 0, 0.002, 0, 4, 0.01);

        public Options {
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            if (tv < 0 || l2 < 0 || jitter < 0 || !(lr > 0)) throw new IllegalArgumentException("tv, l2 and jitter >= 0, lr > 0");
        }

        public Options withSteps(int n) {
            return new Options(n, seed, tv, l2, jitter, lr);
        }

        public Options withSeed(long s) {
            return new Options(steps, s, tv, l2, jitter, lr);
        }
    }

    private IdentityPortrait() {
    }

    /** The inversion job: a 3×150×150 picture in [-1, 1] whose descriptor points where {@code descriptor} does. */
    public static Inversion job(FaceRecognitionNet net, float[] descriptor, Options o, int previewEvery) {
        return job(net, descriptor, meanFace(), o, previewEvery);
    }

    /**
     * assets/portrait/mean-face.png (the mean of the sample photos' aligned faces, `studio align --mean`) as CHW in
     * [-1, 1]: the portrait starts from it, as a class visualisation starts from the mean digit, so the climb
     * paints a face rather than texture; null (mid-grey start) if the file is missing or unreadable.
     */
    public static float[] meanFace() {
        Path file = StudioPaths.assets().resolve("portrait").resolve("mean-face.png");
        try {
            BufferedImage img = ImageReading.read(file);
            int side = FaceRecognitionNet.SIZE;
            if (img.getWidth() != side || img.getHeight() != side) return null;
            return Images.toChw(img, 3);
        } catch (ImageReading.Unusable e) {
            return null;
        }
    }

    /** The same, starting from {@code base} (CHW, 3×150×150, values in [-1, 1]) plus a little noise; null: mid-grey. */
    public static Inversion job(FaceRecognitionNet net, float[] descriptor, float[] base, Options o, int previewEvery) {
        if (descriptor.length != FaceRecognitionNet.DIM) {
            throw new IllegalArgumentException("a face descriptor has " + FaceRecognitionNet.DIM + " numbers, got " + descriptor.length);
        }
        int side = FaceRecognitionNet.SIZE;
        Parameterisation start = base == null ? Fourier.noise(3, side, side, 0.02, o.seed())
                : Recipe.start(base, 3, side, side, 0.02, o.seed(), true);
        Inversion.Settings s = settings(o, previewEvery);
        // Euclidean (relative) distance, face-api's own measure of identity: the cosine between any two face
        // descriptors is already ~0.9, so climbing it left the picture grey
        return new Inversion("portrait", InputGradient.backprop(net.graph()),
                Objective.layerTarget(Nd4j.createFromArray(descriptor).reshape(1, descriptor.length)), start, s)
                .drawnWith(IdentityPortrait::picture);
    }

    /**
     * The portrait drawn with its contrast stretched: the recogniser cares little for overall brightness and
     * contrast, so the climb leaves the picture dim; the 1st to 99th percentile of its values span the range.
     */
    public static BufferedImage picture(INDArray image) {
        INDArray first = image.get(NDArrayIndex.point(0)).castTo(DataType.FLOAT).dup('c');
        float[] v = first.data().asFloat();
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) (0.01 * (sorted.length - 1))], hi = sorted[(int) (0.99 * (sorted.length - 1))];
        float span = Math.max(hi - lo, 1e-6f);
        for (int i = 0; i < v.length; i++) v[i] = Math.max(-1f, Math.min(1f, 2f * (v[i] - lo) / span - 1f));
        return Images.toImage(v, (int) image.size(1), (int) image.size(2), (int) image.size(3));
    }

    /** Euclidean distance between the portrait's own descriptor (as a 0..255 face) and {@code descriptor}. */
    public static double distance(FaceRecognitionNet net, INDArray portrait, float[] descriptor) {
        INDArray rgb = rgb(portrait);
        return FaceDescriber.distance(net.descriptor(rgb), descriptor);
    }

    /** Jitter, zoom and turn, then face-api's input normalisation; TV and L2 towards grey; Adam; [-1, 1]. */
    static Inversion.Settings settings(Options o, int previewEvery) {
        return settings(o, previewEvery, FaceRecognitionNet.meanRgb());
    }

    /** The same for a face network normalising with another mean (the landmark net's, the detector's). */
    static Inversion.Settings settings(Options o, int previewEvery, float[] meanRgb) {
        List<Transform> transforms = new ArrayList<>(Recipe.transforms(o.jitter(), true));
        transforms.add(new FaceInput(meanRgb)); // last: the network sees what face-api would feed it
        return new Inversion.Settings(o.steps(), transforms, Recipe.regularisers(o.l2(), 0, o.tv()),
                new Adam(o.lr()), 0, -1, 1, o.seed(), previewEvery);
    }

    /** A picture in [-1, 1] as the face nets' callers feed them: RGB 0..255, float. */
    static INDArray rgb(INDArray picture) {
        return picture.castTo(DataType.FLOAT).add(1).muli(127.5);
    }

    /**
     * A picture in [-1, 1] as the recogniser's input: rgb = (x + 1)·127.5, then face-api's (rgb − mean)/255,
     * i.e. x/2 + (127.5 − mean)/255 per channel. Linear, so its adjoint halves the gradient.
     */
    public static final class FaceInput implements Transform {
        private final double[] shift = new double[3];

        public FaceInput() {
            this(FaceRecognitionNet.meanRgb());
        }

        /** The same normalisation with another net's mean (face-api's attribute nets subtract the landmark net's). */
        public FaceInput(float[] meanRgb) {
            for (int c = 0; c < 3; c++) shift[c] = (127.5 - meanRgb[c]) / 255;
        }

        @Override
        public Applied apply(INDArray image, Random rnd) {
            INDArray in = image.mul(0.5);
            for (int c = 0; c < 3; c++) in.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()).addi(shift[c]);
            return new Applied() {
                @Override
                public INDArray image() {
                    return in;
                }

                @Override
                public INDArray pullBack(INDArray gradient) {
                    return gradient.mul(0.5);
                }
            };
        }
    }
}
