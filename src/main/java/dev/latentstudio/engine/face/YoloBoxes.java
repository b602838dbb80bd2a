package dev.latentstudio.engine.face;

import java.util.ArrayList;
import java.util.List;

/**
 * tiny_face_detector's post-processing as face-api does it (tinyYolov2/TinyYolov2Base.extractBoxes, ops/
 * nonMaxSuppression): each grid cell predicts, per anchor, (tx, ty, tw, th, objectness); the box centre is
 * (cell + σ(t)) / cells, its size anchor · e^t / cells, all stretched to undo the square padding.
 */
public final class YoloBoxes {

    /** A candidate box relative to the picture (0..1 across it) and its score. */
    public record Box(double left, double top, double right, double bottom, double score) {
        double area() {
            return (right - left) * (bottom - top);
        }
    }

    private YoloBoxes() {
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Boxes scoring above {@code scoreThreshold} from the net's output, [cells, cells, anchors·5] row-major.
     * {@code reshaped} is the picture's (width, height) inside the square input of {@code inputSize}.
     */
    public static List<Box> decode(float[] out, int cells, double[][] anchors, int[] reshaped, double scoreThreshold) {
        int n = anchors.length;
        if (out.length != cells * cells * n * 5) {
            throw new IllegalArgumentException(out.length + " outputs for " + cells + "x" + cells + " cells of " + n + " anchors");
        }
        int inputSize = Math.max(reshaped[0], reshaped[1]);
        double fx = (double) inputSize / reshaped[0], fy = (double) inputSize / reshaped[1];
        List<Box> boxes = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                for (int a = 0; a < n; a++) {
                    int o = ((row * cells + col) * n + a) * 5;
                    double score = sigmoid(out[o + 4]);
                    if (score <= scoreThreshold) continue;
                    double cx = (col + sigmoid(out[o])) / cells * fx, cy = (row + sigmoid(out[o + 1])) / cells * fy;
                    double w = Math.exp(out[o + 2]) * anchors[a][0] / cells * fx;
                    double h = Math.exp(out[o + 3]) * anchors[a][1] / cells * fy;
                    double x = cx - w / 2, y = cy - h / 2;
                    boxes.add(new Box(x, y, x + w, y + h, score));
                }
            }
        }
        return boxes;
    }

    /**
     * Greedy suppression by falling score: keep the best, drop every remaining box overlapping it by more
     * than {@code iouThreshold}, repeat. Returns the kept boxes, best first.
     */
    public static List<Box> nonMaxSuppression(List<Box> boxes, double iouThreshold) {
        List<Box> left = new ArrayList<>(boxes);
        // face-api sorts ascending and pops from the end: among equal scores the later box comes first
        left.sort((p, q) -> Double.compare(p.score(), q.score()));
        List<Box> kept = new ArrayList<>();
        while (!left.isEmpty()) {
            Box best = left.remove(left.size() - 1);
            kept.add(best);
            left.removeIf(b -> iou(best, b) > iouThreshold);
        }
        return kept;
    }

    static double iou(Box a, Box b) {
        double w = Math.max(0, Math.min(a.right(), b.right()) - Math.max(a.left(), b.left()));
        double h = Math.max(0, Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top()));
        double inter = w * h;
        return inter / (a.area() + b.area() - inter);
    }
}
