package dev.latentstudio.engine.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallMaxPoolTest {

    /** libnd4j's maxpool2d / maxpool2d_bp in NHWC, no padding, as InputOnlyBackprop called them. */
    private static INDArray libnd4j(String op, int[] k, int[] s, INDArray out, INDArray... in) {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(in).addOutputs(out)
                .addIntegerArguments(k[0], k[1], s[0], s[1], 0, 0, 1, 1, 0, 0, 1).build());
        return out;
    }

    @Test
    void equalsLibnd4jForwardAndBackwardWithTiesAndOverlaps() {
        Nd4j.getRandom().setSeed(7);
        int[][][] windows = {{{2, 2}, {2, 2}}, {{3, 3}, {2, 2}}, {{3, 3}, {1, 1}}, {{2, 3}, {1, 2}}};
        for (int[][] win : windows) {
            int[] k = win[0], s = win[1];
            for (boolean ties : new boolean[]{false, true}) {
                INDArray x = Nd4j.rand(DataType.FLOAT, 2, 11, 9, 5).subi(0.5);
                // after a ReLU whole windows are 0, and coarse values tie inside windows
                if (ties) x = Transforms.relu(Transforms.round(x.mul(4)), true);
                long oh = (11 - k[0]) / s[0] + 1, ow = (9 - k[1]) / s[1] + 1;
                assertTrue(SmallMaxPool.applies(x, k, s, new int[]{0, 0}, new int[]{1, 1}, false));

                INDArray z = Nd4j.create(DataType.FLOAT, 2, oh, ow, 5);
                SmallMaxPool.forward(x, z, k, s);
                assertEquals(libnd4j("maxpool2d", k, s, Nd4j.create(DataType.FLOAT, 2, oh, ow, 5), x), z);

                INDArray g = Nd4j.rand(DataType.FLOAT, 2, oh, ow, 5);
                INDArray gIn = Nd4j.rand(DataType.FLOAT, x.shape()); // not zero: the backward pass must clear it
                SmallMaxPool.backward(x, g, gIn, k, s);
                INDArray want = libnd4j("maxpool2d_bp", k, s, Nd4j.create(DataType.FLOAT, x.shape()), x, g);
                assertTrue(want.equalsWithEps(gIn, 1e-6), "window " + k[0] + "x" + k[1] + " stride " + s[0] + "," + s[1]
                        + (ties ? " with ties" : ""));
                double sum = g.sumNumber().doubleValue();
                assertEquals(sum, gIn.sumNumber().doubleValue(), 1e-5 * sum, "every gradient lands once");
            }
        }
    }

    @Test
    void leavesPaddedDilatedLargeAndStridedArraysToLibnd4j() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 28, 28, 32);
        int[] none = {0, 0}, one = {1, 1}, two = {2, 2}, three = {3, 3};
        assertTrue(SmallMaxPool.applies(x, two, two, none, one, false));
        assertTrue(SmallMaxPool.applies(x, two, two, none, one, true)); // 'same' that tiles 28×28: no padding
        assertFalse(SmallMaxPool.applies(x, three, two, none, one, true)); // 'same' that pads
        assertFalse(SmallMaxPool.applies(Nd4j.rand(DataType.FLOAT, 1, 27, 27, 8), two, two, none, one, true));
        assertFalse(SmallMaxPool.applies(x, two, two, one, one, false));
        assertFalse(SmallMaxPool.applies(x, two, two, none, two, false));
        assertFalse(SmallMaxPool.applies(x.castTo(DataType.DOUBLE), two, two, none, one, false));
        assertFalse(SmallMaxPool.applies(x.permute(0, 2, 1, 3), two, two, none, one, false));
        assertFalse(SmallMaxPool.applies(Nd4j.rand(DataType.FLOAT, 1, 112, 112, 32), two, two, none, one, false));
    }
}
