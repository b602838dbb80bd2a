package dev.latentstudio.engine.gan;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 64×64 DCGAN against the DCGAN paper's diagram, at the paper's width w = 128 (1024 channels at 4×4). */
class Dcgan64Test {
    static final Dcgan.Architecture PAPER = Dcgan.Architecture.colour64(Dcgan.PAPER_WIDTH);

    @Test
    void generatorShapesFollowThePaper() {
        MultiLayerNetwork g = PAPER.generator(1, Dcgan.LR);
        List<INDArray> acts = g.feedForward(Nd4j.randn(2, 100), false);
        assertArrayEquals(new long[]{2, 100}, acts.get(0).shape());               // z ∈ R^100
        assertArrayEquals(new long[]{2, 1024, 4, 4}, acts.get(3).shape());        // → 1024×4×4 (BatchNorm, ReLU)
        assertArrayEquals(new long[]{2, 512, 8, 8}, acts.get(6).shape());         // → 512×8×8
        assertArrayEquals(new long[]{2, 256, 16, 16}, acts.get(9).shape());       // → 256×16×16
        assertArrayEquals(new long[]{2, 128, 32, 32}, acts.get(12).shape());      // → 128×32×32
        INDArray out = acts.get(13);
        assertEquals(14, acts.size());
        assertArrayEquals(new long[]{2, 3, 64, 64}, out.shape());                 // → 3×64×64
        assertTrue(out.maxNumber().doubleValue() <= 1 && out.minNumber().doubleValue() >= -1, "tanh range");
    }

    @Test
    void discriminatorShapesMirrorTheGenerator() {
        MultiLayerNetwork d = PAPER.discriminator(1, Dcgan.LR);
        List<INDArray> acts = d.feedForward(Nd4j.rand(2, 3, 64, 64), false);
        assertArrayEquals(new long[]{2, 128, 32, 32}, acts.get(1).shape());
        assertArrayEquals(new long[]{2, 256, 16, 16}, acts.get(4).shape());
        assertArrayEquals(new long[]{2, 512, 8, 8}, acts.get(7).shape());
        assertArrayEquals(new long[]{2, 1024, 4, 4}, acts.get(10).shape());
        INDArray p = acts.get(acts.size() - 1);
        assertArrayEquals(new long[]{2, 1}, p.shape());
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1, "a probability");
    }

    @Test
    void parameterCountsAtThePaperWidth() {
        // G: project z (100 → 1024·4·4, no bias: a 4×4 deconvolution of 1×1), then 4×4 deconvolutions in·out·16;
        // only the output layer has a bias (the others feed BatchNorm). BatchNorm: γ, β per channel (2·C trainable),
        // and DL4J keeps the running mean and variance as parameters too (another 2·C).
        long g = 100L * 1024 * 16 + 1024L * 512 * 16 + 512L * 256 * 16 + 256L * 128 * 16 + (128L * 3 * 16 + 3);
        long gBn = 2L * (1024 + 512 + 256 + 128);
        assertEquals(12_654_595, g);
        assertEquals(g + gBn + gBn, PAPER.generator(1, Dcgan.LR).numParams());
        // D: 4×4 convolutions in·out·16 (bias only on the first, which has no BatchNorm), then 1024·4·4 → 1 with bias.
        long d = (3L * 128 * 16 + 128) + 128L * 256 * 16 + 256L * 512 * 16 + 512L * 1024 * 16 + (1024L * 16 + 1);
        long dBn = 2L * (256 + 512 + 1024);
        assertEquals(11_032_705, d);
        assertEquals(d + dBn + dBn, PAPER.discriminator(1, Dcgan.LR).numParams());
    }

    @Test
    void widthScalesEveryLayer() {
        Dcgan.Architecture small = Dcgan.Architecture.colour64(4);
        List<INDArray> acts = small.generator(1, Dcgan.LR).feedForward(Nd4j.randn(2, 100), false);
        assertArrayEquals(new long[]{2, 32, 4, 4}, acts.get(3).shape());
        assertArrayEquals(new long[]{2, 4, 32, 32}, acts.get(12).shape());
        assertArrayEquals(new long[]{2, 3, 64, 64}, acts.get(13).shape());
        INDArray w = small.generator(7, Dcgan.LR).getLayer(0).getParam("W");
        assertEquals(0.02, w.stdNumber().doubleValue(), 0.002, "weights ~ N(0, 0.02)");
    }

    @Test
    void architecturesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Dcgan.Architecture.colour64(0));
        assertThrows(IllegalArgumentException.class, () -> new Dcgan.Architecture("dcgan-mnist-28", 64, 1, 28, 32));
        assertThrows(IllegalArgumentException.class, () -> new Dcgan.Architecture("dcgan-128", 100, 3, 128, 64));
        assertEquals(Dcgan.Z, Dcgan.Architecture.MNIST.z());
    }
}
