package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.face.Similarity;
import dev.latentstudio.engine.image.Images;

import java.awt.image.BufferedImage;

/**
 * What a {@link Warp} or {@link WarpAndPaint} climbed to: the start moved by a displacement field plus a painted
 * change. The picture it stands for is small (a 150×150 face chip, a 112×112 landmark cut) while the photo it was cut
 * from may hold a face of 500 pixels: {@link #onto} moves and paints the photo itself the same way, so the edit keeps
 * the photo's own detail where pasting the small picture back would upsample it.
 * <p>
 * {@code dy}, {@code dx}: [H·W] picture pixels, pixel (y, x) reads the start at (y + dy, x + dx); {@code painted}:
 * [c·H·W] in picture units ([-1, 1] pictures), or null for none.
 */
public record Moved(int channels, int height, int width, double[] dy, double[] dx, double[] painted) {
    public Moved {
        int plane = height * width;
        if (dy.length != plane || dx.length != plane) throw new IllegalArgumentException("a field of " + height + "×" + width + " expected");
        if (painted != null && painted.length != channels * plane) throw new IllegalArgumentException("a painted change of " + channels + "×" + height + "×" + width + " expected");
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("grey or RGB pictures only, got " + channels + " channels");
    }

    /**
     * A copy of {@code photo} with the move and the paint applied at its own resolution. {@code toPicture} maps photo
     * pixels to picture pixels (the cut's alignment: picture pixel q was read from the photo at its inverse);
     * {@code weight} ([H·W] in 0..1 on the picture's pixels, null for 1 everywhere) scales the move and the paint, so
     * a feathered mask fades the edit out smoothly instead of blending two pictures (which would double the edges that
     * moved). Photo pixel p, at q = toPicture(p) on the picture, reads the photo where q + weight·(dy, dx) lies and
     * adds weight · painted · 127.5 (a picture's unit in 8-bit steps); where the weight is 0 or q is off the picture the
     * photo's pixel is kept exactly.
     */
    public BufferedImage onto(BufferedImage photo, Similarity toPicture, double[] weight) {
        int h = height, w = width, plane = h * w;
        if (weight != null && weight.length != plane) throw new IllegalArgumentException("a weight of " + h + "×" + w + " expected");
        Similarity toPhoto = toPicture.inverse();
        int pw = photo.getWidth(), ph = photo.getHeight();
        double[] b = toPhoto.bounds(w, h); // the photo's neighbourhood the picture covers
        int x0 = (int) Math.max(0, Math.floor(b[0])), y0 = (int) Math.max(0, Math.floor(b[1]));
        int x1 = (int) Math.min(pw, Math.ceil(b[2]) + 1), y1 = (int) Math.min(ph, Math.ceil(b[3]) + 1);
        BufferedImage out = Images.rgbCopy(photo);
        if (x1 <= x0 || y1 <= y0) return out;
        // a moved pixel reads the start inside the picture (Warp repeats its edges), so the source lies in the same box
        int rw = x1 - x0, rh = y1 - y0;
        int[] src = out.getRGB(x0, y0, rw, rh, null, 0, rw), dst = src.clone();
        double[] rgb = new double[3];
        int[] v = new int[3];
        for (int ry = 0; ry < rh; ry++) {
            for (int rx = 0; rx < rw; rx++) {
                Point2 q = toPicture.apply(new Point2(x0 + rx, y0 + ry));
                double qx = q.x(), qy = q.y();
                if (qx < 0 || qy < 0 || qx > w - 1 || qy > h - 1) continue;
                double m = weight == null ? 1 : sample(weight, 0, h, w, qy, qx);
                if (m <= 0) continue;
                double sy = clamp(qy + m * sample(dy, 0, h, w, qy, qx), h - 1), sx = clamp(qx + m * sample(dx, 0, h, w, qy, qx), w - 1);
                Point2 s = toPhoto.apply(new Point2(sx, sy));
                read(src, rw, rh, s.x() - x0, s.y() - y0, rgb);
                for (int k = 0; k < 3; k++) {
                    double paint = painted == null ? 0 : sample(painted, (channels == 1 ? 0 : k) * plane, h, w, qy, qx);
                    v[k] = (int) Math.max(0, Math.min(255, Math.round(rgb[k] + m * 127.5 * paint)));
                }
                dst[ry * rw + rx] = 0xff000000 | v[0] << 16 | v[1] << 8 | v[2];
            }
        }
        out.setRGB(x0, y0, rw, rh, dst, 0, rw);
        return out;
    }

    /**
     * A weight of 1 on the picture that falls smoothly to 0 over its outermost {@code band} pixels: a cut's edit fades
     * out before the cut's edge, where the photo around it is untouched.
     */
    public static double[] borderTaper(int h, int w, double band) {
        double[] t = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.min(Math.min(x, w - 1 - x), Math.min(y, h - 1 - y)) / band;
                double u = Math.min(1, d);
                t[y * w + x] = u * u * (3 - 2 * u);
            }
        }
        return t;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** Plane {@code off} of {@code v} read bilinearly at (y, x), edges repeated. */
    private static double sample(double[] v, int off, int h, int w, double y, double x) {
        y = clamp(y, h - 1);
        x = clamp(x, w - 1);
        int ya = Math.min((int) y, Math.max(0, h - 2)), xa = Math.min((int) x, Math.max(0, w - 2));
        int yb = Math.min(ya + 1, h - 1), xb = Math.min(xa + 1, w - 1);
        double fy = y - ya, fx = x - xa;
        return (1 - fy) * ((1 - fx) * v[off + ya * w + xa] + fx * v[off + ya * w + xb])
                + fy * ((1 - fx) * v[off + yb * w + xa] + fx * v[off + yb * w + xb]);
    }

    /** The packed RGB pixels read bilinearly at (x, y), edges repeated. */
    private static void read(int[] px, int w, int h, double x, double y, double[] rgb) {
        y = clamp(y, h - 1);
        x = clamp(x, w - 1);
        int ya = Math.min((int) y, Math.max(0, h - 2)), xa = Math.min((int) x, Math.max(0, w - 2));
        int yb = Math.min(ya + 1, h - 1), xb = Math.min(xa + 1, w - 1);
        double fy = y - ya, fx = x - xa;
        int a = px[ya * w + xa], b = px[ya * w + xb], c = px[yb * w + xa], d = px[yb * w + xb];
        for (int k = 0; k < 3; k++) {
            int shift = 16 - 8 * k;
            rgb[k] = (1 - fy) * ((1 - fx) * ((a >> shift) & 0xff) + fx * ((b >> shift) & 0xff))
                    + fy * ((1 - fx) * ((c >> shift) & 0xff) + fx * ((d >> shift) & 0xff));
        }
    }
}
