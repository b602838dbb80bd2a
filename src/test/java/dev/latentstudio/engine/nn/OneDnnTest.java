package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.gan.Dcgan;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oneDNN convolutions compute what DL4J's built-in path computes: outputs and all gradients. */
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
