package dev.latentstudio.engine.invert;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

import static dev.latentstudio.engine.invert.InversionGradientsTest.randomImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Zoom and turn by bilinear resampling, and the resize of DeepDream's octaves: both with exact adjoints. */
class ScaleRotateTest {

    @Test
    void pullBackIsTheExactAdjoint() {
        // ⟨A x, y⟩ = ⟨x, Aᵀ y⟩ for zooms in and out, turns both ways, odd and even sizes, colour
        INDArray x = randomImage(21, 3, 9, 12), y = randomImage(22, 3, 9, 12);
        for (double[] p : new double[][]{{1, 0}, {1.05, 0}, {0.95, 4}, {1.03, -5}, {0.8, 30}}) {
            Transform.Applied a = ScaleRotate.of(x, p[0], p[1]);
            double lhs = a.image().mul(y).sumNumber().doubleValue();
            double rhs = x.mul(a.pullBack(y)).sumNumber().doubleValue();
            assertEquals(lhs, rhs, 1e-10, "scale " + p[0] + ", degrees " + p[1]);
        }
        Random rnd = new Random(3);
        for (int i = 0; i < 5; i++) {
            Transform.Applied a = ScaleRotate.DEFAULT.apply(x, rnd);
            assertEquals(a.image().mul(y).sumNumber().doubleValue(), x.mul(a.pullBack(y)).sumNumber().doubleValue(), 1e-10);
        }
    }

    @Test
    void identityKeepsTheImageAndAQuarterTurnMovesACornerToTheNext() {
        INDArray x = randomImage(23, 1, 7, 7);
        assertEquals(0, Transforms.abs(ScaleRotate.of(x, 1, 0).image().sub(x)).maxNumber().doubleValue(), 1e-12);
        INDArray dot = Nd4j.zeros(DataType.DOUBLE, 1, 1, 5, 5);
        dot.putScalar(new long[]{0, 0, 0, 4}, 1);
        INDArray turned = ScaleRotate.of(dot, 1, 90).image();
        assertEquals(1, turned.sumNumber().doubleValue(), 1e-9, "a quarter turn of a square grid moves pixels onto pixels");
        assertEquals(1, turned.getDouble(0, 0, 0, 0) + turned.getDouble(0, 0, 4, 4), 1e-9, "the corner went to a neighbouring corner");
    }

    @Test
    void zoomingInSpreadsTheCentreOutwards() {
        INDArray dot = Nd4j.zeros(DataType.DOUBLE, 1, 1, 9, 9);
        dot.putScalar(new long[]{0, 0, 4, 6}, 1);
        INDArray z = ScaleRotate.of(dot, 2, 0).image();
        assertEquals(0, z.getDouble(0, 0, 4, 6), 1e-12, "the pixel moved away from the centre");
        assertTrue(z.getDouble(0, 0, 4, 8) > 0.4, "to twice its distance");
    }

    @Test
    void resizeAdjointIsExact() {
        INDArray x = randomImage(24, 2, 10, 14), y = randomImage(25, 2, 7, 5);
        Bilinear r = Bilinear.resize(10, 14, 7, 5);
        assertEquals(r.apply(x).mul(y).sumNumber().doubleValue(), x.mul(r.adjoint(y)).sumNumber().doubleValue(), 1e-10);
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 1, 1, 6, 6).addi(0.3);
        assertEquals(0, Transforms.abs(Bilinear.resize(6, 6, 13, 9).apply(flat).sub(0.3)).maxNumber().doubleValue(), 1e-12);
    }

    @Test
    void rejectsLargeZoomsAndTurns() {
        assertThrows(IllegalArgumentException.class, () -> new ScaleRotate(0.6, 5));
        assertThrows(IllegalArgumentException.class, () -> new ScaleRotate(0.05, 90));
    }
}
