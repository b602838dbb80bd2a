package dev.latentstudio.engine.face;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;

/**
 * The detectors' input, as face-api's NetInput.toBatchTensor(size, isCenterInputs = false) makes it from a whole
 * picture: black padding below or to the right up to a square, then tf.image.resizeBilinear to size×size with TF's
 * legacy sampling (source = r·side/size, no corner alignment, no half-pixel centres), NHWC RGB floats 0..255.
 * The padding is never built: samples beyond the picture read 0, so a 1920×1080 frame costs only the output.
 */
public final class NetInput {
    private NetInput() {
    }

    /** [1, size, size, 3]. */
    public static INDArray batchTensor(BufferedImage img, int size) {
        return Nd4j.create(resized(img, size), new long[]{1, size, size, 3}, 'c');
    }

    /** The padded, resized picture as HWC floats. */
    static float[] resized(BufferedImage img, int size) {
        int w = img.getWidth(), h = img.getHeight(), side = Math.max(w, h);
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[size * size * 3];
        float ratio = (float) side / size;
        int[] x0 = new int[size], x1 = new int[size];
        float[] dx = new float[size];
        for (int c = 0; c < size; c++) {
            float fx = ratio * c;
            x0[c] = (int) Math.floor(fx);
            x1[c] = Math.min(side - 1, (int) Math.ceil(fx));
            dx[c] = fx - x0[c];
        }
        int o = 0;
        for (int r = 0; r < size; r++) {
            float fy = ratio * r;
            int y0 = (int) Math.floor(fy), y1 = Math.min(side - 1, (int) Math.ceil(fy));
            float dy = fy - y0;
            for (int c = 0; c < size; c++) {
                int tl = px(argb, w, h, x0[c], y0), tr = px(argb, w, h, x1[c], y0);
                int bl = px(argb, w, h, x0[c], y1), br = px(argb, w, h, x1[c], y1);
                for (int shift = 16; shift >= 0; shift -= 8) {
                    float a = tl >> shift & 0xff, b = tr >> shift & 0xff, p = bl >> shift & 0xff, q = br >> shift & 0xff;
                    float top = a + (b - a) * dx[c], bottom = p + (q - p) * dx[c];
                    out[o++] = top + (bottom - top) * dy;
                }
            }
        }
        return out;
    }

    /** The pixel, or black in the padding. */
    private static int px(int[] argb, int w, int h, int x, int y) {
        return x < w && y < h ? argb[y * w + x] : 0;
    }

    /**
     * The picture's (width, height) inside the square input (computeReshapedDimensions): the longer side becomes
     * {@code size}, the shorter scales along, rounded. Detectors divide by these to undo the padding.
     */
    public static int[] reshapedSize(int width, int height, int size) {
        double scale = (double) size / Math.max(width, height);
        return new int[]{(int) Math.round(width * scale), (int) Math.round(height * scale)};
    }
}
