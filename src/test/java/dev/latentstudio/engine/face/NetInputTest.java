package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The detectors' input: black padding after the picture, TF's legacy bilinear sampling. */
class NetInputTest {

    private static BufferedImage picture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (10 * x + 1) << 16 | (20 * y + 2) << 8 | 7);
        return img;
    }

    @Test
    void atItsOwnSizeAPictureIsPaddedBelowOnly() {
        float[] v = NetInput.resized(picture(3, 2), 3);
        assertArrayEquals(new float[]{1, 2, 7, 11, 2, 7, 21, 2, 7}, java.util.Arrays.copyOfRange(v, 0, 9));
        assertArrayEquals(new float[]{1, 22, 7}, java.util.Arrays.copyOfRange(v, 9, 12));
        for (int i = 18; i < 27; i++) assertEquals(0f, v[i], "padding row");
    }

    @Test
    void downscalingSamplesAtRTimesSideOverSizeWithoutHalfPixelCentres() {
        // 4×4 → 3×3: source coordinates 0, 4/3, 8/3; row 1 mixes rows 1 and 2 by 1/3
        BufferedImage img = picture(4, 4);
        float[] v = NetInput.resized(img, 3);
        float red = 1 + 10 * (4f / 3); // column 4/3, red = 10x + 1
        float green = 2 + 20 * (8f / 3); // row 8/3
        assertEquals(red, v[(0 * 3 + 1) * 3], 1e-4);
        assertEquals(green, v[(2 * 3 + 0) * 3 + 1], 1e-4);
        assertEquals(7f, v[(2 * 3 + 2) * 3 + 2], 0f);
        assertArrayEquals(new long[]{1, 3, 3, 3}, NetInput.batchTensor(img, 3).shape());
    }

    @Test
    void reshapedSizeIsThePictureInsideTheSquare() {
        assertArrayEquals(new int[]{416, 312}, NetInput.reshapedSize(640, 480, 416));
        assertArrayEquals(new int[]{277, 416}, NetInput.reshapedSize(1280, 1920, 416));
    }
}
