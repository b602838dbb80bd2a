package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.MnistData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceGeneratorTest {

    @Test
    void foldedGeneratorComputesTheSameImages() throws Exception {
        // train a few steps so BatchNorm's running statistics and γ, β are far from their initial values
        GanSession s = new GanSession(Dcgan.generator(3, Dcgan.LR), Dcgan.discriminator(4, Dcgan.LR), 0, 0);
        var train = MnistData.train();
        for (int i = 0; i < 8; i++) s.step(train.batch(i * 32, i * 32 + 32), Noise.z(3, i, 32, Dcgan.Z));
        MultiLayerNetwork g = s.generator();
        InferenceGenerator folded = InferenceGenerator.fold(g);
        for (int batch : new int[]{1, 17}) {
            INDArray z = Noise.z(5, batch, batch, Dcgan.Z);
            INDArray expected = g.output(z, false);
            double diff = folded.output(z).sub(expected).amaxNumber().doubleValue();
            assertTrue(diff < 1e-4, "batch " + batch + ": max difference " + diff);
            assertTrue(expected.stdNumber().doubleValue() > 0.01, "images are not flat");
        }
    }
}
