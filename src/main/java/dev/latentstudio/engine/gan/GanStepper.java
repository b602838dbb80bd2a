package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final INDArray z;
    private final List<int[]> realArgb;

    GanStepper(GanSession session, INDArray real, INDArray z) {
        this.session = session;
        this.real = real;
        this.z = z;
        this.realArgb = toArgb(real);
    }

    /** Fresh networks (the DCGAN initialisation) on {@code batch} digits and noise vectors chosen by {@code seed}. */
    public static GanStepper fresh(Digits data, int batch, long seed, double lr) {
        GanSession s = new GanSession(Dcgan.generator(seed, lr), Dcgan.discriminator(seed + 1, lr), 0, 0);
        return new GanStepper(s, realBatch(data, batch, seed), Noise.z(seed, -3, batch, Dcgan.Z));
    }

    /** Continues the networks of a training run's checkpoint (e.g. a stopped run) one update at a time. */
    public static GanStepper fromCheckpoint(Path runDir, Digits data, int batch, long seed) throws IOException {
        GanSession s = Checkpoint.read(runDir).session();
        return new GanStepper(s, realBatch(data, batch, seed), Noise.z(seed, -3, batch, Dcgan.Z));
    }

    private static INDArray realBatch(Digits data, int batch, long seed) {
        if (batch < 1 || batch > data.size()) {
            throw new IllegalArgumentException("batch must be 1.." + data.size() + ", got " + batch);
        }
        int[] perm = Noise.permutation(seed, -3, data.size());
        int[] idx = new int[batch];
        System.arraycopy(perm, 0, idx, 0, batch);
        return data.batch(idx);
    }

    /** One update of D: push its score up on the fixed real batch and down on G's current fakes. */
    public synchronized Snapshot stepDiscriminator() {
        session.trainDiscriminator(real, session.fakes(z));
        return snapshot();
    }

    /** One update of G: move its fakes toward what D currently scores as real (loss −log D(G(z))). */
    public synchronized Snapshot stepGenerator() {
        session.trainGenerator(session.fakes(z));
        return snapshot();
    }

    /** Scores and losses now, measured as during the updates (training-mode BatchNorm, batch statistics). */
    public synchronized Snapshot snapshot() {
        INDArray fake = session.fakes(z);
        float[] pr = session.discriminator().output(real, true).dup('c').data().asFloat();
        float[] pf = session.discriminator().output(fake, true).dup('c').data().asFloat();
        double lr = 0, lf = 0, lg = 0;
        for (float p : pr) lr -= Math.log(p + EPS);
        for (float p : pf) {
            lf -= Math.log(1 - p + EPS);
            lg -= Math.log(p + EPS);
        }
        return new Snapshot(session.dUpdates(), session.gUpdates(), lr / pr.length + lf / pf.length, lg / pf.length,
                pr, pf, realArgb, toArgb(fake), (int) real.size(3), (int) real.size(2));
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
