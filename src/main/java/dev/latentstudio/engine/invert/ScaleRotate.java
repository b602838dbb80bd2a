package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * Zooms the image by a random factor in [1 − s, 1 + s] and turns it by a random angle in ±d degrees about
 * its centre, by bilinear resampling (edges repeated): Lucid's random_scale and random_rotate. A picture
 * that still scores after small zooms and turns has features of a size and orientation the network
 * recognises, not a pixel pattern tuned to one position. The resampling is linear, so the pull-back is
 * its exact adjoint.
 */
public final class ScaleRotate implements Transform {
    /** The defaults: ±5 % zoom, ±5°. */
    public static final ScaleRotate DEFAULT = new ScaleRotate(0.05, 5);

    private final double scale, degrees;

    public ScaleRotate(double scale, double degrees) {
        if (!(scale >= 0 && scale < 0.5) || !(degrees >= 0 && degrees <= 45)) {
            throw new IllegalArgumentException("scale must be in [0, 0.5) and degrees in [0, 45], got " + scale + ", " + degrees);
        }
        this.scale = scale;
        this.degrees = degrees;
    }

    @Override
    public Applied apply(INDArray image, Random rnd) {
        double s = 1 + scale * (2 * rnd.nextDouble() - 1), a = degrees * (2 * rnd.nextDouble() - 1);
        return of(image, s, a);
    }

    /** The image zoomed by {@code s} and turned by {@code degrees}, with its adjoint. */
    public static Applied of(INDArray image, double s, double degrees) {
        int h = (int) image.size(2), w = (int) image.size(3);
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0, t = Math.toRadians(degrees), cos = Math.cos(t), sin = Math.sin(t);
        // each output pixel reads from the inverse map: turned back by −t, shrunk by 1/s, about the centre
        Bilinear map = Bilinear.of(h, w, h, w, (y, x, yx) -> {
            double qy = y - cy, qx = x - cx;
            yx[0] = cy + (cos * qy + sin * qx) / s;
            yx[1] = cx + (-sin * qy + cos * qx) / s;
        });
        INDArray moved = map.apply(image);
        return new Applied() {
            @Override
            public INDArray image() {
                return moved;
            }

            @Override
            public INDArray pullBack(INDArray gradient) {
                return map.adjoint(gradient);
            }
        };
    }
}
