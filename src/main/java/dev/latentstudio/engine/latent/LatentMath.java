package dev.latentstudio.engine.latent;

import java.util.List;
import java.util.Random;

/**
 * Latent-vector arithmetic on plain float arrays. Sums are taken in double so that results do not
 * depend on the order of float rounding; results are returned as new arrays, inputs are never changed.
 */
public final class LatentMath {

    private LatentMath() {
    }

    /** A standard normal vector, the same for the same seed on every machine (java.util.Random is specified). */
    public static float[] gaussian(long seed, int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("latent dimension must be positive, got " + dim);
        }
        Random r = new Random(seed);
        float[] z = new float[dim];
        for (int i = 0; i < dim; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }

    public static float[] lerp(float[] a, float[] b, double t) {
        sameDim(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((1 - t) * a[i] + t * b[i]);
        }
        return out;
    }

    /**
     * Spherical interpolation of the directions of a and b, with the length going linearly from |a| to |b|.
     * Gaussian latents live near a sphere, so this keeps in-between points typical where lerp would shrink them.
     */
    public static float[] slerp(float[] a, float[] b, double t) {
        sameDim(a, b);
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return lerp(a, b, t);
        }
        double cos = Math.max(-1, Math.min(1, dot(a, b) / (na * nb)));
        // (anti)parallel: the great circle is undefined or sin(omega) ~ 0, so the formula below breaks down
        if (Math.abs(cos) > 1 - 1e-6) {
            return lerp(a, b, t);
        }
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        double wa = Math.sin((1 - t) * omega) / sin / na;
        double wb = Math.sin(t * omega) / sin / nb;
        double len = (1 - t) * na + t * nb;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (len * (wa * a[i] + wb * b[i]));
        }
        return out;
    }

    /**
     * A closed loop on the sphere of the given radius: a circle through the directions of a and b,
     * pushed towards c and back twice per turn by {@code wobble}. Phase 0 (and 1) is radius * a/|a|.
     */
    public static float[] dance(float[] a, float[] b, float[] c, double radius, double wobble, double phase) {
        sameDim(a, b);
        sameDim(a, c);
        double[] u = orthonormal(a, null, null, "a is the zero vector");
        double[] v = orthonormal(b, u, null, "b is parallel to a, so they span no plane to circle in");
        // w only matters when wobbling, so a degenerate c is fine otherwise
        double[] w = wobble == 0 ? new double[a.length]
                : orthonormal(c, u, v, "c lies in the plane of a and b, so there is no direction to wobble in");
        double p = 2 * Math.PI * phase;
        double cu = Math.cos(p);
        double cv = Math.sin(p);
        double cw = wobble * Math.sin(2 * p);
        // u, v, w are orthonormal, so the length of the combination is known without a second pass
        double scale = radius / Math.sqrt(cu * cu + cv * cv + cw * cw);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (scale * (cu * u[i] + cv * v[i] + cw * w[i]));
        }
        return out;
    }

    /** a − b + c: "the a of b, applied to c" (e.g. smiling woman − woman + man). */
    public static float[] arith(float[] a, float[] b, float[] c) {
        sameDim(a, b);
        sameDim(a, c);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((double) a[i] - b[i] + c[i]);
        }
        return out;
    }

    public static float[] average(List<float[]> vs) {
        if (vs == null || vs.isEmpty()) {
            throw new IllegalArgumentException("cannot average an empty list of vectors");
        }
        int dim = vs.get(0).length;
        double[] sum = new double[dim];
        for (int k = 0; k < vs.size(); k++) {
            float[] v = vs.get(k);
            if (v.length != dim) {
                throw new IllegalArgumentException(
                        "cannot average vectors of different dimensions: vector 0 has " + dim + ", vector " + k + " has " + v.length);
            }
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i];
            }
        }
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (sum[i] / vs.size());
        }
        return out;
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** Cosine similarity; 0 when either vector is zero, since it then has no direction. */
    public static double cosine(float[] a, float[] b) {
        sameDim(a, b);
        double n = norm(a) * norm(b);
        return n == 0 ? 0 : dot(a, b) / n;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** One Gram-Schmidt step: x minus its parts along p and q (either may be null), normalised. */
    private static double[] orthonormal(float[] x, double[] p, double[] q, String degenerate) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i];
        }
        double len0 = Math.sqrt(dotD(r, r));
        for (double[] basis : new double[][] {p, q}) {
            if (basis != null) {
                double d = dotD(r, basis);
                for (int i = 0; i < r.length; i++) {
                    r[i] -= d * basis[i];
                }
            }
        }
        double len = Math.sqrt(dotD(r, r));
        // relative test: what is left after projection must be more than float noise
        if (len0 == 0 || len <= 1e-6 * len0) {
            throw new IllegalArgumentException("cannot build a dance trajectory: " + degenerate);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] /= len;
        }
        return r;
    }

    private static double dotD(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void sameDim(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "latent vectors have different dimensions: " + a.length + " and " + b.length);
        }
    }
}
