package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.latent.Walks;
import dev.latentstudio.engine.nn.InputGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "You morphing into …": frames whose target descriptors walk from A's to B's (the great circle of the directions,
 * the length interpolated, or the straight line). Frame 0 is A's aligned chip; each next frame is the identity
 * portrait's inversion started from the previous frame (its Fourier spectrum, no noise) toward the next target for
 * a few steps, with the portrait's jitter, zoom, turn and total variation, and optionally a tether to the previous
 * frame, so consecutive frames differ only by what the identity needs.
 */
public final class IdentityMorph implements Job<IdentityMorph.Result> {

    /**
     * frames (both ends included); steps of the inversion per frame; how many more rounds of those steps a frame may
     * take while it is not yet farther from A and nearer B than the frame before; the tether's weight (0: none); the
     * walk; seed and the portrait's knobs (its steps are replaced by {@code stepsPerFrame}).
     */
    public record Options(int frames, int stepsPerFrame, int extraRounds, double tether, Walks.Mode walk, IdentityPortrait.Options portrait) {
        /**
         * Measured on sample1 → sample2 (24 frames, 10 steps a frame): the random jitter, zoom and turn let the distances
         * step back now and then; with up to 3 more rounds for such a frame one frame near B still stepped back (0.2181
         * after 0.2169, 40 steps), so 6. The portrait's total variation (0.002; its purpose there is the noise start, here
         * the start is a photo) blurred the frames more at every frame and ended 0.17 from B; without it the frames stay
         * sharp, one frame needs a second round and the end is 0.13 from B, though the picture changes little: the
         * recogniser is moved more than the face. The tether at 0.01 cuts the change from frame to frame (0.8 against 3.0
         * grey levels a pixel over 4 frames) for about the same distances; at 0.1 the morph stalls (0.59 from B after 5 frames).
         */
        public static final Options DEFAULTS = new Options(24, 10, 6, 0.01, Walks.Mode.SLERP, IdentityPortrait.Options.DEFAULTS)
                .withTv(0);

        public Options {
            if (frames < 2) throw new IllegalArgumentException("a morph needs at least 2 frames, got " + frames);
            if (stepsPerFrame < 1) throw new IllegalArgumentException("steps per frame must be >= 1, got " + stepsPerFrame);
            if (extraRounds < 0) throw new IllegalArgumentException("extra rounds must be >= 0, got " + extraRounds);
            if (!(tether >= 0)) throw new IllegalArgumentException("the tether's weight must be >= 0, got " + tether);
        }

        public Options withFrames(int n) {
            return new Options(n, stepsPerFrame, extraRounds, tether, walk, portrait);
        }

        public Options withStepsPerFrame(int k) {
            return new Options(frames, k, extraRounds, tether, walk, portrait);
        }

        public Options withExtraRounds(int r) {
            return new Options(frames, stepsPerFrame, r, tether, walk, portrait);
        }

        public Options withTether(double w) {
            return new Options(frames, stepsPerFrame, extraRounds, w, walk, portrait);
        }

        public Options withWalk(Walks.Mode m) {
            return new Options(frames, stepsPerFrame, extraRounds, tether, m, portrait);
        }

        /** The total variation's weight (the portrait's knob). */
        public Options withTv(double tv) {
            IdentityPortrait.Options p = portrait;
            return new Options(frames, stepsPerFrame, extraRounds, tether, walk,
                    new IdentityPortrait.Options(p.steps(), p.seed(), tv, p.l2(), p.jitter(), p.lr()));
        }

        public Options withSeed(long s) {
            return new Options(frames, stepsPerFrame, extraRounds, tether, walk, portrait.withSeed(s));
        }
    }

    /** One frame: the picture (150×150), the recogniser's distances from its own descriptor to A's and B's, the steps it took. */
    public record Frame(BufferedImage picture, double distanceToA, double distanceToB, int steps) {
    }

    /** The frames in order and the seconds each inverted frame took (frame 0 is the chip itself). */
    public record Result(List<Frame> frames, double secondsPerFrame) {
        public Result {
            frames = List.copyOf(frames);
        }

        public List<BufferedImage> pictures() {
            return frames.stream().map(Frame::picture).toList();
        }
    }

    private final FaceRecognitionNet net;
    private final float[] a, b;
    private final BufferedImage chip;
    private final Options o;

