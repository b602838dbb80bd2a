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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oneDNN convolutions and FastBatchNorm compute what DL4J's built-in path computes: outputs and all gradients. */
class OneDnnTest {

    private static void assertClose(INDArray a, INDArray b, double tol, String what) {
        double diff = a.sub(b).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, b.amaxNumber().doubleValue());
        assertTrue(diff / scale < tol, what + ": relative difference " + diff / scale);
    }

    private static void compare(MultiLayerNetwork plainNet, INDArray x, INDArray y) {
        MultiLayerNetwork fast = OneDnn.accelerate(plainNet.clone());
        assertClose(fast.output(x, false), plainNet.output(x, false), 1e-4, "output");
        Pair<?, INDArray> pg = plainNet.calculateGradients(x, y, null, null);
        INDArray plainGrad = plainNet.getFlattenedGradients().dup();
        Pair<?, INDArray> fg = fast.calculateGradients(x, y, null, null);
        assertClose(fast.getFlattenedGradients(), plainGrad, 1e-3, "parameter gradients");
        assertClose(fg.getSecond(), pg.getSecond(), 1e-3, "input gradient");
    }

    @Test
    void discriminatorMatchesBuiltInPath() {
        Nd4j.getRandom().setSeed(3);
        MultiLayerNetwork plain = new MultiLayerNetwork(Dcgan.discriminatorConf(5, Dcgan.LR));
        plain.init();
        compare(plain, Nd4j.rand(4, 1, 28, 28).muli(2).subi(1), Nd4j.create(new float[][]{{1}, {0}, {1}, {0}}));
    }

    /** G has BatchNorm on dense (6272) and convolutional (64×14×14) activations: training and inference outputs, all gradients. */
    @Test
    void generatorMatchesBuiltInPath() {
        Nd4j.getRandom().setSeed(6);
        MultiLayerNetwork plain = new MultiLayerNetwork(Dcgan.generatorConf(7, Dcgan.LR));
        plain.init();
        MultiLayerNetwork fast = OneDnn.accelerate(plain.clone());
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
        Nd4j.getRandom().setSeed(4);
        MultiLayerNetwork plain = new MultiLayerNetwork(DigitClassifier.conf(5, 1e-3));
        plain.init();
        INDArray y = Nd4j.zeros(3, 10);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 7, 1);
        y.putScalar(2, 0, 1);
        compare(plain, Nd4j.rand(3, 1, 28, 28).muli(2).subi(1), y);
    }
}
