package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The picture as its original moved by a smooth displacement field: the parameters are the field's values on a coarse
 * grid of control points (every {@code spacing} pixels, bilinear in between), in pixels, and pixel (y, x) of the image
 * is the original read bilinearly at (y + dy, x + dx) (edges repeated). A climb through it can move what is in the
 * picture but cannot paint: no speckle, no blotches, the photo's own texture everywhere, which is what a landmark
 * move (open the mouth, raise the brows) asks for. What it cannot give, a change of colour, it does not try.
 * <p>
 * {@link #setImage} (clipping, blur) keeps the difference from the warped original as a fixed residual added to every
 * later image, so the parameterisation gives back exactly what it is given; for a warp of a picture in [-1, 1] the
 * clip changes nothing and the residual stays 0.
 * <p>
 * Shapes: params [2, gh, gw] (dy, dx per control point), image [1, c, H, W].
 */
public final class Warp implements Parameterisation {
    private final int c, h, w, gh, gw;
    private final double[] original; // [c][H][W]
    private final DataType type;
    private final INDArray params;
    private final Bilinear upsample; // the control points' field to every pixel's
    private double[] residual;       // null: none

    private Warp(INDArray picture, int spacing) {
        if (picture.rank() != 4 || picture.size(0) != 1) throw new IllegalArgumentException("a warp takes one NCHW picture");
        if (spacing < 1) throw new IllegalArgumentException("the control points' spacing must be >= 1 pixel, got " + spacing);
        c = (int) picture.size(1);
        h = (int) picture.size(2);
        w = (int) picture.size(3);
        gh = (h - 1 + spacing - 1) / spacing + 1;
        gw = (w - 1 + spacing - 1) / spacing + 1;
        original = Planes.values(picture);
        type = picture.dataType();
        params = Nd4j.zeros(type, 2, gh, gw);
        // the corner control points on the corner pixels, the others evenly between (the field in double: see field())
        upsample = Bilinear.of(gh, gw, h, w, (y, x, yx) -> {
            yx[0] = y * (gh - 1) / (double) Math.max(1, h - 1);
            yx[1] = x * (gw - 1) / (double) Math.max(1, w - 1);
        });
    }

    /** The picture [1, c, H, W] unmoved, with control points every {@code spacing} pixels. */
    public static Warp of(INDArray picture, int spacing) {
        return new Warp(picture, spacing);
    }

    @Override
    public INDArray params() {
        return params;
    }

    /**
     * The displacement of every pixel, [2][H·W] (dy, dx), from the control points. In double: a field rounded to float
     * moves a landmark run's held-out result by tenths of a pixel (see docs/inversion.md).
     */
    public double[][] field() {
        double[] f = Planes.values(upsample.apply(params.castTo(DataType.DOUBLE).reshape(1, 2, gh, gw)));
        return new double[][]{java.util.Arrays.copyOfRange(f, 0, h * w), java.util.Arrays.copyOfRange(f, h * w, 2 * h * w)};
    }

    @Override
    public INDArray image() {
        return Planes.like(warped(field(), null, null), new long[]{1, c, h, w}, type);
    }

    /**
     * The original read at the moved positions (plus the residual); with {@code gy, gx} given, also the image's
     * derivative along y and x at each pixel of each channel, for the pull-back.
     */
    private double[] warped(double[][] f, double[] gy, double[] gx) {
        double[] out = new double[c * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                double sy = y + f[0][p], sx = x + f[1][p];
                // outside the picture the edge repeats: there the image does not change with the position
                boolean inY = sy >= 0 && sy <= h - 1, inX = sx >= 0 && sx <= w - 1;
                sy = Math.max(0, Math.min(h - 1, sy));
                sx = Math.max(0, Math.min(w - 1, sx));
                int y0 = Math.min((int) sy, h - 2 < 0 ? 0 : h - 2), x0 = Math.min((int) sx, w - 2 < 0 ? 0 : w - 2);
                int y1 = Math.min(y0 + 1, h - 1), x1 = Math.min(x0 + 1, w - 1);
                double fy = sy - y0, fx = sx - x0;
                for (int ch = 0; ch < c; ch++) {
                    int b = ch * plane;
                    double a00 = original[b + y0 * w + x0], a01 = original[b + y0 * w + x1];
                    double a10 = original[b + y1 * w + x0], a11 = original[b + y1 * w + x1];
                    out[b + p] = (1 - fy) * ((1 - fx) * a00 + fx * a01) + fy * ((1 - fx) * a10 + fx * a11)
                            + (residual == null ? 0 : residual[b + p]);
                    if (gy != null) {
                        gy[b + p] = inY ? (1 - fx) * (a10 - a00) + fx * (a11 - a01) : 0;
                        gx[b + p] = inX ? (1 - fy) * (a01 - a00) + fy * (a11 - a10) : 0;
                    }
                }
            }
        }
        return out;
    }

    /** The field, with the residual {@link #setImage} kept (clipping, blur) as the painted change. */
    @Override
    public Moved moved() {
        double[][] f = field();
        return new Moved(c, h, w, f[0], f[1], residual == null ? null : residual.clone());
    }

    @Override
    public INDArray paramGradient(INDArray imageGradient) {
        double[] g = Planes.values(imageGradient);
        int plane = h * w;
        double[] gy = new double[c * plane], gx = new double[c * plane];
        warped(field(), gy, gx);
        double[] perPixel = new double[2 * plane]; // d loss / d (dy, dx) at each pixel
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < c; ch++) {
                perPixel[p] += g[ch * plane + p] * gy[ch * plane + p];
                perPixel[plane + p] += g[ch * plane + p] * gx[ch * plane + p];
            }
        }
        INDArray grid = upsample.adjoint(Nd4j.create(perPixel, new long[]{1, 2, h, w}, 'c'));
        return grid.reshape(2, gh, gw).castTo(params.dataType());
    }

    @Override
    public void setImage(INDArray image) {
        double[] target = Planes.values(image);
        residual = null;
        double[] plain = warped(field(), null, null);
        double[] r = new double[target.length];
        boolean any = false;
        for (int i = 0; i < r.length; i++) {
            r[i] = target[i] - plain[i];
            any |= Math.abs(r[i]) > 1e-6;
        }
        residual = any ? r : null;
    }
}
