package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.gan.Dcgan;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The oneDNN convolutions and FastBatchNorm compute what DL4J's built-in path computes: outputs and all
 * gradients. Each comparison first checks that the helpers are really installed on one network and
 * absent from the other, so it never compares the built-in path with itself.
 */
class OneDnnTest {
    /** Helpers each network gets: D two convolutions and a BatchNorm; G two BatchNorms (its deconvolutions stay built-in); the classifier two convolutions. */
    private static final int HELPERS_D = 3, HELPERS_G = 2, HELPERS_CLASSIFIER = 2;

    private static boolean cpuBackend() {
        return "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }

    /** What the loaded natives say of themselves (the CPU backend's environment; false on any other). */
    private static boolean nativesHaveOneDnn() {
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = env.getMethod("getInstance").invoke(null);
            return (boolean) env.getMethod("isUseONEDNN").invoke(instance);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Test
    void theBuildsNativesCarryOneDnnAndTheHelpersAreOn() {
        assumeTrue(cpuBackend(), "oneDNN is a helper of the CPU backend");
        assertTrue(nativesHaveOneDnn(), "the pom's CPU natives (the onednn classifier) should report oneDNN");
        assertEquals(!Boolean.getBoolean("studio.noOneDnn"), OneDnn.available(), "on by default, off with -Dstudio.noOneDnn");
    }

    /** The helpers a comparison needs: none on the built-in network, all expected ones on the accelerated copy. */
    private static void assertHelpers(MultiLayerNetwork plain, MultiLayerNetwork fast, int expected) {
        assertEquals(0, OneDnn.helpers(plain), "the built-in network runs without helpers");
        assertEquals(expected, OneDnn.helpers(fast), "helpers on the accelerated copy");
    }

    private static void assumeOneDnn() {
        assumeTrue(OneDnn.available(), "oneDNN is off (not the CPU backend, or -Dstudio.noOneDnn): nothing to compare");
    }

    private static void assertClose(INDArray a, INDArray b, double tol, String what) {
        double diff = a.sub(b).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, b.amaxNumber().doubleValue());
        assertTrue(diff / scale < tol, what + ": relative difference " + diff / scale);
    }

    private static void compare(MultiLayerNetwork plainNet, INDArray x, INDArray y, int helpers) {
        MultiLayerNetwork fast = OneDnn.accelerate(plainNet.clone());
        assertHelpers(plainNet, fast, helpers);
        assertClose(fast.output(x, false), plainNet.output(x, false), 1e-4, "output");
        Pair<?, INDArray> pg = plainNet.calculateGradients(x, y, null, null);
        INDArray plainGrad = plainNet.getFlattenedGradients().dup();
        Pair<?, INDArray> fg = fast.calculateGradients(x, y, null, null);
        assertClose(fast.getFlattenedGradients(), plainGrad, 1e-3, "parameter gradients");
        assertClose(fg.getSecond(), pg.getSecond(), 1e-3, "input gradient");
    }

    @Test
    void discriminatorMatchesBuiltInPath() {
        assumeOneDnn();
        Nd4j.getRandom().setSeed(3);
        MultiLayerNetwork plain = new MultiLayerNetwork(Dcgan.discriminatorConf(5, Dcgan.LR));
        plain.init();
        compare(plain, Nd4j.rand(4, 1, 28, 28).muli(2).subi(1), Nd4j.create(new float[][]{{1}, {0}, {1}, {0}}), HELPERS_D);
    }

    /** G has BatchNorm on dense (6272) and convolutional (64×14×14) activations: training and inference outputs, all gradients. */
    @Test
    void generatorMatchesBuiltInPath() {
        assumeOneDnn();
        Nd4j.getRandom().setSeed(6);
        MultiLayerNetwork plain = new MultiLayerNetwork(Dcgan.generatorConf(7, Dcgan.LR));
        plain.init();
        MultiLayerNetwork fast = OneDnn.accelerate(plain.clone());
        assertHelpers(plain, fast, HELPERS_G);
        INDArray z = Nd4j.randn(16, Dcgan.Z);
        INDArray eps = Nd4j.randn(16, 1, 28, 28);
        LayerWorkspaceMgr no = LayerWorkspaceMgr.noWorkspaces();
        INDArray[] grads = new INDArray[2], inGrads = new INDArray[2], outs = new INDArray[2];
        MultiLayerNetwork[] nets = {plain, fast};
        for (int i = 0; i < 2; i++) {
            nets[i].setInput(z);
            List<INDArray> acts = nets[i].feedForward(true, false);
            outs[i] = acts.get(acts.size() - 1).dup();
            Pair<Gradient, INDArray> p = nets[i].backpropGradient(eps, no);
            grads[i] = p.getFirst().gradient().dup();
            inGrads[i] = p.getSecond().dup();
        }
        assertClose(outs[1], outs[0], 1e-4, "training output");
        assertClose(grads[1], grads[0], 1e-3, "parameter gradients (BatchNorm's running statistics included)");
        assertClose(inGrads[1], inGrads[0], 1e-3, "input gradient");
        plain.params().subi(grads[0]);  // the running averages move as DL4J moves them
        fast.params().subi(grads[1]);
        assertClose(fast.output(z, false), plain.output(z, false), 1e-4, "inference output");
    }

    @Test
    void classifierMatchesBuiltInPath() {
        assumeOneDnn();
        Nd4j.getRandom().setSeed(4);
        MultiLayerNetwork plain = new MultiLayerNetwork(DigitClassifier.conf(5, 1e-3));
        plain.init();
        INDArray y = Nd4j.zeros(3, 10);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 7, 1);
        y.putScalar(2, 0, 1);
        compare(plain, Nd4j.rand(3, 1, 28, 28).muli(2).subi(1), y, HELPERS_CLASSIFIER);
    }
}
