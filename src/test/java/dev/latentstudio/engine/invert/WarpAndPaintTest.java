package dev.latentstudio.engine.invert;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The face edit's parameterisation: a warp of the start plus a painted spectrum, in one parameter array. */
class WarpAndPaintTest {
    private static INDArray picture(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, 1, 3, 16, 18).muli(2).subi(1);
    }

    @Test
    void itStartsAsThePictureAndGivesBackWhatItIsGiven() {
        INDArray x = picture(1);
        WarpAndPaint p = WarpAndPaint.of(x, 4, 5, 0.3);
        assertEquals(0, p.image().sub(x).amaxNumber().doubleValue(), 1e-9);
        assertEquals(0, p.painted().amaxNumber().doubleValue(), 1e-9, "nothing painted yet");
        p.params().get(NDArrayIndex.interval(0, 10)).assign(0.2); // some control points moved by 0.2 × 5 = 1 px
        INDArray clipped = clip(p.image(), -0.5, 0.5);
        p.setImage(clipped);
        assertEquals(0, p.image().sub(clipped).amaxNumber().doubleValue(), 1e-9);
        assertTrue(p.painted().amaxNumber().doubleValue() > 0, "the clip is held as paint, the warp kept");
        assertThrows(IllegalArgumentException.class, () -> WarpAndPaint.of(x, 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> WarpAndPaint.of(x, 4, 1, 0));
    }

    @Test
    void theGradientIsItsCentralDifferenceForTheWarpAndThePaint() {
        INDArray x = picture(2);
        WarpAndPaint p = WarpAndPaint.of(x, 5, 5, 0.3);
        Nd4j.getRandom().setSeed(3);
        p.params().assign(Nd4j.rand(DataType.DOUBLE, p.params().shape()).muli(0.3).subi(0.15).addi(0.071)); // off whole pixels
        INDArray g = Nd4j.rand(DataType.DOUBLE, 1, 3, 16, 18).subi(0.5);
        INDArray analytic = p.paramGradient(g);
        double eps = 1e-6, worst = 0;
        for (int i = 0; i < p.params().length(); i += 7) {
            double v = p.params().getDouble(i);
            p.params().putScalar(i, v + eps);
            double up = p.image().mul(g).sumNumber().doubleValue();
            p.params().putScalar(i, v - eps);
            double down = p.image().mul(g).sumNumber().doubleValue();
            p.params().putScalar(i, v);
            worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic.getDouble(i)));
        }
        assertTrue(worst < 1e-5, "largest gap to the central difference " + worst);
    }

    private static INDArray clip(INDArray x, double lo, double hi) {
        return org.nd4j.linalg.ops.transforms.Transforms.min(org.nd4j.linalg.ops.transforms.Transforms.max(x, lo, true), hi, true);
    }
}
