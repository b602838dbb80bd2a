package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The box and point arithmetic face-api applies between its nets, on hand-worked cases. */
class FaceGeometryTest {

    @Test
    void clippingFloorsEachFieldAfterClipping() {
        // right edge 12.7 + 5.6 = 18.3 → width 5.6 → 5; x 12.7 → 12: the crop ends at 17, before the box does
        assertEquals(new FaceBox(12, 3, 5, 7), new FaceBox(12.7, 3.2, 5.6, 7.9).clipAtImageBorders(100, 100));
        // clipped at the top-left and at the bottom-right border
        assertEquals(new FaceBox(0, 0, 7, 9), new FaceBox(-3.5, -1, 10.8, 10.2).clipAtImageBorders(100, 100));
        // min(20, 100 − 95.2) = 4.8 → 4: the last image column is left out, as face-api leaves it
        assertEquals(new FaceBox(95, 40, 4, 10), new FaceBox(95.2, 40, 20, 10).clipAtImageBorders(100, 50));
        assertTrue(new FaceBox(120, 5, 10, 10).clipAtImageBorders(100, 100).isEmpty());
    }

    @Test
    void padGrowsAboutTheCentreAndIouIsSymmetric() {
        assertEquals(new FaceBox(8, 17, 24, 46), new FaceBox(10, 20, 20, 40).pad(4, 6));
        FaceBox a = new FaceBox(0, 0, 10, 10), b = new FaceBox(5, 0, 10, 10);
        assertEquals(50.0 / 150, a.iou(b), 1e-12);
        assertEquals(a.iou(b), b.iou(a), 0);
        assertEquals(1, a.iou(a), 0);
        assertEquals(0, a.iou(new FaceBox(20, 20, 5, 5)), 0);
    }

    @Test
    void resizeBilinearMatchesTfOnASmallRamp() {
        // one 2×2 plane to 3×3: tf samples rows/cols at 0, 2/3, 4/3 (clamped at the last row/column)
        float[] out = FaceTensors.resizeBilinear(new float[]{0, 3, 6, 9}, 2, 2, 3, 3);
        float t = 2f / 3;
        float[] expected = {0, 3 * t, 3, 6 * t, 6 * t + 3 * t, 6 * t + 3, 6, 6 + 3 * t, 9};
        assertArrayEquals(expected, out, 1e-5f);
    }

    @Test
    void landmarksNeedSixtyEightPoints() {
        assertThrows(IllegalArgumentException.class, () -> new FaceLandmarks68(new double[10], new FaceBox(0, 0, 1, 1)));
    }

    @Test
    void rawPointsMapBackThroughTheCentredPadding() {
        // a 50 wide, 100 tall crop at (200, 300): scaled to 56×112 and padded by 28 left and right
        float[] raw = new float[136];
        raw[0] = 0.25f; // x = 28 / 112: the crop's left edge
        raw[1] = 0.5f;  // y: half way down
        raw[2] = 0.75f; // x = 84 / 112: the crop's right edge
        raw[3] = 1f;
        FaceLandmarks68 lm = FaceLandmarks68.fromRaw(raw, 112, new FaceBox(200, 300, 50, 100), 200.4, 300.6);
        assertEquals(200.4, lm.x(0), 1e-4);
        assertEquals(350.6, lm.y(0), 1e-4);
        assertEquals(250.4, lm.x(1), 1e-4);
        assertEquals(400.6, lm.y(1), 1e-4);
    }
}
