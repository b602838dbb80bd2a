package dev.latentstudio.engine.gan;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The networks match the source's diagram and the PyTorch reference (nets.py) layer by layer. */
class DcganTest {

    @Test
    void generatorShapesFollowTheDiagram() {
        MultiLayerNetwork g = Dcgan.generator(1, Dcgan.LR);
        List<INDArray> acts = g.feedForward(Nd4j.randn(3, Dcgan.Z), false);
        assertArrayEquals(new long[]{3, 64}, acts.get(0).shape());
        assertArrayEquals(new long[]{3, 128 * 7 * 7}, acts.get(3).shape());      // z → 128×7×7 (flat)
        assertArrayEquals(new long[]{3, 64, 14, 14}, acts.get(6).shape());       // → 64×14×14
        INDArray out = acts.get(acts.size() - 1);
        assertArrayEquals(new long[]{3, 1, 28, 28}, out.shape());                // → 1×28×28
        assertTrue(out.maxNumber().doubleValue() <= 1 && out.minNumber().doubleValue() >= -1, "tanh range");
    }

    @Test
    void discriminatorShapesFollowTheDiagram() {
        MultiLayerNetwork d = Dcgan.discriminator(1, Dcgan.LR);
        List<INDArray> acts = d.feedForward(Nd4j.rand(3, 1, 28, 28), false);
        assertArrayEquals(new long[]{3, 64, 14, 14}, acts.get(1).shape());
        assertArrayEquals(new long[]{3, 128, 7, 7}, acts.get(2).shape());
        INDArray p = acts.get(acts.size() - 1);
        assertArrayEquals(new long[]{3, 1}, p.shape());
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1, "a probability");
    }

    @Test
    void parameterCountsMatchTheReference() {
        // nets.py: Linear 64·6272 + BN1d 2·6272 + ConvT 128·64·16 + BN2d 2·64 + ConvT 64·16+1 = 546,177 trainable.
        // DL4J also stores BatchNorm's running mean and variance as parameters (2·6272 + 2·64).
        assertEquals(546_177 + 12_672, Dcgan.generator(1, Dcgan.LR).numParams());
        // Conv 16·64+64 + Conv 64·128·16 + BN2d 2·128 + Linear 6272+1 = 138,689; running stats 2·128.
        assertEquals(138_689 + 256, Dcgan.discriminator(1, Dcgan.LR).numParams());
    }

    @Test
    void initialWeightsAreDcganNormal() {
        INDArray w = Dcgan.generator(7, Dcgan.LR).getLayer(0).getParam("W");
        assertEquals(0.02, w.stdNumber().doubleValue(), 0.002);
        assertEquals(0.0, w.meanNumber().doubleValue(), 0.002);
    }
}
