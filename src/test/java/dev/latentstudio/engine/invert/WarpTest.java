package dev.latentstudio.engine.invert;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The displacement-field parameterisation of the landmark moves. */
class WarpTest {
    private static INDArray picture(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, 1, 3, 20, 24).muli(2).subi(1);
    }

    @Test
    void unmovedItIsThePictureAndAShiftOfEveryControlPointMovesThePicture() {
        INDArray x = picture(1);
        Warp w = Warp.of(x, 4);
        assertArrayEquals(new long[]{2, 6, 7}, w.params().shape(), "control points at 0, 4, …, 19 (and the last row)");
        assertEquals(0, w.image().sub(x).amaxNumber().doubleValue(), 1e-12);
        w.params().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(1); // dx = 1 everywhere: pixel x reads x + 1
        INDArray moved = w.image();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 20; y++) {
                for (int xx = 0; xx < 23; xx++) assertEquals(x.getDouble(0, c, y, xx + 1), moved.getDouble(0, c, y, xx), 1e-12);
                assertEquals(x.getDouble(0, c, y, 23), moved.getDouble(0, c, y, 23), 1e-12, "the edge repeats");
            }
        }
    }

    @Test
    void itMovesPixelsAndPaintsNone() {
        INDArray x = picture(2);
        Warp w = Warp.of(x, 4);
        Nd4j.getRandom().setSeed(3);
        w.params().assign(Nd4j.rand(DataType.DOUBLE, w.params().shape()).muli(6).subi(3));
        INDArray img = w.image();
        // each output pixel is a convex mix of one channel's neighbours: no value outside the picture's own, per channel
        for (int c = 0; c < 3; c++) {
            INDArray in = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            INDArray out = img.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertTrue(out.minNumber().doubleValue() >= in.minNumber().doubleValue() - 1e-12);
            assertTrue(out.maxNumber().doubleValue() <= in.maxNumber().doubleValue() + 1e-12);
        }
        assertTrue(img.sub(x).amaxNumber().doubleValue() > 0.1, "and it did move them");
    }

    @Test
    void theGradientIsItsCentralDifference() {
        INDArray x = picture(4);
        Warp w = Warp.of(x, 5);
        Nd4j.getRandom().setSeed(5);
        // away from whole-pixel positions, where bilinear sampling has its kinks
        w.params().assign(Nd4j.rand(DataType.DOUBLE, w.params().shape()).muli(1.6).subi(0.8).addi(0.37));
        INDArray g = Nd4j.rand(DataType.DOUBLE, 1, 3, 20, 24).subi(0.5); // d loss / d image of loss = <g, image>
        INDArray analytic = w.paramGradient(g);
        double eps = 1e-6, worst = 0;
        for (int i = 0; i < w.params().length(); i++) {
            double v = w.params().getDouble(i);
            w.params().putScalar(i, v + eps);
            double up = w.image().mul(g).sumNumber().doubleValue();
            w.params().putScalar(i, v - eps);
            double down = w.image().mul(g).sumNumber().doubleValue();
            w.params().putScalar(i, v);
            worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic.getDouble(i)));
        }
        assertTrue(worst < 1e-5, "largest gap to the central difference " + worst + " (gradient max "
                + analytic.amaxNumber() + ")");
    }

    @Test
    void setImageGivesBackWhatItIsGivenAndTheMoveGoesOn() {
        INDArray x = picture(6);
        Warp w = Warp.of(x, 4);
        w.params().assign(0.6);
        INDArray clipped = Nd4j.zeros(DataType.DOUBLE, 1, 3, 20, 24).addi(0.25);
        w.setImage(clipped);
        assertEquals(0, w.image().sub(clipped).amaxNumber().doubleValue(), 1e-12);
        INDArray before = w.image();
        w.params().addi(0.3);
        assertTrue(w.image().sub(before).amaxNumber().doubleValue() > 0, "the residual is kept; the warp still moves");
        assertThrows(IllegalArgumentException.class, () -> Warp.of(x, 0));
        assertThrows(IllegalArgumentException.class, () -> Warp.of(Nd4j.zeros(2, 3, 4, 4), 2));
    }
}