    /** {@code chipA}: A's aligned face as the recogniser sees it (150×150); {@code a}, {@code b}: 128-d descriptors. */
    public IdentityMorph(FaceRecognitionNet net, float[] a, float[] b, BufferedImage chipA, Options o) {
        if (a.length != FaceRecognitionNet.DIM || b.length != FaceRecognitionNet.DIM) {
            throw new IllegalArgumentException("face descriptors have " + FaceRecognitionNet.DIM + " numbers, got " + a.length + " and " + b.length);
        }
        int side = FaceRecognitionNet.SIZE;
        if (chipA.getWidth() != side || chipA.getHeight() != side) {
            throw new IllegalArgumentException("the start face must be an aligned " + side + "×" + side + " chip, got "
                    + chipA.getWidth() + "×" + chipA.getHeight());
        }
        this.net = net;
        this.a = a.clone();
        this.b = b.clone();
        this.chip = chipA;
        this.o = o;
    }

    @Override
    public String name() {
        return "identity morph";
    }

    /** The descriptors the frames are drawn toward, A's first and B's last. */
    public List<float[]> targets() {
        return Walks.morph(a, b, o.walk(), o.frames());
    }

    @Override
    public Result run(JobControl control) {
        int side = FaceRecognitionNet.SIZE, n = o.frames(), k = o.stepsPerFrame();
        long total = (long) (n - 1) * k;
        List<float[]> targets = targets();
        InputGradient.Backprop backprop = InputGradient.backprop(net.graph());
        INDArray image = Nd4j.create(Images.toChw(chip, 3), new long[]{1, 3, side, side}, 'c');
        List<Frame> frames = new ArrayList<>(n);
        frames.add(frame(image, 0));
        control.report(new Progress(0, total, distances(frames.get(0)), frames.get(0).picture(), "frame 1 of " + n));
        long t0 = System.nanoTime();
        for (int i = 1; i < n; i++) {
            control.checkpoint();
            long done = (long) (i - 1) * k;
            String which = "frame " + (i + 1) + " of " + n;
            INDArray previous = image;
            Frame before = frames.get(i - 1), f;
            int round = 0;
            do {
                int r = round;
                // the frame's own steps go to the caller as the morph's, and the caller's pause and cancel act after each step
                JobControl inner = new JobControl().onProgress(p -> {
                    control.report(new Progress(done + (r == 0 ? p.step() : k), total, p.metrics(), null,
                            r == 0 ? which : which + ", more steps: not yet farther from A and nearer B"));
                    control.checkpoint();
                });
                image = new Inversion("morph " + which, backprop,
                        Objective.layerTarget(Nd4j.createFromArray(targets.get(i)).reshape(1, FaceRecognitionNet.DIM)),
                        Fourier.of(image.castTo(DataType.FLOAT)), settings(previous, i, round)).run(inner).image();
                round++;
                f = frame(image, round * k);
            } while (round <= o.extraRounds() && !(f.distanceToA() > before.distanceToA() && f.distanceToB() < before.distanceToB()));
            frames.add(f);
            control.report(new Progress(done + k, total, distances(f), f.picture(), which));
        }
        double perFrame = n > 1 ? (System.nanoTime() - t0) / 1e9 / (n - 1) : 0;
        return new Result(frames, perFrame);
    }

    /** The portrait's settings for one frame: its transforms and TV, the tether to the frame before, a seed per frame and round. */
    private Inversion.Settings settings(INDArray previous, int frame, int round) {
        IdentityPortrait.Options p = o.portrait().withSteps(o.stepsPerFrame()).withSeed(o.portrait().seed() + frame + (long) round * o.frames());
        Inversion.Settings s = IdentityPortrait.settings(p, o.stepsPerFrame());
        List<Regulariser> regs = new ArrayList<>(s.regularisers());
        if (o.tether() > 0) regs.add(new Tether(o.tether(), previous));
        return new Inversion.Settings(s.steps(), s.transforms(), regs, s.optimiser(), s.blurEvery(), s.lo(), s.hi(), s.seed(), s.previewEvery());
    }

    private Frame frame(INDArray image, int steps) {
        return new Frame(Inversion.picture(image), IdentityPortrait.distance(net, image, a), IdentityPortrait.distance(net, image, b), steps);
    }

    private static Map<String, Double> distances(Frame f) {
        return Map.of("distance_a", f.distanceToA(), "distance_b", f.distanceToB());
    }
}
