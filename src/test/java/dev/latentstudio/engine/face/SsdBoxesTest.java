package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SsdBoxesTest {

    @Test
    void zeroEncodingGivesTheAnchorAndOffsetsScaleByTheBoxCoder() {
        float[] anchors = {0.2f, 0.1f, 0.6f, 0.3f}; // ymin, xmin, ymax, xmax: centre (0.4, 0.2), size 0.4 × 0.2
        assertArrayEquals(anchors, SsdBoxes.decode(anchors, new float[4]), 1e-6f);
        // ty = 10 moves the centre by one height; th = 5·ln 2 doubles the height
        float[] moved = SsdBoxes.decode(anchors, new float[]{10, 0, (float) (5 * Math.log(2)), 0});
        assertArrayEquals(new float[]{0.4f, 0.1f, 1.2f, 0.3f}, moved, 1e-5f);
        float[] wide = SsdBoxes.decode(anchors, new float[]{0, -10, 0, (float) (5 * Math.log(3))});
        assertArrayEquals(new float[]{0.2f, -0.3f, 0.6f, 0.3f}, wide, 1e-5f);
    }

    @Test
    void suppressionKeepsTheBestOfOverlappingBoxesAndRespectsTheLimits() {
        float[] boxes = {
                0, 0, 1, 1,          // 0
                0, 0.05f, 1, 1.05f,  // 1: IoU with 0 ≈ 0.9
                0, 0.6f, 1, 1.6f,    // 2: IoU with 0 = 0.25
                2, 2, 3, 3,          // 3: apart
                2, 2, 3, 3};         // 4: low score
        float[] scores = {0.8f, 0.9f, 0.7f, 0.6f, 0.3f};
        assertEquals(List.of(1, 2, 3), SsdBoxes.nonMaxSuppression(boxes, scores, 100, 0.5, 0.5));
        assertEquals(List.of(1, 2), SsdBoxes.nonMaxSuppression(boxes, scores, 2, 0.5, 0.5));
        assertEquals(List.of(1, 0, 2, 3), SsdBoxes.nonMaxSuppression(boxes, scores, 100, 0.95, 0.5));
        // box 4 passes a lower threshold but duplicates box 3
        assertEquals(List.of(1, 2, 3), SsdBoxes.nonMaxSuppression(boxes, scores, 100, 0.5, 0.2));
        // a score exactly at the threshold is not a candidate (face-api filters score > threshold)
        assertEquals(List.of(1, 0), SsdBoxes.nonMaxSuppression(boxes, scores, 100, 0.95, 0.7));
    }

    @Test
    void boxesMapBackThroughThePaddingToPicturePixels() {
        // a 200×100 picture sits in the top half of the 512 square: reshaped 512×256, so y stretches ×2
        int[] reshaped = NetInput.reshapedSize(200, 100, 512);
        assertArrayEquals(new int[]{512, 256}, reshaped);
        float[] boxes = {0.1f, 0.25f, 0.3f, 0.75f, -0.1f, -0.2f, 0.7f, 1.2f};
        FaceDetection d = SsdBoxes.toPicture(boxes, new float[]{0.9f, 0.8f}, 0, 512, 200, 100, reshaped);
        assertEquals(0.9f, d.score(), 1e-6);
        assertEquals(50, d.box().x(), 1e-4);
        assertEquals(20, d.box().y(), 1e-4);
        assertEquals(100, d.box().width(), 1e-4);
        assertEquals(40, d.box().height(), 1e-4);
        FaceDetection clipped = SsdBoxes.toPicture(boxes, new float[]{0.9f, 0.8f}, 1, 512, 200, 100, reshaped);
        assertEquals(0, clipped.box().x(), 1e-9);
        assertEquals(0, clipped.box().y(), 1e-9);
        assertEquals(200, clipped.box().width(), 1e-4); // clipped at the square's edge
        assertEquals(140, clipped.box().height(), 1e-4); // 0.7 of the square is beyond the picture's 0.5
    }
}
