package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.ToDoubleFunction;

import static dev.latentstudio.engine.invert.InversionGradientsTest.centralDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objectives on an intermediate layer's activations, through a cut of the shipped classifier. */
class LayerObjectivesTest {
    static LayerNetworks layers;

    @BeforeAll
    static void load() throws Exception {
        layers = new LayerNetworks(DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER));
    }

    /** d objective / d pixels through the cut at {@code layer} (in double), against central differences. */
    static void checkGradient(int layer, java.util.function.Function<MultiLayerNetwork, Objective> objectiveOn) throws Exception {
        MultiLayerNetwork net = layers.upTo(layer).convertDataType(DataType.DOUBLE);
        Objective obj = objectiveOn.apply(net);
        // a held-out digit plus noise: the pixels sit away from ReLU and max-pool kinks almost surely
        Nd4j.getRandom().setSeed(11);
        INDArray x = MnistData.test().batch(5, 6).castTo(DataType.DOUBLE).addi(Nd4j.randn(DataType.DOUBLE, 1, 1, 28, 28).muli(0.1));
        INDArray grad = InputGradient.of(net, x.dup(), out -> obj.evaluate(out).gradient());
        ToDoubleFunction<INDArray> f = img -> obj.evaluate(net.output(img, false)).score();
        double scale = grad.amaxNumber().doubleValue();
        assertTrue(scale > 0, "a gradient reaches the pixels");
        for (int[] p : new int[][]{{14, 14}, {10, 17}, {20, 8}, {6, 12}, {22, 20}, {12, 9}}) {
            assertEquals(centralDifference(f, x, p[0] * 28L + p[1]), grad.getDouble(0, 0, p[0], p[1]), 1e-5 * scale,
                    layers.name(layer) + " pixel " + p[0] + "," + p[1]);
        }
    }

    @Test
    void layerTargetGradientMatchesFiniteDifferencesAtConv2AndFc1() throws Exception {
        for (String name : new String[]{"conv2", "fc1"}) {
            int l = layers.index(name);
            // the target: another held-out digit's activations, so the distance is far from zero
            INDArray target = layers.activations(l, MnistData.test().batch(0, 1)).castTo(DataType.DOUBLE);
            checkGradient(l, net -> Objective.layerTarget(target));
        }
    }

    @Test
    void dreamGradientMatchesFiniteDifferencesAtConv1AndConv2() throws Exception {
        checkGradient(layers.index("conv1"), net -> Objective.dream());
        checkGradient(layers.index("conv2"), net -> Objective.dream().times(3));
    }

    @Test
    void embeddingSimilarityGradientMatchesFiniteDifferencesAtFc1() throws Exception {
        // fc1's 256 activations stand in for a descriptor; the target is another digit's
        int l = layers.index("fc1");
        INDArray target = layers.activations(l, MnistData.test().batch(0, 1)).castTo(DataType.DOUBLE);
        checkGradient(l, net -> Objective.embeddingSimilarity(target));
    }

    @Test
    void embeddingSimilarityIsTheMeanCosine() {
        Objective.Value v = Objective.embeddingSimilarity(Nd4j.create(new double[]{3, 4}))
                .evaluate(Nd4j.create(new double[][]{{3, 4}, {-4, 3}}));
        assertEquals(0.5, v.score(), 1e-12, "cos 1 and cos 0");
        assertEquals(0, v.gradient().getRow(0).norm2Number().doubleValue(), 1e-12, "at the optimum the gradient vanishes");
    }

    @Test
    void dreamIsTheMeanSquare() {
        Objective.Value v = Objective.dream().evaluate(Nd4j.create(new double[][]{{1, -2}, {3, 0}}));
        assertEquals((1 + 4 + 9) / 4.0, v.score(), 1e-12);
        assertEquals(Nd4j.create(new double[][]{{0.5, -1}, {1.5, 0}}), v.gradient());
    }

    @Test
    void channelGradientMatchesFiniteDifferencesAtPool1() throws Exception {
        checkGradient(layers.index("pool1"), net -> Objective.channel(7).plus(Objective.channel(3).times(-0.5)));
    }

    @Test
    void layerTargetIsTheNegatedRelativeSquaredDistance() {
        INDArray t = Nd4j.create(new double[][]{{3, 4}}), phi = Nd4j.create(new double[][]{{1, 4}});
        Objective.Value v = Objective.layerTarget(t).evaluate(phi);
        assertEquals(-4.0 / 25, v.score(), 1e-12);
        assertEquals(Nd4j.create(new double[][]{{4.0 / 25, 0}}), v.gradient());
        assertEquals(0, Objective.layerTarget(t).evaluate(t).score(), 0);
        assertThrows(IllegalArgumentException.class, () -> Objective.layerTarget(t).evaluate(Nd4j.zeros(1, 3)));
    }

    @Test
    void layerTargetWeighsEachImageOfABatchByItsOwnTarget() {
        // rows 0 and 1 as above and scaled by 10: each relative error alone, summed
        INDArray t = Nd4j.create(new double[][]{{3, 4}, {30, 40}}), phi = Nd4j.create(new double[][]{{1, 4}, {30, 20}});
        Objective.Value v = Objective.layerTarget(t).evaluate(phi);
        assertEquals(-4.0 / 25 - 400.0 / 2500, v.score(), 1e-12);
        assertEquals(Nd4j.create(new double[][]{{4.0 / 25, 0}, {0, 40.0 / 2500}}), v.gradient());
        INDArray f = Nd4j.create(new double[]{1, 30, 4, 20}, new long[]{2, 2}, 'f');
        assertEquals(v.gradient(), Objective.layerTarget(t).evaluate(f).gradient(), "an f-ordered output gives the same");
    }

    @Test
    void channelIsTheMeanOfOneChannel() {
        INDArray a = Nd4j.arange(24).castTo(DataType.DOUBLE).reshape(1, 3, 2, 4);
        Objective.Value v = Objective.channel(1).evaluate(a);
        assertEquals((8 + 15) / 2.0, v.score(), 1e-12);
        assertEquals(1.0 / 8, v.gradient().getDouble(0, 1, 1, 3), 1e-12);
        assertEquals(0, v.gradient().getDouble(0, 0, 1, 3), 0);
        assertEquals(1, v.gradient().sumNumber().doubleValue(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Objective.channel(3).evaluate(a));
    }
}
