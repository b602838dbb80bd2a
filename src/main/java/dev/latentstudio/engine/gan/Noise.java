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
