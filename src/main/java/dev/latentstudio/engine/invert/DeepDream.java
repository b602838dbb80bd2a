package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DeepDream on a picture (Mordvintsev et al.'s "Inceptionism"): starting from the picture itself, climb
 * {@link Dream} (the mean squared activation of one layer) so the patterns that layer responds to grow in
 * it. With octaves the picture is first dreamt at a smaller scale, and what the dream added (the detail)
 * is enlarged onto the next larger scale before that is dreamt in turn; patterns then come at several
 * sizes instead of one. Each octave is an {@link Inversion} on pixels of that size. Octaves need a layer
 * whose cut is convolutional all the way (a dense layer takes one input size only).
 */
public final class DeepDream implements Job<Inversion.Result> {

    /**
     * Steps per octave; octaves (1 = the picture's size only); the ratio between octave sizes; Adam's
     * learning rate; jitter in pixels; whether each step also zooms and turns a little; L2 (towards
     * mid-grey) and TV weights; blur every k steps (0: never); seed of the transforms.
     */
    public record Options(int steps, int octaves, double octaveScale, double lr, int jitter, boolean scaleRotate,
                          double l2, double tv, int blurEvery, long seed) {
        public static final Options DEFAULTS = new Options(30, 2, 1.4, 0.02, 1, true, 0, 0, 0, 0);

        public Options {
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            if (octaves < 1 || octaves > 4) throw new IllegalArgumentException("octaves must be 1..4, got " + octaves);
            if (!(octaveScale > 1 && octaveScale <= 2)) throw new IllegalArgumentException("octave scale must be in (1, 2], got " + octaveScale);
            if (l2 < 0 || tv < 0 || jitter < 0) throw new IllegalArgumentException("l2, tv and jitter must be >= 0");
        }

        public Options withSteps(int n) {
            return new Options(n, octaves, octaveScale, lr, jitter, scaleRotate, l2, tv, blurEvery, seed);
        }

        public Options withOctaves(int n) {
            return new Options(steps, n, octaveScale, lr, jitter, scaleRotate, l2, tv, blurEvery, seed);
        }

        public Options withSeed(long s) {
            return new Options(steps, octaves, octaveScale, lr, jitter, scaleRotate, l2, tv, blurEvery, s);
        }
    }

    private static final int MIN_SIDE = 8;

    private final LayerNetworks layers;
    private final int layer;
    private final INDArray picture;
    private final Options o;
    private int previewEvery = 10;

    /** {@code picture}: one NCHW image [1, c, h, w] in [-1, 1] at the network's input size. */
    public DeepDream(LayerNetworks layers, int layer, INDArray picture, Options o) {
        if (picture.rank() != 4 || picture.size(0) != 1) {
            throw new IllegalArgumentException("expected one NCHW image [1, c, h, w], got " + java.util.Arrays.toString(picture.shape()));
        }
        this.layers = layers;
        layers.name(layer); // checks the index
        this.layer = layer;
        this.picture = picture.castTo(DataType.FLOAT);
        this.o = o;
        int[] smallest = size(o.octaves() - 1);
        if (Math.min(smallest[0], smallest[1]) < MIN_SIDE) {
            throw new IllegalArgumentException(o.octaves() + " octaves of " + o.octaveScale() + " make the picture smaller than "
                    + MIN_SIDE + " pixels; use fewer");
        }
        if (o.octaves() > 1) checkTakesOtherSizes(smallest);
    }

    /** A preview every {@code n} steps of each octave (10 unless set); returns this. */
    public DeepDream previewingEvery(int n) {
        if (n < 1) throw new IllegalArgumentException("previewEvery must be >= 1");
        previewEvery = n;
        return this;
    }

    @Override
    public String name() {
        return "dream " + layers.name(layer);
    }

    @Override
    public Inversion.Result run(JobControl control) {
        MultiLayerNetwork cut = layers.upTo(layer);
        int h = (int) picture.size(2), w = (int) picture.size(3), total = o.steps() * o.octaves();
        INDArray detail = null;
        Inversion.Result r = null;
        double ms = 0;
        for (int k = o.octaves() - 1; k >= 0; k--) {
            control.checkpoint();
            int[] s = size(k);
            INDArray base = k == 0 ? picture : Bilinear.resize(h, w, s[0], s[1]).apply(picture);
            INDArray start = base.dup();
            if (detail != null) start.addi(Bilinear.resize((int) detail.size(2), (int) detail.size(3), s[0], s[1]).apply(detail));
            Inversion.Settings settings = new Inversion.Settings(o.steps(), Recipe.transforms(o.jitter(), o.scaleRotate()),
                    Recipe.regularisers(o.l2(), 0, o.tv()), new Adam(o.lr()), o.blurEvery(), -1, 1, o.seed() + k, previewEvery);
            int done = (o.octaves() - 1 - k) * o.steps(), octave = o.octaves() - k;
            // the octave's events as steps of the whole dream; the outer control's cancel and pause reach into it
            JobControl inner = new JobControl().onProgress(p -> {
                control.report(new Progress(done + p.step(), total, p.metrics(), p.preview(), "octave " + octave + "/" + o.octaves()));
                control.checkpoint();
            });
            r = new Inversion(name(), cut, Objective.dream(), new Pixels(Transforms.min(Transforms.max(start, -1, false), 1, false)),
                    settings).run(inner);
            detail = r.image().sub(base);
            ms += r.msPerStep();
        }
        return new Inversion.Result(r.image(), r.metrics(), total, ms / o.octaves());
    }

    /** The picture's size at octave k (0 = the picture's own). */
    private int[] size(int k) {
        double f = Math.pow(o.octaveScale(), k);
        return new int[]{(int) Math.round(picture.size(2) / f), (int) Math.round(picture.size(3) / f)};
    }

    private void checkTakesOtherSizes(int[] s) {
        try {
            layers.activations(layer, Nd4j.zeros(DataType.FLOAT, 1, picture.size(1), s[0], s[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("layer " + layers.name(layer) + " takes only " + picture.size(2) + "x" + picture.size(3)
                    + " pictures (it is or follows a dense layer), so octaves cannot shrink the picture: dream at a "
                    + "convolutional layer or with 1 octave");
        }
    }
}
