package dev.latentstudio.engine.classify;

/**
 * Statistics of a classifier's feature vectors that judge a generator beyond its class scores: the
 * Fréchet distance between two sets (FID's formula on our own classifier's features) and the mean
 * pairwise distance within a set (a collapsed class has a small one).
 */
public final class FeatureStats {
    private FeatureStats() {
    }

    /** ‖μa − μb‖² + tr Σa + tr Σb − 2 tr (Σa^½ Σb Σa^½)^½, rows are samples. */
    public static double frechet(double[][] a, double[][] b) {
        int d = a[0].length;
        double[] ma = mean(a), mb = mean(b);
        double[][] sa = covariance(a, ma), sb = covariance(b, mb);
        double dist = 0, tr = 0;
        for (int i = 0; i < d; i++) {
            dist += (ma[i] - mb[i]) * (ma[i] - mb[i]);
            tr += sa[i][i] + sb[i][i];
        }
        // Σa^½ from Σa's eigen-decomposition, then the eigenvalues of the symmetric Σa^½ Σb Σa^½
        Eigen ea = eigen(sa);
        double[][] root = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += ea.vectors[i][k] * Math.sqrt(Math.max(ea.values[k], 0)) * ea.vectors[j][k];
                root[i][j] = s;
            }
        }
        double[][] m = multiply(multiply(root, sb), root);
        double cross = 0;
        for (double v : eigen(m).values) cross += Math.sqrt(Math.max(v, 0));
        return Math.max(0, dist + tr - 2 * cross);
    }

    /** Mean Euclidean distance over all pairs of rows (NaN for fewer than two). */
    public static double meanPairwiseDistance(double[][] x) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double t = x[i][k] - x[j][k];
                    s += t * t;
                }
                sum += Math.sqrt(s);
            }
        }
        return sum / (n * (n - 1) / 2.0);
    }

    static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) for (int i = 0; i < m.length; i++) m[i] += r[i] / x.length;
        return m;
    }

    /** Unbiased sample covariance. */
    static double[][] covariance(double[][] x, double[] m) {
        int d = m.length;
        double[][] c = new double[d][d];
        double[] t = new double[d];
        for (double[] r : x) {
            for (int i = 0; i < d; i++) t[i] = r[i] - m[i];
            for (int i = 0; i < d; i++) {
                double ti = t[i];
                if (ti == 0) continue;
                double[] ci = c[i];
                for (int j = i; j < d; j++) ci[j] += ti * t[j];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= Math.max(1, x.length - 1);
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double v = a[i][p];
                if (v == 0) continue;
                for (int j = 0; j < m; j++) out[i][j] += v * b[p][j];
            }
        }
        return out;
    }

    /** Eigenvalues and eigenvectors (columns of {@code vectors}) of a symmetric matrix. */
    public record Eigen(double[] values, double[][] vectors) {
    }

    /** Cyclic Jacobi rotations: slow for big matrices, exact to double rounding, and a few lines (d ≈ 256 here). */
    public static Eigen eigen(double[][] sym) {
        int n = sym.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = sym[i].clone();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = a[i][i];
        return new Eigen(values, v);
    }
}
