package dev.latentstudio.engine.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SSD-MobileNetV1's post-processing as face-api does it (ssdMobilenetv1/outputLayer.ts, nonMaxSuppression.ts,
 * SsdMobilenetv1.locateFaces): anchor-relative encodings to boxes, the score-ordered suppression, and boxes
 * from the square net input back to picture pixels. Boxes here are [ymin, xmin, ymax, xmax] rows, relative
 * to the padded square, as TF's object-detection API writes them.
 */
public final class SsdBoxes {

    /** face-api's fixed IoU threshold for SSD. */
    public static final double IOU_THRESHOLD = 0.5;

    private SsdBoxes() {
    }

    /**
     * Decodes {@code n} encodings (ty, tx, th, tw rows) against the anchors ({@code Output/extra_dim}, rows
     * [ymin, xmin, ymax, xmax]): centre + t/10 · size, size · exp(t/5), the box-coder scales of the model.
     */
    public static float[] decode(float[] anchors, float[] encodings) {
        if (anchors.length != encodings.length || anchors.length % 4 != 0) {
            throw new IllegalArgumentException(encodings.length / 4 + " encodings for " + anchors.length / 4 + " anchors");
        }
        float[] boxes = new float[anchors.length];
        for (int i = 0; i < anchors.length; i += 4) {
            float h = anchors[i + 2] - anchors[i], w = anchors[i + 3] - anchors[i + 1];
            float cy = anchors[i] + h / 2, cx = anchors[i + 1] + w / 2;
            float halfH = (float) Math.exp(encodings[i + 2] / 5f) * h / 2;
            float cyP = encodings[i] / 10f * h + cy;
            float halfW = (float) Math.exp(encodings[i + 3] / 5f) * w / 2;
            float cxP = encodings[i + 1] / 10f * w + cx;
            boxes[i] = cyP - halfH;
            boxes[i + 1] = cxP - halfW;
            boxes[i + 2] = cyP + halfH;
            boxes[i + 3] = cxP + halfW;
        }
        return boxes;
    }

    /**
     * face-api's SSD suppression: candidates above {@code minScore} by falling score; one is kept unless it
     * overlaps a kept box by more than {@code iouThreshold}; at most {@code maxResults}. Returns box indices.
     */
    public static List<Integer> nonMaxSuppression(float[] boxes, float[] scores, int maxResults,
                                                  double iouThreshold, double minScore) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) if (scores[i] > minScore) candidates.add(i);
        // a stable sort, as JS's Array.sort, so equal scores keep index order
        candidates.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int limit = Math.min(maxResults, scores.length);
        List<Integer> selected = new ArrayList<>();
        for (int c : candidates) {
            if (selected.size() >= limit) break;
            boolean suppressed = false;
            for (int j = selected.size() - 1; j >= 0 && !suppressed; j--) {
                suppressed = iou(boxes, c, selected.get(j)) > iouThreshold;
            }
            if (!suppressed) selected.add(c);
        }
        return selected;
    }

    /** IoU of boxes i and j, corners taken in either order, as face-api's IOU. */
    static double iou(float[] b, int i, int j) {
        double yminI = Math.min(b[4 * i], b[4 * i + 2]), xminI = Math.min(b[4 * i + 1], b[4 * i + 3]);
        double ymaxI = Math.max(b[4 * i], b[4 * i + 2]), xmaxI = Math.max(b[4 * i + 1], b[4 * i + 3]);
        double yminJ = Math.min(b[4 * j], b[4 * j + 2]), xminJ = Math.min(b[4 * j + 1], b[4 * j + 3]);
        double ymaxJ = Math.max(b[4 * j], b[4 * j + 2]), xmaxJ = Math.max(b[4 * j + 1], b[4 * j + 3]);
        double areaI = (ymaxI - yminI) * (xmaxI - xminI), areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
        if (areaI <= 0 || areaJ <= 0) return 0;
        double inter = Math.max(Math.min(ymaxI, ymaxJ) - Math.max(yminI, yminJ), 0)
                * Math.max(Math.min(xmaxI, xmaxJ) - Math.max(xminI, xminJ), 0);
        return inter / (areaI + areaJ - inter);
    }

    /**
     * Box i, clipped to the unit square, in picture pixels: the net saw the picture padded (right and bottom)
     * to a square and scaled, so coordinates are stretched by size/reshaped and then by the picture's size.
     */
    public static FaceDetection toPicture(float[] boxes, float[] scores, int i, int inputSize, int width, int height,
                                          int[] reshaped) {
        double padX = (double) inputSize / reshaped[0], padY = (double) inputSize / reshaped[1];
        double top = Math.max(0, boxes[4 * i]) * padY, bottom = Math.min(1, boxes[4 * i + 2]) * padY;
        double left = Math.max(0, boxes[4 * i + 1]) * padX, right = Math.min(1, boxes[4 * i + 3]) * padX;
        return new FaceDetection(new FaceBox(left * width, top * height, (right - left) * width, (bottom - top) * height), scores[i]);
    }
}
