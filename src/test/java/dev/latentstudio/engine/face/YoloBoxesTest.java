package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class YoloBoxesTest {
    private static final double[][] ONE_ANCHOR = {{2, 1}};

    /** A 2×2 grid, one anchor: all cells silent (objectness −20) except the one given. */
    private static float[] grid(int row, int col, float... cell) {
        float[] out = new float[2 * 2 * 5];
        for (int i = 4; i < out.length; i += 5) out[i] = -20;
        System.arraycopy(cell, 0, out, (row * 2 + col) * 5, 5);
        return out;
    }

    @Test
    void decodesCentreFromTheCellAndSizeFromTheAnchor() {
        // t = 0: centre in the middle of cell (row 1, col 0), size = anchor / cells = (1, 0.5) of the square
        List<YoloBoxes.Box> b = YoloBoxes.decode(grid(1, 0, 0, 0, 0, 0, 3), 2, ONE_ANCHOR, new int[]{64, 64}, 0.5);
        assertEquals(1, b.size());
        YoloBoxes.Box box = b.get(0);
        assertEquals(1 / (1 + Math.exp(-3)), box.score(), 1e-12);
        assertEquals(0.25 - 0.5, box.left(), 1e-12);
        assertEquals(0.75 - 0.25, box.top(), 1e-12);
        assertEquals(0.25 + 0.5, box.right(), 1e-12);
        assertEquals(0.75 + 0.25, box.bottom(), 1e-12);
    }

    @Test
    void aWidePictureStretchesVerticallyAndWeakCellsAreDropped() {
        // picture 64×32 in a 64 square: y coordinates relative to the picture double
        List<YoloBoxes.Box> b = YoloBoxes.decode(grid(0, 1, 0, 0, (float) Math.log(0.5), 0, 1), 2, ONE_ANCHOR, new int[]{64, 32}, 0.5);
        YoloBoxes.Box box = b.get(0);
        assertEquals(0.75 - 0.25, box.left(), 1e-9);
        assertEquals(0.5 - 0.5, box.top(), 1e-9);
        assertEquals(1.0, box.bottom(), 1e-9);
        assertEquals(0, YoloBoxes.decode(grid(0, 1, 0, 0, 0, 0, 0), 2, ONE_ANCHOR, new int[]{64, 64}, 0.5).size(),
                "σ(0) = 0.5 is not above 0.5");
        assertThrows(IllegalArgumentException.class, () -> YoloBoxes.decode(new float[19], 2, ONE_ANCHOR, new int[]{64, 64}, 0.5));
    }

    @Test
    void suppressionKeepsTheBestAndDropsOverlapsAboveTheThreshold() {
        YoloBoxes.Box a = new YoloBoxes.Box(0, 0, 1, 1, 0.9), b = new YoloBoxes.Box(0.1, 0, 1.1, 1, 0.8); // IoU 0.818
        YoloBoxes.Box c = new YoloBoxes.Box(0.6, 0, 1.6, 1, 0.7); // IoU with a 0.25, with b 0.43
        YoloBoxes.Box d = new YoloBoxes.Box(5, 5, 6, 6, 0.6);
        assertEquals(List.of(a, d), YoloBoxes.nonMaxSuppression(List.of(d, b, a, c), 0.2));
        assertEquals(List.of(a, c, d), YoloBoxes.nonMaxSuppression(List.of(d, b, a, c), 0.4));
        assertEquals(List.of(a, b, c, d), YoloBoxes.nonMaxSuppression(List.of(d, c, b, a), 0.9));
    }
}
