package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.TrainingData;
import dev.latentstudio.engine.image.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GAN training in slow motion, for the studio's step mode (GAN Lab's idea, on images): one
 * discriminator update or one generator update at a time, always on the same real batch and the
 * same noise batch, so what each update does shows on those pictures and on D's scores. Training on
 * one fixed batch is the teaching trade-off: every change on screen is caused by the update just made.
 * Methods are synchronised, so updates never interleave.
 */
public final class GanStepper {

    /**
     * The state after an update: D's score P(real) per image of the fixed real batch and of the fakes
     * G makes from the fixed noise, the losses on those batches, and the pictures as opaque ARGB.
     */
    public record Snapshot(long dUpdates, long gUpdates, double dLoss, double gLoss,
                           float[] realScores, float[] fakeScores,
                           List<int[]> real, List<int[]> fakes, int width, int height) {

        public double meanRealScore() {
            return mean(realScores);
        }

        public double meanFakeScore() {
            return mean(fakeScores);
        }

        private static double mean(float[] v) {
            double s = 0;
            for (float x : v) s += x;
            return v.length == 0 ? Double.NaN : s / v.length;
        }
    }

    private static final double EPS = 1e-7;
    private final GanSession session;
    private final INDArray real;
    /** The real batch's classes and, slot by slot, the classes G is asked for (one-hot; null for a plain pair). */
    private final INDArray classes;
    /** What G takes: [z ; classes]. */
    private final INDArray gInput;
    private final List<int[]> realArgb;

    private GanStepper(GanSession session, INDArray real, INDArray classes, INDArray gInput) {
        this.session = session;
        this.real = real;
        this.classes = classes;
        this.gInput = gInput;
        this.realArgb = toArgb(real);
    }

    /**
     * Fresh networks (the DCGAN initialisation) of {@code arch} on {@code batch} pictures of {@code data} and
     * noise vectors chosen by {@code seed}; a conditional pair's fakes are asked for the real pictures' classes.
     */
    public static GanStepper fresh(Dcgan.Architecture arch, TrainingData data, int batch, long seed, double lr) throws IOException {
        DcganTrainer.checkData(arch, data, null);
        GanSession s = new GanSession(arch.generator(seed, lr), arch.discriminator(seed + 1, lr, 1), 0, 0);
        return on(s, arch, data, batch, seed);
    }

    /**
     * Continues the networks of a training run's checkpoint (e.g. a stopped run) one update at a time, on
     * the run's kind of data; a packed D gets whole packs (the batch rounded down), each of one class.
     */
    public static GanStepper fromCheckpoint(Path runDir, TrainingData data, int batch, long seed) throws IOException {
        Checkpoint.Loaded run = Checkpoint.read(runDir);
        DcganTrainer.checkData(run.state().architecture(), data, runDir);
        return on(run.session(), run.state().architecture(), data, batch, seed);
    }

    private static GanStepper on(GanSession s, Dcgan.Architecture arch, TrainingData data, int batch, long seed) {
        int pack = s.pack(), k = arch.classes(), n = batch / pack * pack;
        if (n < pack || n > data.size()) {
            throw new IllegalArgumentException("batch must be " + pack + ".." + data.size() + (pack > 1 ? " (whole packs of " + pack + ")" : "") + ", got " + batch);
        }
        int[] perm = Noise.permutation(seed, -3, data.size());
        // a conditional packed D judges packs of one class: each drawn picture with partners of its class
        int[] idx = k > 0 && pack > 1
                ? DataOrder.withPartners(Arrays.copyOf(perm, n / pack), pack, DataOrder.byClass(data.labels(), k), data.labels(), seed, -3)
                : Arrays.copyOf(perm, n);
        int[] labels = k > 0 ? data.labelsAt(idx) : null;
        INDArray classes = k > 0 ? Noise.oneHot(labels, k) : null;
        return new GanStepper(s, data.batch(idx), classes, Noise.input(Noise.z(seed, -3, n, arch.z()), labels, k));
    }

    /** One update of D: push its score up on the fixed real batch and down on G's current fakes. */
    public synchronized Snapshot stepDiscriminator() {
        session.trainDiscriminator(real, classes, session.fakes(gInput), classes);
        return snapshot();
    }

    /** One update of G: move its fakes toward what D currently scores as real (loss −log D(G(z))). */
    public synchronized Snapshot stepGenerator() {
        session.trainGenerator(session.fakes(gInput), classes);
        return snapshot();
    }

    /**
     * Scores and losses now, measured as during the updates (training-mode BatchNorm, batch statistics).
     * A packed D scores a pack: each of its pictures shows the pack's score.
     */
    public synchronized Snapshot snapshot() {
        INDArray fake = session.fakes(gInput);
        float[] pr = perPicture(session.realProbability(real, classes)), pf = perPicture(session.realProbability(fake, classes));
        double lr = 0, lf = 0, lg = 0;
        for (float p : pr) lr -= Math.log(p + EPS);
        for (float p : pf) {
            lf -= Math.log(1 - p + EPS);
            lg -= Math.log(p + EPS);
        }
        return new Snapshot(session.dUpdates(), session.gUpdates(), lr / pr.length + lf / pf.length, lg / pf.length,
                pr, pf, realArgb, toArgb(fake), (int) real.size(3), (int) real.size(2));
    }

    private float[] perPicture(INDArray perPack) {
        float[] p = perPack.dup('c').data().asFloat(), out = new float[p.length * session.pack()];
        for (int i = 0; i < out.length; i++) out[i] = p[i / session.pack()];
        return out;
    }

    private static List<int[]> toArgb(INDArray nchw) {
        int n = (int) nchw.size(0), c = (int) nchw.size(1), h = (int) nchw.size(2), w = (int) nchw.size(3);
        float[] all = nchw.dup('c').data().asFloat();
        int per = c * h * w;
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] one = new float[per];
            System.arraycopy(all, i * per, one, 0, per);
            out.add(Images.toArgb(one, c, h, w));
        }
        return List.copyOf(out);
    }
}
