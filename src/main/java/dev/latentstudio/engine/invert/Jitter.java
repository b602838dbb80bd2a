package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * Shifts the image by a random whole number of pixels, up to {@code max} each way, wrapping at the
 * edges. A wrapped shift is a permutation, so its adjoint is exactly the opposite shift and nothing
 * is lost at the borders (for digits the border is background anyway).
 */
public final class Jitter implements Transform {
    private final int max;

    public Jitter(int max) {
        if (max < 0) throw new IllegalArgumentException("jitter must be >= 0, got " + max);
        this.max = max;
    }

    @Override
    public Applied apply(INDArray image, Random rnd) {
        int dy = rnd.nextInt(2 * max + 1) - max, dx = rnd.nextInt(2 * max + 1) - max;
        return shift(image, dy, dx);
    }

    /** The image moved down by dy and right by dx (wrapping), with its adjoint. */
    public static Applied shift(INDArray image, int dy, int dx) {
        INDArray moved = roll(image, dy, dx);
        return new Applied() {
            @Override
            public INDArray image() {
                return moved;
            }

            @Override
            public INDArray pullBack(INDArray gradient) {
                return roll(gradient, -dy, -dx);
            }
        };
    }

    static INDArray roll(INDArray x, int dy, int dx) {
        int h = (int) x.size(2), w = (int) x.size(3), plane = h * w;
        double[] v = Planes.values(x), out = new double[v.length];
        for (int p = 0; p < v.length; p += plane) {
            for (int y = 0; y < h; y++) {
                int ty = Math.floorMod(y + dy, h);
                for (int c = 0; c < w; c++) out[p + ty * w + Math.floorMod(c + dx, w)] = v[p + y * w + c];
            }
        }
        return Planes.like(out, x);
    }
}
