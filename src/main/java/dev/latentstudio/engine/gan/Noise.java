package dev.latentstudio.engine.gan;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Deterministic randomness for training: the noise and the data order of step t depend only on
 * (seed, t), so a resumed run draws exactly what an uninterrupted one would have drawn.
 */
public final class Noise {
    private Noise() {
    }

    public static INDArray z(long seed, long step, int n, int dim) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        float[] buf = new float[n * dim];
        for (int i = 0; i < buf.length; i++) buf[i] = (float) gaussian(r);
        return Nd4j.create(buf, new long[]{n, dim}, 'c');
    }

    /** Classes drawn evenly at random for step {@code step}'s fakes (a stream apart from z's). */
    public static int[] classes(long seed, long step, int n, int k) {
        SplittableRandom r = new SplittableRandom(seed * 0xC2B2AE3D27D4EB4FL + step * 0x165667B19E3779F9L + 7);
        int[] c = new int[n];
        for (int i = 0; i < n; i++) c[i] = r.nextInt(k);
        return c;
    }

    /** Each of {@code c} {@code times} times in a row: a packed D's packs share a class. */
    public static int[] repeated(int[] c, int times) {
        int[] out = new int[c.length * times];
        for (int i = 0; i < out.length; i++) out[i] = c[i / times];
        return out;
    }

    /** Classes 0, 1, …, k−1, 0, 1, … for n pictures: previews and measurements show every class alike. */
    public static int[] cycle(int n, int k) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) c[i] = i % k;
        return c;
    }

    /** One-hot rows [n, k]. */
    public static INDArray oneHot(int[] cls, int k) {
        float[] buf = new float[cls.length * k];
        for (int i = 0; i < cls.length; i++) buf[i * k + cls[i]] = 1f;
        return Nd4j.create(buf, new long[]{cls.length, k}, 'c');
    }

    /** What a conditional G takes in: [z ; one-hot class] per row (z alone when k = 0). */
    public static INDArray input(INDArray z, int[] cls, int k) {
        return k == 0 ? z : Nd4j.hstack(z, oneHot(cls, k).castTo(z.dataType()));
    }

    /** The permutation of the data set for one epoch. */
    public static int[] permutation(long seed, long epoch, int n) {
        SplittableRandom r = new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * (epoch + 1)));
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1.0 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
