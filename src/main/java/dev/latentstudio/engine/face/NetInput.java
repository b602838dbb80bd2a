package dev.latentstudio.engine.face;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * face-api's NetInput.toBatchTensor for one image: pad the shorter side with black to a square (after the
 * picture, or split around it when centred), then tf.image.resizeBilinear to size×size with TF's legacy
 * sampling (no corner alignment, no half-pixel centres). Values stay 0..255; each net normalises its own way.
 * The padding is never materialised: samples outside the picture read 0.
 */
public final class NetInput {

    private NetInput() {
    }

    /** A [1, size, size, 3] float tensor of the padded, resized picture. */
    public static INDArray batchTensor(RgbImage img, int size, boolean centre) {
        return Nd4j.create(resized(img, size, centre), new long[]{1, size, size, 3}, 'c');
    }

    /** Several pictures, each padded and resized, stacked into [n, size, size, 3]. */
    public static INDArray batchTensor(java.util.List<RgbImage> imgs, int size, boolean centre) {
        if (imgs.isEmpty()) throw new IllegalArgumentException("no pictures to stack");
        int plane = size * size * 3;
        float[] all = new float[imgs.size() * plane];
        for (int i = 0; i < imgs.size(); i++) System.arraycopy(resized(imgs.get(i), size, centre), 0, all, i * plane, plane);
        return Nd4j.create(all, new long[]{imgs.size(), size, size, 3}, 'c');
    }

    /** The padded, resized picture as HWC floats. */
    public static float[] resized(RgbImage img, int size, boolean centre) {
        int side = Math.max(img.width(), img.height());
        int diff = side - Math.min(img.width(), img.height());
        // padToSquare appends round(diff/2) (JS rounds halves up) after and puts the rest before
        int before = centre ? diff - (int) Math.floor(diff * 0.5 + 0.5) : 0;
        int offX = img.width() < img.height() ? before : 0, offY = img.height() < img.width() ? before : 0;
        float[] out = new float[size * size * 3];
        float ratio = (float) side / size;
        int o = 0;
        for (int r = 0; r < size; r++) {
            float fy = ratio * r;
            int y0 = (int) Math.floor(fy), y1 = Math.min(side - 1, (int) Math.ceil(fy));
            float dy = fy - y0;
            for (int c = 0; c < size; c++) {
                float fx = ratio * c;
                int x0 = (int) Math.floor(fx), x1 = Math.min(side - 1, (int) Math.ceil(fx));
                float dx = fx - x0;
                for (int ch = 0; ch < 3; ch++) {
                    float tl = px(img, x0 - offX, y0 - offY, ch), tr = px(img, x1 - offX, y0 - offY, ch);
                    float bl = px(img, x0 - offX, y1 - offY, ch), br = px(img, x1 - offX, y1 - offY, ch);
                    float top = tl + (tr - tl) * dx, bottom = bl + (br - bl) * dx;
                    out[o++] = top + (bottom - top) * dy;
                }
            }
        }
        return out;
    }

    private static float px(RgbImage img, int x, int y, int c) {
        return x < 0 || y < 0 || x >= img.width() || y >= img.height() ? 0f : img.at(x, y, c);
    }

    /**
     * The picture's size inside the square net input (computeReshapedDimensions): the longer side becomes
     * {@code size}, the shorter scales along and is rounded. Detectors divide by these to undo the padding.
     */
    public static int[] reshapedSize(RgbImage img, int size) {
        double scale = (double) size / Math.max(img.width(), img.height());
        return new int[]{(int) Math.round(img.width() * scale), (int) Math.round(img.height() * scale)};
    }
}
