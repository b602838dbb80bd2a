package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * tiny_face_detector's face score as an objective: the objectness logit of its best cell and anchor (the first
 * picture of the batch), on the head [n, anchors·5, cells, cells] whose channel 5·a + 4 is anchor a's objectness.
 * The best cell rather than the sum of all cells' sigmoid scores: the detector reports a face by its best cell's
 * σ(objectness), so this is the figure the picture is judged by; a sum would pay for a wallpaper of small faces, one
 * per cell, which is not what the detector means by a face; and the logit rather than its sigmoid keeps a gradient
 * once the score nears 1. Where the best cell changes between steps the climb follows the new one.
 */
final class DetectorScore implements Objective {
    private final int anchors;

    DetectorScore(int anchors) {
        if (anchors < 1) throw new IllegalArgumentException("anchors must be >= 1, got " + anchors);
        this.anchors = anchors;
    }

    @Override
    public Value evaluate(INDArray output) {
        if (output.rank() != 4 || output.size(1) != anchors * 5L) {
            throw new IllegalArgumentException("expected a head [n, " + anchors * 5 + ", cells, cells], got "
                    + java.util.Arrays.toString(output.shape()));
        }
        int[] best = best(output, anchors);
        INDArray g = Nd4j.zeros(output.dataType(), output.shape());
        g.putScalar(new long[]{0, best[0], best[1], best[2]}, 1);
        return new Value(output.getDouble(0, best[0], best[1], best[2]), g);
    }

    /** (channel, row, column) of the first picture's largest objectness logit. */
    static int[] best(INDArray head, int anchors) {
        int rows = (int) head.size(2), cols = (int) head.size(3);
        double[] v = head.castTo(DataType.DOUBLE).dup('c').data().asDouble(); // first picture first
        int[] best = {4, 0, 0};
        double top = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < anchors; a++) {
            int ch = 5 * a + 4;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double x = v[(ch * rows + r) * cols + c];
                    if (x > top) {
                        top = x;
                        best = new int[]{ch, r, c};
                    }
                }
            }
        }
        return best;
    }
}
