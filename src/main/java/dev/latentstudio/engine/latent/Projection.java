package dev.latentstudio.engine.latent;

import java.util.List;

/**
 * A 2-D view of latent space: the plane through the mean of a set of vectors spanned by their two
 * principal directions (PCA by power iteration with deflation, in double). Moving a point on the map
 * moves its vector within that plane only; the rest of the vector (what the map cannot show) is kept.
 */
public final class Projection {
    private final double[] mean;
    private final double[] u;
    private final double[] v;
    private final double[] explained;

    private Projection(double[] mean, double[] u, double[] v, double[] explained) {
        this.mean = mean;
        this.u = u;
        this.v = v;
        this.explained = explained;
    }

    /** The principal plane of at least two distinct vectors of one dimension. */
    public static Projection fit(List<float[]> points) {
        if (points.size() < 2) throw new IllegalArgumentException("a map needs at least 2 points, got " + points.size());
        int dim = points.get(0).length;
        double[] mean = new double[dim];
        for (float[] p : points) {
            if (p.length != dim) throw new IllegalArgumentException("points of different dimensions: " + dim + " and " + p.length);
            for (int i = 0; i < dim; i++) mean[i] += p[i];
        }
        for (int i = 0; i < dim; i++) mean[i] /= points.size();
        double[][] x = new double[points.size()][dim];
        for (int k = 0; k < x.length; k++) for (int i = 0; i < dim; i++) x[k][i] = points.get(k)[i] - mean[i];
        double[] u = principal(x, null);
        double[] v = principal(x, u);
        double total = 0, alongU = 0, alongV = 0;
        for (double[] row : x) {
            total += dot(row, row);
            alongU += dot(row, u) * dot(row, u);
            alongV += dot(row, v) * dot(row, v);
        }
        return new Projection(mean, u, v, total == 0 ? new double[]{0, 0} : new double[]{alongU / total, alongV / total});
    }

    /** The leading eigenvector of XᵀX, orthogonal to {@code not} (when given); a fixed start keeps it deterministic. */
    private static double[] principal(double[][] x, double[] not) {
        int dim = x[0].length;
        double[] w = new double[dim];
        for (int i = 0; i < dim; i++) w[i] = 1 + 0.01 * i;
        for (int it = 0; it < 300; it++) {
            if (not != null) subtract(w, not);
            double[] next = new double[dim];
            for (double[] row : x) {
                double d = dot(row, w);
                for (int i = 0; i < dim; i++) next[i] += d * row[i];
            }
            if (not != null) subtract(next, not);
            double n = Math.sqrt(dot(next, next));
            if (n < 1e-12) { // the points span fewer directions: any unit vector orthogonal to the first will do
                return fallback(dim, not);
            }
            for (int i = 0; i < dim; i++) next[i] /= n;
            double change = 0;
            for (int i = 0; i < dim; i++) change = Math.max(change, Math.abs(next[i] - w[i]));
            w = next;
            if (change < 1e-10) break;
        }
        return w;
    }

    private static double[] fallback(int dim, double[] not) {
        for (int k = 0; k < dim; k++) {
            double[] e = new double[dim];
            e[k] = 1;
            if (not != null) subtract(e, not);
            double n = Math.sqrt(dot(e, e));
            if (n > 1e-6) {
                for (int i = 0; i < dim; i++) e[i] /= n;
                return e;
            }
        }
        throw new IllegalStateException("no direction left in " + dim + " dimensions");
    }

    private static void subtract(double[] w, double[] dir) {
        double d = dot(w, dir);
        for (int i = 0; i < w.length; i++) w[i] -= d * dir[i];
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** The map position (along the first and second principal direction) of a vector. */
    public double[] project(float[] z) {
        double a = 0, b = 0;
        for (int i = 0; i < z.length; i++) {
            double c = z[i] - mean[i];
            a += c * u[i];
            b += c * v[i];
        }
        return new double[]{a, b};
    }

    /** z moved so that its map position becomes (x, y); its components outside the plane stay as they were. */
    public float[] moveTo(float[] z, double x, double y) {
        double[] p = project(z);
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) out[i] = (float) (z[i] + (x - p[0]) * u[i] + (y - p[1]) * v[i]);
        return out;
    }

    /** The share of the points' variance (about their mean) along the first and the second direction, each in [0, 1]. */
    public double[] explained() {
        return explained.clone();
    }

    public int dim() {
        return mean.length;
    }
}
