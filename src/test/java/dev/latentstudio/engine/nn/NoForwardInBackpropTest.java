package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import dev.latentstudio.engine.pix2pix.Pix2PixSession;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skipping the repeated forward pass changes nothing: pix2pix's networks with and without it give the same
 * outputs, parameter and input gradients, and after training steps the same parameters (within float rounding:
 * the innermost transposed convolutions run as matrix products there); so do the DCGANs', bit for bit where no
 * such layer is, whose LeakyReLU and tanh convolutions keep their forward pass's output instead.
 */
class NoForwardInBackpropTest {
    /** 64: six levels, so one has dropout. */
    private static final Pix2PixNets.Spec SPEC = new Pix2PixNets.Spec(64, 4, 1, 1);

    private static ComputationGraph plainG() {
        ComputationGraph g = new ComputationGraph(Pix2PixNets.unetConf(SPEC, 3, Pix2PixNets.LR));
        g.init();
        return OneDnn.accelerate(g);
    }

    private static MultiLayerNetwork plainD() {
        MultiLayerNetwork d = new MultiLayerNetwork(Pix2PixNets.patchGanConf(SPEC, 4, 4, Pix2PixNets.LR));
        d.init();
        return OneDnn.accelerate(d);
    }

    private static long swapped(Layer[] layers) {
        return Arrays.stream(layers).filter(NoForwardInBackprop::installed).count();
    }

