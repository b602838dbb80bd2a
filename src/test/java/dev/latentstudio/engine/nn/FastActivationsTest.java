package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.GanSession;
import dev.latentstudio.engine.model.NetArchive;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast (leaky) ReLU gives DL4J's results exactly, is installed where it should be, and never reaches a file. */
class FastActivationsTest {
    /** Random values with the awkward ones mixed in: ±0, tiny and huge magnitudes. */
    private static INDArray values(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape);
        float[] odd = {0f, -0f, 1e-38f, -1e-38f, 3e38f, -3e38f, 1f, -1f};
        for (int i = 0; i < odd.length; i++) x.putScalar(i * 7L, odd[i]);
        return x;
    }

    private static void assertBitwise(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.dup('c').data().asFloat(), a = actual.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            // equal as floats: ReLU's gradient is ε·0 = -0 where relu_bp writes +0 (the same in every sum)
            assertTrue(e[i] == a[i] || Float.isNaN(e[i]) && Float.isNaN(a[i]), what + " at " + i + ": " + e[i] + " vs " + a[i]);
        }
    }

    private static void assertSameFunction(IActivation standard, IActivation fast, INDArray z, INDArray eps, String what) {
        assertBitwise(standard.getActivation(z.dup(), true), fast.getActivation(z.dup(), true), what + " forward");
        assertBitwise(standard.backprop(z.dup(), eps).getFirst(), fast.backprop(z.dup(), eps).getFirst(), what + " gradient");
        // on permuted views, as convolution layers may hand their pre-activations over
        INDArray viewEps = eps.permute(0, 2, 3, 1);
        assertBitwise(standard.getActivation(z.dup().permute(0, 2, 3, 1), true), fast.getActivation(z.dup().permute(0, 2, 3, 1), true),
                what + " forward on a view");
        assertBitwise(standard.backprop(z.dup().permute(0, 2, 3, 1), viewEps).getFirst(),
                fast.backprop(z.dup().permute(0, 2, 3, 1), viewEps).getFirst(), what + " gradient on a view");
    }

    @Test
    void leakyReluAndReluAgreeWithDl4jExactly() {
        INDArray z = values(1, 4, 8, 6, 6), eps = values(2, 4, 8, 6, 6);
        for (double alpha : new double[]{0.2, 0.1, 0.01, 0}) {
            IActivation fast = FastActivations.fast(new ActivationLReLU(alpha));
            assertTrue(fast instanceof FastActivations.LeakyRelu, "α " + alpha + " swapped");
            assertSameFunction(new ActivationLReLU(alpha), fast, z, eps, "leaky ReLU α " + alpha);
        }
        IActivation relu = FastActivations.fast(new ActivationReLU());
        assertTrue(relu instanceof FastActivations.Relu);
        assertSameFunction(new ActivationReLU(), relu, z, eps, "ReLU");
        // variants the fast forms do not cover stay DL4J's
        assertFalse(FastActivations.fast(new ActivationReLU(6.0, 0.0, 0.0)) instanceof FastActivations.Relu);
        assertFalse(FastActivations.fast(new ActivationLReLU(1.5)) instanceof FastActivations.LeakyRelu);
    }

    private static long fastLayers(MultiLayerNetwork net) {
        return Arrays.stream(net.getLayers()).map(FastActivations::activationOf)
                .filter(a -> a instanceof FastActivations.LeakyRelu || a instanceof FastActivations.Relu).count();
    }

    @Test
    void theDcgansRunOnThemAndTheirArchivesNameOnlyDl4jClasses() throws Exception {
        MultiLayerNetwork g = Dcgan.generator(5, Dcgan.LR), d = Dcgan.discriminator(6, Dcgan.LR);
        assertEquals(2, fastLayers(g), "G's two ReLU layers");
        assertEquals(2, fastLayers(d), "D's first convolution and its LeakyReLU layer");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NetArchive.write(d, out, true);
        String json = null;
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("configuration.json")) json = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertTrue(json != null && json.contains("ActivationLReLU") && !json.contains("latentstudio"), "standard classes in the file");
        assertEquals(2, fastLayers(d), "the fast ones back after writing");
        MultiLayerNetwork back = OneDnn.accelerate(NetArchive.read(out.toByteArray(), "test", true));
        assertEquals(2, fastLayers(back), "installed again on reading");
        assertBitwise(d.params(), back.params(), "parameters read back");
    }

    @Test
    void trainingStepsEndOnTheParametersOfDl4jsOwnFunctions() throws Exception {
        Nd4j.getRandom().setSeed(31);
        INDArray real = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
        INDArray[] z = {Nd4j.randn(DataType.FLOAT, 8, Dcgan.Z), Nd4j.randn(DataType.FLOAT, 8, Dcgan.Z)};
        GanSession fast = new GanSession(Dcgan.generator(7, Dcgan.LR), Dcgan.discriminator(8, Dcgan.LR), 0, 0);
        GanSession standard = new GanSession(Dcgan.generator(7, Dcgan.LR), Dcgan.discriminator(8, Dcgan.LR), 0, 0);
        for (INDArray zi : z) fast.step(real, zi);
        FastActivations.whileStandard(standard.generator(), () -> FastActivations.whileStandard(standard.discriminator(), () -> {
            assertEquals(0, fastLayers(standard.discriminator()));
            for (INDArray zi : z) standard.step(real, zi);
        }));
        assertBitwise(standard.generator().params(), fast.generator().params(), "G after two steps");
        assertBitwise(standard.discriminator().params(), fast.discriminator().params(), "D after two steps");
    }
}
