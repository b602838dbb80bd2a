package dev.latentstudio.engine.invert;

/**
 * The cGMM's weight-learning objective (the report's equations 3–4) on a set of rows:
 * L(w) = (1/|B|) Σ_{i∈B} ‖φ_i − Φ_i‖² + λ‖w‖²  with  Φ_i = (1/|C_i|) Σ_{j∈C_i} w_j μ_j,
 * where φ_i are image i's layer activations, C_i its attributes and μ_j attribute j's mean activation.
 * Its exact gradient is dL/dw_j = −(2/|B|) Σ_{i∈B, j∈C_i} (μ_j · (φ_i − Φ_i)) / |C_i| + 2λ w_j.
 */
final class CgmmLoss {
    private final float[][] phi;
    private final int[][] attrs;
    private final double[][] mu;
    private final double lambda;

    CgmmLoss(float[][] phi, int[][] attrs, double[][] mu, double lambda) {
        if (phi.length != attrs.length) throw new IllegalArgumentException(phi.length + " activation rows for " + attrs.length + " attribute sets");
        if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        this.phi = phi;
        this.attrs = attrs;
        this.mu = mu;
        this.lambda = lambda;
    }

    int rows() {
        return phi.length;
    }

    /** L(w) over the given rows. */
    double value(double[] w, int[] rows) {
        double sum = 0;
        for (int i : rows) {
            double[] r = residual(w, i);
            for (double v : r) sum += v * v;
        }
        return sum / rows.length + lambda * dot(w, w);
    }

    /** dL/dw over the given rows. */
    double[] gradient(double[] w, int[] rows) {
        double[] g = new double[w.length];
        for (int i : rows) {
            double[] r = residual(w, i);
            double inv = 1.0 / attrs[i].length;
            for (int j : attrs[i]) g[j] -= 2 * inv * dot(mu[j], r);
        }
        for (int j = 0; j < g.length; j++) g[j] = g[j] / rows.length + 2 * lambda * w[j];
        return g;
    }

    /**
     * An upper bound on the curvature of L (the trace of its constant Hessian, which is at least its
     * largest eigenvalue): a plain SGD step of η / bound with η < 2 cannot diverge, on any layer's scale.
     */
    double curvatureBound() {
        double t = 0;
        for (int[] a : attrs) {
            for (int j : a) t += dot(mu[j], mu[j]) / ((double) a.length * a.length);
        }
        return 2 * t / attrs.length + 2 * lambda * mu.length;
    }

    /** φ_i − Φ_i. */
    private double[] residual(double[] w, int i) {
        float[] p = phi[i];
        double[] r = new double[p.length];
        for (int k = 0; k < p.length; k++) r[k] = p[k];
        double inv = 1.0 / attrs[i].length;
        for (int j : attrs[i]) {
            double c = w[j] * inv;
            double[] m = mu[j];
            for (int k = 0; k < r.length; k++) r[k] -= c * m[k];
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }
}
