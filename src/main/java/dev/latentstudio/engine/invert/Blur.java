package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 3×3 binomial blur ([1 2 1]/4 along each axis, edges repeated), applied to the image itself every
 * few steps rather than differentiated through: Yosinski et al.'s way of damping the high
 * frequencies that gradient ascent otherwise piles up.
 */
public final class Blur {
    private Blur() {
    }

    public static INDArray apply(INDArray image) {
        int h = (int) image.size(2), w = (int) image.size(3), plane = h * w;
        double[] v = Planes.values(image), rows = new double[v.length], out = new double[v.length];
        for (int p = 0; p < v.length; p += plane) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = p + y * w;
                    rows[r + x] = (v[r + Math.max(x - 1, 0)] + 2 * v[r + x] + v[r + Math.min(x + 1, w - 1)]) / 4;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int up = p + Math.max(y - 1, 0) * w + x, down = p + Math.min(y + 1, h - 1) * w + x;
                    out[p + y * w + x] = (rows[up] + 2 * rows[p + y * w + x] + rows[down]) / 4;
                }
            }
        }
        return Planes.like(out, image);
    }
}
