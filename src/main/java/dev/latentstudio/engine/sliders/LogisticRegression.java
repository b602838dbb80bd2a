package dev.latentstudio.engine.sliders;

/**
 * Binary logistic regression fitted by Newton's method (iteratively reweighted least squares) with a
 * small ridge penalty, for InterFaceGAN's linear boundaries in a latent space of a few dozen
 * dimensions: exact, deterministic and a few milliseconds for thousands of points.
 */
public final class LogisticRegression {
    private LogisticRegression() {
    }

    /**
     * Weights w (length d) and bias (index d) of P(y = 1 | x) = σ(w·x + b).
     *
     * @param ridge penalty λ‖w‖² that keeps separable data from diverging
     */
    public static double[] fit(double[][] x, boolean[] y, double ridge) {
        int n = x.length, d = x[0].length, p = d + 1;
        double[] beta = new double[p];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[p];
            double[][] hess = new double[p][p];
            for (int i = 0; i < n; i++) {
                double s = beta[d];
                for (int j = 0; j < d; j++) s += beta[j] * x[i][j];
                double mu = 1 / (1 + Math.exp(-s)), wgt = Math.max(mu * (1 - mu), 1e-9), r = (y[i] ? 1 : 0) - mu;
                for (int j = 0; j < p; j++) {
                    double xj = j == d ? 1 : x[i][j];
                    grad[j] += r * xj;
                    double[] hj = hess[j];
                    for (int k = j; k < p; k++) hj[k] += wgt * xj * (k == d ? 1 : x[i][k]);
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) hess[j][k] = hess[k][j];
                if (j < d) {
                    hess[j][j] += 2 * ridge;
                    grad[j] -= 2 * ridge * beta[j];
                }
            }
            double[] step = solve(hess, grad);
            double size = 0;
            for (int j = 0; j < p; j++) {
                beta[j] += step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < 1e-8) break;
        }
        return beta;
    }

    /** Solves the symmetric positive definite system A x = b (Cholesky). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }
}
