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
        // batch 1 twice: its own path reuses its buffers from call to call
        for (int batch : new int[]{1, 1, 17}) assertSame(g, folded, Noise.z(5 + batch, batch, batch, Dcgan.Z), "batch " + batch);
    }

    @Test
    void foldedConditionalGeneratorComputesTheSameImages() {
        Dcgan.Architecture a = Dcgan.Architecture.conditional28(10);
        MultiLayerNetwork g = a.generator(7, Dcgan.LR);
        // BatchNorm statistics and scales away from 0 and 1, as training leaves them
        for (int i : new int[]{1, 4}) {
            var layer = g.getLayer(i);
            layer.getParam("mean").assign(org.nd4j.linalg.factory.Nd4j.randn(8L + i, layer.getParam("mean").shape()).muli(0.3));
            String spread = layer.paramTable().containsKey("var") ? "var" : "log10stdev"; // DL4J keeps either
            layer.getParam(spread).assign(org.nd4j.linalg.factory.Nd4j.rand(9L + i, layer.getParam(spread).shape()).subi(0.5));
            layer.getParam("gamma").assign(org.nd4j.linalg.factory.Nd4j.rand(10L + i, layer.getParam("gamma").shape()).addi(0.5));
        }
        InferenceGenerator folded = InferenceGenerator.fold(g);
        for (int batch : new int[]{1, 5}) {
            INDArray z = Noise.z(11, batch, batch, Dcgan.Z);
            INDArray in = org.nd4j.linalg.factory.Nd4j.hstack(z, org.nd4j.linalg.factory.Nd4j.eye(10).getRows(java.util.stream.IntStream.range(0, batch).map(k -> (3 * k) % 10).toArray()).castTo(z.dataType()));
            assertSame(g, folded, in, "conditional batch " + batch);
        }
    }

    private static void assertSame(MultiLayerNetwork g, InferenceGenerator folded, INDArray in, String what) {
        INDArray expected = g.output(in, false);
        double diff = folded.output(in).sub(expected).amaxNumber().doubleValue();
        assertTrue(diff < 1e-4, what + ": max difference " + diff);
        assertTrue(expected.stdNumber().doubleValue() > 0.01, "images are not flat");
    }
}
