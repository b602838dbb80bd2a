package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * weight · Σ (√(dx² + dy² + ε²) − ε) over pixels and channels, with forward differences (zero past
 * the last row and column): isotropic total variation, smoothed by ε so that its gradient exists
 * everywhere. It favours flat areas with sharp edges (strokes) over speckle.
 */
public final class TotalVariation implements Regulariser {
    private final double weight, eps;

    public TotalVariation(double weight, double eps) {
        if (eps <= 0) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        this.weight = weight;
        this.eps = eps;
    }

    @Override
    public String name() {
        return "tv";
    }

    @Override
    public double value(INDArray image) {
        int h = (int) image.size(2), w = (int) image.size(3), plane = h * w;
        double[] v = Planes.values(image);
        double sum = 0;
        for (int p = 0; p < v.length; p += plane) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = dx(v, p, y, x, h, w), dy = dy(v, p, y, x, h, w);
                    sum += Math.sqrt(dx * dx + dy * dy + eps * eps) - eps;
                }
            }
        }
        return weight * sum;
    }

    @Override
    public INDArray gradient(INDArray image) {
        int h = (int) image.size(2), w = (int) image.size(3), plane = h * w;
        double[] v = Planes.values(image), g = new double[v.length];
        for (int p = 0; p < v.length; p += plane) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = dx(v, p, y, x, h, w), dy = dy(v, p, y, x, h, w);
                    double s = Math.sqrt(dx * dx + dy * dy + eps * eps);
                    // the term at (y, x) depends on x[y, x] (−), x[y, x+1] (+ via dx) and x[y+1, x] (+ via dy)
                    int i = p + y * w + x;
                    g[i] -= (dx + dy) / s;
                    if (x + 1 < w) g[i + 1] += dx / s;
                    if (y + 1 < h) g[i + w] += dy / s;
                }
            }
        }
        for (int i = 0; i < g.length; i++) g[i] *= weight;
        return Planes.like(g, image);
    }

    private static double dx(double[] v, int p, int y, int x, int h, int w) {
        return x + 1 < w ? v[p + y * w + x + 1] - v[p + y * w + x] : 0;
    }

    private static double dy(double[] v, int p, int y, int x, int h, int w) {
        return y + 1 < h ? v[p + (y + 1) * w + x] - v[p + y * w + x] : 0;
    }
}
