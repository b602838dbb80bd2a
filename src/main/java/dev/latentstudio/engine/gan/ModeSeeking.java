package dev.latentstudio.engine.gan;

/**
 * The mode-seeking regulariser of MSGAN (Mao et al. 2019): for each pair of fakes of one class in a
 * batch, r = mean|G(z₁) − G(z₂)| / mean|z₁ − z₂| (how far apart two latents' pictures lie, per unit
 * of latent distance), and G's loss gains the mean over those pairs of 1 / (r + ε). A generator that
 * draws one picture per class whatever z is has r → 0, so the term pushes hardest on the pairs that
 * have collapsed (the paper's form; a plain −r would push every pair alike and without bound).
 */
final class ModeSeeking {
    /** The paper's ε. */
    static final double EPS = 1e-5;

    private ModeSeeking() {
    }

    /**
     * The loss, and into {@code grad} (zeroed first) its gradient with respect to x.
     *
     * @param x        the fakes, {@code perImage} values a row
     * @param z        the latents, {@code zDim} values a row (a conditional G's class inputs left out)
     * @param classes  each row's class; rows pair only within a class
     * @return the mean of 1 / (r + ε) over the pairs (0 when no two rows share a class)
     */
    static double lossAndGradient(double[] x, int perImage, double[] z, int zDim, int[] classes, double[] grad) {
        int n = classes.length;
        java.util.Arrays.fill(grad, 0);
        int pairs = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (classes[i] == classes[j]) pairs++;
        if (pairs == 0) return 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (classes[i] != classes[j]) continue;
                double dx = 0, dz = 0;
                for (int k = 0; k < perImage; k++) dx += Math.abs(x[i * perImage + k] - x[j * perImage + k]);
                for (int k = 0; k < zDim; k++) dz += Math.abs(z[i * zDim + k] - z[j * zDim + k]);
                dx /= perImage;
                dz /= zDim;
                double inv = 1 / (dx / dz + EPS);
                loss += inv;
                // d(1/(r+ε))/dx_ik = −1/(r+ε)² · sign(x_ik − x_jk) / (perImage · dz), and the opposite for x_jk
                double c = -inv * inv / (perImage * dz * pairs);
                for (int k = 0; k < perImage; k++) {
                    double s = Math.signum(x[i * perImage + k] - x[j * perImage + k]) * c;
                    grad[i * perImage + k] += s;
                    grad[j * perImage + k] -= s;
                }
            }
        }
        return loss / pairs;
    }
}
