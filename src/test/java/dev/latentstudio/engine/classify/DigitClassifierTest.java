package dev.latentstudio.engine.classify;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitClassifierTest {

    @Test
    void analyticGradientsMatchFiniteDifferences() throws Exception {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // DL4J's checker insists on it
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(DigitClassifier.conf(3, new NoOp(), DataType.DOUBLE));
            net.init();
            Digits d = MnistData.test();
            int[] idx = {0, 1, 2};
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(d.batch(idx).castTo(DataType.DOUBLE)).labels(d.oneHot(idx).castTo(DataType.DOUBLE))
                    .subset(true).maxPerParam(12));
            assertTrue(ok, "gradient check of the digit classifier");
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void layersHaveTheReferenceShapes() {
        MultiLayerNetwork net = DigitClassifier.create(1, 1e-3);
        var acts = net.feedForward(org.nd4j.linalg.factory.Nd4j.rand(2, 1, 28, 28), false);
        assertArrayEquals(new long[]{2, 32, 28, 28}, acts.get(1).shape());
        assertArrayEquals(new long[]{2, 64, 7, 7}, acts.get(4).shape());
        assertArrayEquals(new long[]{2, 10}, acts.get(acts.size() - 1).shape());
        // conv 25·32+32, conv 25·32·64+64, fc 3136·256+256, fc 256·10+10 (nets.py)
        assertEquals(832 + 51_264 + 803_072 + 2_570, net.numParams());
    }

    @Test
    void shippedClassifierReachesTheTargetOnHeldOutDigits() throws Exception {
        MultiLayerNetwork net = DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER);
        double acc = DigitClassifier.accuracy(net, MnistData.test());
        assertTrue(acc >= 0.98, "held-out accuracy " + acc);
        ModelCard card = ModelStore.find(ModelStore.DEFAULT_CLASSIFIER).card();
        assertEquals(acc, ((Number) card.quality().get("test_accuracy")).doubleValue(), 1e-9, "model card reports what it measures");
    }

    @Test
    void secondArchitectureHasItsOwnShapes() {
        MultiLayerNetwork net = new MultiLayerNetwork(DigitClassifier.conf(DigitClassifier.Arch.CNN_B, 2, new NoOp(), DataType.FLOAT));
        net.init();
        var acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), false);
        assertArrayEquals(new long[]{2, 16, 28, 28}, acts.get(2).shape());
        assertArrayEquals(new long[]{2, 16, 14, 14}, acts.get(3).shape());
        assertArrayEquals(new long[]{2, 32, 7, 7}, acts.get(5).shape());
        assertArrayEquals(new long[]{2, 128}, acts.get(6).shape());
        assertArrayEquals(new long[]{2, 10}, acts.get(acts.size() - 1).shape());
        // conv 9·16+16, conv 9·16·16+16, conv 9·16·32+32, fc 1568·128+128, fc 128·10+10
        assertEquals(160 + 2_320 + 4_640 + 200_832 + 1_290, net.numParams());
        assertEquals(DigitClassifier.Arch.CNN_B, DigitClassifier.Arch.of("cnn-b"));
    }

    @Test
    void shippedSecondClassifierIsTheOtherArchitectureAndReachesTheTarget() throws Exception {
        ModelStore.Entry e = ModelStore.find(ModelStore.SECOND_CLASSIFIER);
        assertEquals(DigitClassifier.Arch.CNN_B.id, e.card().architecture());
        assertNotEquals(ModelStore.find(ModelStore.DEFAULT_CLASSIFIER).card().seed(), e.card().seed());
        MultiLayerNetwork net = DigitClassifier.load(ModelStore.SECOND_CLASSIFIER);
        assertEquals(7, net.getnLayers(), "the net restores its own (cnn-b) layers from the weights file");
        double acc = DigitClassifier.accuracy(net, MnistData.test());
        assertTrue(acc >= 0.97, "held-out accuracy " + acc);
        assertEquals(acc, ((Number) e.card().quality().get("test_accuracy")).doubleValue(), 1e-9, "model card reports what it measures");
    }

    @Test
    void inceptionScoreIsTenForConfidentBalancedAndOneForUniform() {
        double[][] sharp = new double[100][10];
        double[] py = new double[10];
        for (int i = 0; i < 100; i++) {
            sharp[i][i % 10] = 1;
            py[i % 10] += 0.01;
        }
        assertEquals(10.0, (double) GanQuality.fromProbabilities(sharp, py).get("inception_score"), 1e-9);
        assertEquals(1.0, (double) GanQuality.fromProbabilities(sharp, py).get("confident_share"), 1e-9);
        double[][] flat = new double[50][10];
        for (double[] r : flat) java.util.Arrays.fill(r, 0.1);
        double[] pf = new double[10];
        java.util.Arrays.fill(pf, 0.1);
        assertEquals(1.0, (double) GanQuality.fromProbabilities(flat, pf).get("inception_score"), 1e-9);
        assertEquals(0.0, (double) GanQuality.fromProbabilities(flat, pf).get("confident_share"), 1e-9);
    }
}
