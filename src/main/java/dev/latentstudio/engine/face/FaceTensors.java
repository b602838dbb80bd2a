package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * face-api's input preparation for its face networks (NetInput.toBatchTensor on a face tensor), giving the
 * numbers it gives: crop the box's pixels (clipped and floored), pad to a square with zeros split about the
 * centre (padToSquare: round(d/2) after, the rest before), resize bilinearly as tf.image.resizeBilinear with
 * alignCorners and halfPixelCenters false, as NCHW RGB floats in 0..255. Then the nets' normalisation.
 */
public final class FaceTensors {
    private FaceTensors() {
    }

    /** The whole image as [1, 3, h, w] RGB 0..255 (an input already at the net's size needs no resize). */
    public static INDArray rgb(BufferedImage img) {
        return planes(img, 0, 0, img.getWidth(), img.getHeight());
    }

    /** The pixels face-api crops for this box; an IllegalArgumentException when none are inside the image. */
    public static FaceBox region(BufferedImage img, FaceBox box) {
        FaceBox c = box.clipAtImageBorders(img.getWidth(), img.getHeight());
        if (c.isEmpty()) {
            throw new IllegalArgumentException("face box " + box + " lies outside the " + img.getWidth() + "×"
                    + img.getHeight() + " image");
        }
        return c;
    }

    /** The net input for the face in {@code box}: crop, centred padToSquare, resize to size×size: [1, 3, size, size]. */
    public static INDArray netInput(BufferedImage img, FaceBox box, int size) {
        FaceBox c = region(img, box);
        int w = (int) c.width(), h = (int) c.height();
        int[] argb = img.getRGB((int) c.x(), (int) c.y(), w, h, null, 0, w);
        int side = Math.max(w, h), diff = side - Math.min(w, h);
        int before = diff - (int) Math.round(diff * 0.5); // padToSquare appends round(d/2), prepends the rest
        int offX = w < h ? before : 0, offY = h < w ? before : 0;
        float[] square = new float[3 * side * side]; // CHW, zero padding
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                int p = argb[yy * w + xx], at = (yy + offY) * side + xx + offX;
                square[at] = (p >> 16) & 0xff;
                square[side * side + at] = (p >> 8) & 0xff;
                square[2 * side * side + at] = p & 0xff;
            }
        }
        float[] out = side == size ? square : resizeBilinear(square, side, side, size, size);
        return Nd4j.create(out, new long[]{1, 3, size, size}, 'c');
    }

    /**
     * tf.image.resizeBilinear(x, [oh, ow], alignCorners=false, halfPixelCenters=false) on CHW planes: source
     * coordinate r·(ih/oh), floor and ceil rows (clamped), lerp columns first, then rows.
     */
    static float[] resizeBilinear(float[] chw, int ih, int iw, int oh, int ow) {
        int planes = chw.length / (ih * iw);
        float[] out = new float[planes * oh * ow];
        float rowRatio = (float) ih / oh, colRatio = (float) iw / ow;
        for (int r = 0; r < oh; r++) {
            float fr = rowRatio * r;
            int top = (int) Math.floor(fr), bottom = Math.min(ih - 1, (int) Math.ceil(fr));
            float dr = fr - top;
            for (int c = 0; c < ow; c++) {
                float fc = colRatio * c;
                int left = (int) Math.floor(fc), right = Math.min(iw - 1, (int) Math.ceil(fc));
                float dc = fc - left;
                for (int p = 0; p < planes; p++) {
                    int base = p * ih * iw;
                    float tl = chw[base + top * iw + left], tr = chw[base + top * iw + right];
                    float bl = chw[base + bottom * iw + left], br = chw[base + bottom * iw + right];
                    float t = tl + (tr - tl) * dc, b = bl + (br - bl) * dc;
                    out[p * oh * ow + r * ow + c] = t + (b - t) * dr;
                }
            }
        }
        return out;
    }

    /** (rgb − mean) / 255 per channel, a new array; checks the batch is [n, 3, size, size]. */
    public static INDArray normalise(INDArray rgb, int size, float[] meanRgb) {
        long[] s = rgb.shape();
        if (s.length != 4 || s[1] != 3 || s[2] != size || s[3] != size) {
            throw new IllegalArgumentException("expected faces as [n, 3, " + size + ", " + size + "] RGB, got "
                    + Arrays.toString(s));
        }
        INDArray copy = rgb.dup('c');
        float[] v = copy.data().asFloat();
        Buffers.close(copy); // per face per frame: not left for the collector
        int plane = size * size;
        for (int i = 0; i < v.length; i++) v[i] = (v[i] - meanRgb[(i / plane) % 3]) / 255f;
        return Nd4j.create(v, s, 'c');
    }

    private static INDArray planes(BufferedImage img, int x, int y, int w, int h) {
        int[] argb = img.getRGB(x, y, w, h, null, 0, w);
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            chw[i] = (argb[i] >> 16) & 0xff;
            chw[w * h + i] = (argb[i] >> 8) & 0xff;
            chw[2 * w * h + i] = argb[i] & 0xff;
        }
        return Nd4j.create(chw, new long[]{1, 3, h, w}, 'c');
    }
}
