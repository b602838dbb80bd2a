package dev.latentstudio.engine.face;

import dev.latentstudio.engine.face.TfOps.Padding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ND4J ops compute what TensorFlow defines, checked against direct loops over NHWC data with TF's padding
 * rule (SAME: out = ceil(in/stride), total padding split with the odd pixel after), on odd sizes where a wrong
 * padding split or layout shows.
 */
class TfOpsTest {

    private static INDArray rand(long... shape) {
        Nd4j.getRandom().setSeed(shape.length * 31L + shape[shape.length - 1]);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(2);
    }

    /** TF SAME: output size and the padding before the data. */
    private static int[] same(int in, int k, int stride) {
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + k - in, 0);
        return new int[]{out, total / 2};
    }

    private static float[][][] conv(INDArray x, INDArray w, int stride, boolean depthwise, boolean samePad) {
        int h = (int) x.size(1), wd = (int) x.size(2), c = (int) x.size(3), k = (int) w.size(0);
        int oc = depthwise ? c : (int) w.size(3);
        int oh = samePad ? same(h, k, stride)[0] : (h - k) / stride + 1, ow = samePad ? same(wd, k, stride)[0] : (wd - k) / stride + 1;
        int ph = samePad ? same(h, k, stride)[1] : 0, pw = samePad ? same(wd, k, stride)[1] : 0;
        float[][][] out = new float[oh][ow][oc];
        for (int y = 0; y < oh; y++)
            for (int xx = 0; xx < ow; xx++)
                for (int o = 0; o < oc; o++) {
                    double s = 0;
                    for (int ky = 0; ky < k; ky++)
                        for (int kx = 0; kx < k; kx++) {
                            int iy = y * stride + ky - ph, ix = xx * stride + kx - pw;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                            if (depthwise) s += x.getFloat(0, iy, ix, o) * w.getFloat(ky, kx, o, 0);
                            else for (int i = 0; i < c; i++) s += x.getFloat(0, iy, ix, i) * w.getFloat(ky, kx, i, o);
                        }
                    out[y][xx][o] = (float) s;
                }
        return out;
    }

    private static void assertSame(float[][][] expected, INDArray actual, double tol) {
        assertArrayEquals(new long[]{1, expected.length, expected[0].length, expected[0][0].length}, actual.shape());
        for (int y = 0; y < expected.length; y++)
            for (int x = 0; x < expected[0].length; x++)
                for (int c = 0; c < expected[0][0].length; c++)
                    assertEquals(expected[y][x][c], actual.getFloat(0, y, x, c), tol, "at " + y + "," + x + "," + c);
    }

    @Test
    void conv2dTakesHwioFiltersWithTfSamePadding() {
        INDArray x = rand(1, 7, 9, 3), w = rand(3, 3, 3, 5);
        assertSame(conv(x, w, 2, false, true), TfOps.conv2d(x, w, null, 2, Padding.SAME), 1e-5);
        assertSame(conv(x, w, 1, false, false), TfOps.conv2d(x, w, null, 1, Padding.VALID), 1e-5);
        INDArray bias = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f);
        float[][][] e = conv(x, w, 1, false, true);
        for (float[][] row : e) for (float[] px : row) for (int o = 0; o < 5; o++) px[o] += o + 1;
        assertSame(e, TfOps.conv2d(x, w, bias, 1, Padding.SAME), 1e-5);
    }

    @Test
    void depthwiseTakesHwc1FiltersWithTfSamePadding() {
        INDArray x = rand(1, 8, 7, 4), w = rand(3, 3, 4, 1);
        assertSame(conv(x, w, 2, true, true), TfOps.depthwise(x, w, null, 2, Padding.SAME), 1e-5);
        assertSame(conv(x, w, 1, true, true), TfOps.depthwise(x, w, null, 1, Padding.SAME), 1e-5);
    }

    @Test
    void separableIsDepthwiseThenPointwisePlusBias() {
        INDArray x = rand(1, 5, 6, 3);
        TfOps.SeparableConv p = new TfOps.SeparableConv(rand(3, 3, 3, 1), rand(1, 1, 3, 4), Nd4j.createFromArray(0.5f, -1f, 0f, 2f));
        float[][][] d = conv(x, p.depthwise(), 2, true, true);
        INDArray mid = Nd4j.create(DataType.FLOAT, 1, d.length, d[0].length, 3);
        for (int y = 0; y < d.length; y++) for (int xx = 0; xx < d[0].length; xx++) for (int c = 0; c < 3; c++) mid.putScalar(new long[]{0, y, xx, c}, d[y][xx][c]);
        float[][][] e = conv(mid, p.pointwise(), 1, false, true);
        for (float[][] row : e) for (float[] px : row) for (int o = 0; o < 4; o++) px[o] += p.bias().getFloat(o);
        assertSame(e, TfOps.separable(x, p, 2, Padding.SAME), 1e-5);
    }

    @Test
    void maxPoolSameNeverPicksThePadding() {
        INDArray x = rand(1, 5, 5, 2).subi(10); // all negative: a zero pad would win
        INDArray out = TfOps.maxPool(x, 2, 2, Padding.SAME);
        assertArrayEquals(new long[]{1, 3, 3, 2}, out.shape());
        for (int y = 0; y < 3; y++)
            for (int xx = 0; xx < 3; xx++)
                for (int c = 0; c < 2; c++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
                        int iy = 2 * y + dy, ix = 2 * xx + dx;
                        if (iy < 5 && ix < 5) m = Math.max(m, x.getFloat(0, iy, ix, c));
                    }
                    assertEquals(m, out.getFloat(0, y, xx, c), 0f);
                }
        INDArray s1 = TfOps.maxPool(x, 2, 1, Padding.SAME); // tiny-yolo's last pool keeps the size
        assertArrayEquals(new long[]{1, 5, 5, 2}, s1.shape());
        assertEquals(x.getFloat(0, 4, 4, 1), s1.getFloat(0, 4, 4, 1), 0f);
    }

    @Test
    void avgPoolValidAveragesFullWindows() {
        INDArray x = rand(1, 9, 9, 2);
        INDArray out = TfOps.avgPool(x, 7, 2, Padding.VALID);
        assertArrayEquals(new long[]{1, 2, 2, 2}, out.shape());
        double s = 0;
        for (int y = 2; y < 9; y++) for (int xx = 0; xx < 7; xx++) s += x.getFloat(0, y, xx, 1);
        assertEquals(s / 49, out.getFloat(0, 1, 0, 1), 1e-5);
    }

    @Test
    void activationsMatchTheirTfDefinitions() {
        INDArray x = Nd4j.createFromArray(-3f, -0.5f, 0f, 2f, 7f);
        assertArrayEquals(new float[]{0, 0, 0, 2, 6}, TfOps.relu6(x.dup()).toFloatVector());
        assertArrayEquals(new float[]{0, 0, 0, 2, 7}, TfOps.relu(x.dup()).toFloatVector());
        float[] leaky = TfOps.leaky(x.dup()).toFloatVector();
        for (int i = 0; i < 5; i++) {
            float v = x.getFloat(i), min = v * 0.1f;
            assertEquals(Math.max(v - min, 0) + min, leaky[i], 1e-6);
        }
        assertTrue(leaky[0] < 0);
    }
}
