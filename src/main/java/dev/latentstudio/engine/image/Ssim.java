package dev.latentstudio.engine.image;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004) of two grey images, as their reference
 * implementation computes it: local means, variances and covariance under an 11×11 Gaussian window of
 * σ = 1.5 (weights normalised to 1), C1 = (0.01 L)², C2 = (0.03 L)² with L the dynamic range, and the mean
 * of the SSIM map over the positions where the window lies wholly inside the image ("valid": no padding
 * invents pixels; a 28×28 digit gives an 18×18 map). Symmetric; 1 only for identical images.
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    private static final double[] KERNEL = kernel();

    private Ssim() {
    }

    /** Mean SSIM of two h×w images (row by row) whose values span a range of {@code range} (1 for [0, 1]). */
    public static double of(double[] a, double[] b, int w, int h, double range) {
        if (a.length != w * h || b.length != w * h) {
            throw new IllegalArgumentException("need two " + w + "x" + h + " images, got " + a.length + " and " + b.length + " values");
        }
        if (w < WINDOW || h < WINDOW) throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + ", got " + w + "x" + h);
        if (!(range > 0)) throw new IllegalArgumentException("range must be > 0, got " + range);
        double c1 = Math.pow(0.01 * range, 2), c2 = Math.pow(0.03 * range, 2);
        double sum = 0;
        int count = 0;
        for (int y = 0; y + WINDOW <= h; y++) {
            for (int x = 0; x + WINDOW <= w; x++) {
                double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                for (int dy = 0; dy < WINDOW; dy++) {
                    for (int dx = 0; dx < WINDOW; dx++) {
                        double k = KERNEL[dy] * KERNEL[dx];
                        int i = (y + dy) * w + x + dx;
                        ma += k * a[i];
                        mb += k * b[i];
                        saa += k * a[i] * a[i];
                        sbb += k * b[i] * b[i];
                        sab += k * a[i] * b[i];
                    }
                }
                double va = saa - ma * ma, vb = sbb - mb * mb, cov = sab - ma * mb;
                sum += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        }
        return sum / count;
    }

    /** Mean SSIM of two w×h images with values in [0, 1]. */
    public static double of(double[] a, double[] b, int w, int h) {
        return of(a, b, w, h, 1);
    }

    /** The 1-D Gaussian, normalised; the 2-D window is its outer product (separable, as in the reference). */
    private static double[] kernel() {
        double[] k = new double[WINDOW];
        double s = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            s += k[i];
        }
        for (int i = 0; i < WINDOW; i++) k[i] /= s;
        return k;
    }
}