    /** Equal within float rounding: the small transposed convolutions sum in another order ({@link SmallDeconvolution}). */
    private static void assertSame(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue() / scale, 1e-5, what);
    }

    /** Equal bit for bit: nothing but the repeated forward pass skipped. */
    private static void assertExactly(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 0.0, what);
    }

    @Test
    void everyConvolutionIsSwappedAndTheLayersStayInPlace() {
        ComputationGraph g = Pix2PixNets.unet(SPEC, 3, Pix2PixNets.LR);
        MultiLayerNetwork d = Pix2PixNets.patchGan(SPEC, 4, 4, Pix2PixNets.LR);
        assertEquals(0, swapped(plainG().getLayers()));
        assertEquals(2 * SPEC.levels(), swapped(g.getLayers()), "each level's convolution and transposed convolution");
        assertEquals(5, swapped(d.getLayers()));
        for (Layer l : g.getLayers()) assertEquals(l, g.getLayer(l.conf().getLayer().getLayerName()));
        for (Layer l : d.getLayers()) assertEquals(l, d.getLayer(l.conf().getLayer().getLayerName()));
        assertSame(plainG().params(), g.params(), "G's parameters");
        assertSame(plainD().params(), d.params(), "D's parameters");
    }

    @Test
    void gradientsAreThoseOfTheBuiltInPath() {
        Nd4j.getRandom().setSeed(11);
        INDArray a = Nd4j.rand(2, 1, 64, 64).muli(2).subi(1);
        INDArray eps = Nd4j.randn(2, 1, 64, 64);
        INDArray[] out = new INDArray[2], grad = new INDArray[2], dGrad = new INDArray[2], dIn = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            ComputationGraph g = i == 0 ? plainG() : Pix2PixNets.accelerate(plainG());
            Nd4j.getRandom().setSeed(12); // the same dropout masks
            out[i] = g.feedForward(new INDArray[]{a}, true, false).get(Pix2PixNets.OUTPUT).dup();
            grad[i] = g.backpropGradient(eps).gradient().dup();
            MultiLayerNetwork d = i == 0 ? plainD() : Pix2PixNets.accelerate(plainD());
            INDArray pair = Nd4j.concat(1, a, out[i]);
            var r = d.calculateGradients(pair, Nd4j.ones(2, 1, 6, 6), null, null);
            dGrad[i] = r.getFirst().gradient().dup();
            dIn[i] = r.getSecond().dup();
        }
        assertSame(out[0], out[1], "G(A)");
        assertSame(grad[0], grad[1], "G's parameter gradients");
        assertSame(dGrad[0], dGrad[1], "D's parameter gradients");
        assertSame(dIn[0], dIn[1], "D's input gradient");
    }

    @Test
    void trainingStepsEndOnTheSameParameters() {
        Nd4j.getRandom().setSeed(13);
        INDArray a = Nd4j.rand(1, 1, 64, 64).muli(2).subi(1), b = Nd4j.rand(1, 1, 64, 64).muli(2).subi(1);
        Pix2PixSession[] s = {new Pix2PixSession(plainG(), plainD(), 100, 0, 0),
                new Pix2PixSession(Pix2PixNets.accelerate(plainG()), Pix2PixNets.accelerate(plainD()), 100, 0, 0)};
        for (Pix2PixSession session : s) {
            Nd4j.getRandom().setSeed(14);
            for (int i = 0; i < 3; i++) session.step(a, b);
        }
        assertSame(s[0].generator().params(), s[1].generator().params(), "G after 3 steps (BatchNorm's running statistics included)");
        assertSame(s[0].discriminator().params(), s[1].discriminator().params(), "D after 3 steps");
        assertEquals(s[0].dLoss, s[1].dLoss, 1e-5 * Math.abs(s[0].dLoss));
        assertEquals(s[0].gL1, s[1].gL1, 1e-5 * Math.abs(s[0].gL1));
    }

    private interface Check {
        void check(INDArray expected, INDArray actual, String what);
    }

    /** D's parameter gradient and input gradient for one batch, after a training forward pass on it. */
    private static INDArray[] dGradients(MultiLayerNetwork d, INDArray x, INDArray labels) {
        var r = d.calculateGradients(x, labels, null, null);
        return new INDArray[]{r.getFirst().gradient().dup(), r.getSecond().dup()};
    }

    @Test
    void theDcgansKeepTheirForwardPassAndGetTheBuiltInGradients() {
        for (Dcgan.Architecture a : new Dcgan.Architecture[]{Dcgan.Architecture.MNIST, Dcgan.Architecture.colour64(4)}) {
            MultiLayerNetwork plainG = a.generator(3, Dcgan.LR), plainD = a.discriminator(4, Dcgan.LR);
            MultiLayerNetwork g = NoForwardInBackprop.install(a.generator(3, Dcgan.LR)), d = NoForwardInBackprop.install(a.discriminator(4, Dcgan.LR));
            assertEquals(a.side() == 64 ? 4 : 2, swapped(g.getLayers()), a.id() + ": G's transposed convolutions (tanh included)");
            assertEquals(a.side() == 64 ? 4 : 2, swapped(d.getLayers()), a.id() + ": D's convolutions (LeakyReLU included)");
            Nd4j.getRandom().setSeed(21);
            INDArray z = Nd4j.randn(4, a.z()), real = Nd4j.rand(4, a.channels(), a.side(), a.side()).muli(2).subi(1);
            INDArray other = Nd4j.rand(4, a.channels(), a.side(), a.side()).muli(2).subi(1), ones = Nd4j.ones(4, 1);
            INDArray[][] r = new INDArray[2][];
            INDArray[] fake = new INDArray[2], gGrad = new INDArray[2], second = new INDArray[2], stale = new INDArray[2];
            for (int i = 0; i < 2; i++) {
                MultiLayerNetwork gi = i == 0 ? plainG : g, di = i == 0 ? plainD : d;
                gi.setInput(z);
                var acts = gi.feedForward(true, false); // inputs kept for backprop, as GanSession does
                fake[i] = acts.get(acts.size() - 1).dup();
                r[i] = dGradients(di, fake[i], ones);
                gGrad[i] = gi.backpropGradient(r[i][1], null).getFirst().gradient().dup();
                // the parameters change between two passes on the same input: nothing stale may be reused
                di.params().muli(1.5);
                second[i] = dGradients(di, real, ones)[0];
                // a training pass on another batch, then an inference pass, then backprop: DL4J's own order of things
                di.output(other, true);
                di.output(real, false);
                di.setInput(real);
                di.setLabels(ones);
                di.computeGradientAndScore();
                stale[i] = di.gradient().gradient().dup();
            }
            // the 64×64 G's first transposed convolution (from 4×4) runs as matrix products: within rounding
            Check same = a.side() == 64 ? NoForwardInBackpropTest::assertSame : NoForwardInBackpropTest::assertExactly;
            same.check(fake[0], fake[1], a.id() + ": G(z)");
            same.check(r[0][0], r[1][0], a.id() + ": D's parameter gradients");
            same.check(r[0][1], r[1][1], a.id() + ": D's input gradient");
            same.check(gGrad[0], gGrad[1], a.id() + ": G's parameter gradients");
            assertExactly(second[0], second[1], a.id() + ": D's gradients after its parameters changed");
            assertExactly(stale[0], stale[1], a.id() + ": D's gradients after other passes in between");
        }
    }

    /** G's pass through pix2pix's D reads only D's input gradient: the same, within rounding, and D's kernels' gradients untouched. */
    @Test
    void inputGradientOnlyMatchesTheFullBackpropAndSkipsTheKernels() {
        MultiLayerNetwork d = Pix2PixNets.patchGan(SPEC, 4, 4, Pix2PixNets.LR);
        Nd4j.getRandom().setSeed(31);
        INDArray pair = Nd4j.rand(2, 2, 64, 64).muli(2).subi(1), ones = Nd4j.ones(2, 1, 6, 6);
        INDArray full = d.calculateGradients(pair, ones, null, null).getSecond().dup();
        java.util.List<INDArray> kernels = new java.util.ArrayList<>();
        for (Layer l : d.getLayers()) {
            if (NoForwardInBackprop.installed(l)) kernels.add(l.getGradientsViewArray());
        }
        assertEquals(5, kernels.size());
        for (INDArray k : kernels) k.assign(Double.NaN);
        INDArray only = NoForwardInBackprop.inputGradientOnly(() -> d.calculateGradients(pair, ones, null, null).getSecond().dup());
        assertSame(full, only, "D's input gradient");
        for (INDArray k : kernels) assertTrue(Double.isNaN(k.getDouble(0)), "a convolution's parameter gradient was computed");
        d.calculateGradients(pair, ones, null, null);
        for (INDArray k : kernels) assertEquals(0, k.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue(), "outside, all of them are");
    }

    /** G trained 200 steps through a D whose input gradient comes each way ends at the same parameters within rounding. */
    @Test
    void twoHundredStepsThroughDEndAtTheSameGenerator() {
        Dcgan.Architecture a = Dcgan.Architecture.MNIST;
        INDArray[] end = new INDArray[2];
        for (int way = 0; way < 2; way++) {
            MultiLayerNetwork g = NoForwardInBackprop.install(OneDnn.accelerate(a.generator(3, Dcgan.LR)));
            MultiLayerNetwork d = NoForwardInBackprop.install(OneDnn.accelerate(a.discriminator(4, Dcgan.LR)));
            for (int step = 0; step < 200; step++) {
                Nd4j.getRandom().setSeed(500 + step);
                g.setInput(Nd4j.randn(4, a.z()));
                java.util.List<INDArray> acts = g.feedForward(true, false);
                INDArray fake = acts.get(acts.size() - 1), ones = Nd4j.ones(4, 1);
                java.util.function.Supplier<INDArray> dIn = () -> d.calculateGradients(fake, ones, null, null).getSecond();
                INDArray eps = way == 0 ? dIn.get() : NoForwardInBackprop.inputGradientOnly(dIn);
                FusedAdam.apply(g, g.backpropGradient(eps, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getFirst(), step, 4);
            }
            end[way] = g.params().dup();
        }
        assertSame(end[0], end[1], "G after 200 steps");
    }

    /** The same through the DCGANs' D, whose convolutions carry their LeakyReLU (its derivative taken at the kept z). */
    @Test
    void inputGradientOnlyThroughTheDcgansD() {
        for (Dcgan.Architecture a : new Dcgan.Architecture[]{Dcgan.Architecture.MNIST, Dcgan.Architecture.colour64(4)}) {
            MultiLayerNetwork d = NoForwardInBackprop.install(OneDnn.accelerate(a.discriminator(4, Dcgan.LR)));
            Nd4j.getRandom().setSeed(32);
            INDArray x = Nd4j.rand(3, a.channels(), a.side(), a.side()).muli(2).subi(1), ones = Nd4j.ones(3, 1);
            INDArray full = d.calculateGradients(x, ones, null, null).getSecond().dup();
            java.util.List<INDArray> kernels = new java.util.ArrayList<>();
            for (Layer l : d.getLayers()) if (NoForwardInBackprop.installed(l)) kernels.add(l.getGradientsViewArray());
            for (INDArray k : kernels) k.assign(Double.NaN);
            INDArray only = NoForwardInBackprop.inputGradientOnly(() -> d.calculateGradients(x, ones, null, null).getSecond().dup());
            assertSame(full, only, a.id() + ": D's input gradient");
            for (INDArray k : kernels) assertTrue(Double.isNaN(k.getDouble(0)), a.id() + ": a convolution's parameter gradient was computed");
            assertTrue(full.amaxNumber().doubleValue() > 0, a.id());
        }
    }

    /** One transposed convolution with a bias on a 2×3 input, batch 3: DL4J's layer, then the matrix-product path. */
    @Test
    void smallTransposedConvolutionsMatchDl4jsLayer() {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new org.deeplearning4j.nn.conf.layers.Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nIn(6).nOut(5).hasBias(true).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new org.deeplearning4j.nn.conf.layers.CnnLossLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(2, 3, 6)).build();
        Nd4j.getRandom().setSeed(41);
        INDArray x = Nd4j.randn(3, 6, 2, 3), y = Nd4j.randn(3, 5, 4, 6);
        INDArray[] out = new INDArray[2], grad = new INDArray[2], eps = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
            net.init();
            net.getLayer(0).getParam("b").assign(Nd4j.randn(1, 5)); // a bias that matters
            if (i == 1) {
                NoForwardInBackprop.install(net);
                assertTrue(SmallDeconvolution.applies((org.deeplearning4j.nn.conf.layers.Deconvolution2D) net.getLayer(0).conf().getLayer(), x),
                        "a 2×3 input takes the matrix-product path");
                assertTrue(NoForwardInBackprop.installed(net.getLayer(0)));
            }
            out[i] = net.output(x, true).dup();
            var r = net.calculateGradients(x, y, null, null);
            grad[i] = r.getFirst().gradient().dup();
            eps[i] = r.getSecond().dup();
        }
        assertSame(out[0], out[1], "output");
        assertSame(grad[0], grad[1], "kernel and bias gradients");
        assertSame(eps[0], eps[1], "input gradient");
        assertTrue(grad[0].amaxNumber().doubleValue() > 0.1, "gradients that say something");
    }
}
