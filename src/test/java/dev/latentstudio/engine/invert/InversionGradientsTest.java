package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.InputGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every gradient the inversion climbs, against central differences in double precision. */
public class InversionGradientsTest {
    static final double H = 1e-5;

    /** (f(x + h e_i) − f(x − h e_i)) / 2h at one flat index, h = {@link #H}. */
    static double centralDifference(ToDoubleFunction<INDArray> f, INDArray x, long i) {
        return centralDifference(f, x, i, H);
    }

    /** (f(x + h e_i) − f(x − h e_i)) / 2h at one flat index of a 'c'-ordered x. */
    public static double centralDifference(ToDoubleFunction<INDArray> f, INDArray x, long i, double h) {
        INDArray flat = x.reshape(x.length());
        double x0 = flat.getDouble(i);
        flat.putScalar(i, x0 + h);
        double up = f.applyAsDouble(x);
        flat.putScalar(i, x0 - h);
        double down = f.applyAsDouble(x);
        flat.putScalar(i, x0);
        return (up - down) / (2 * h);
    }

    static INDArray randomImage(long seed, int c, int h, int w) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, 1, c, h, w).muli(2).subi(1);
    }

    @Test
    void composedClassLogitObjectiveMatchesFiniteDifferencesOnThePixels() throws Exception {
        // the shipped classifier in double, at a start image like the inversion's: mean digit plus noise
        MultiLayerNetwork net = InputGradient.logitsNetwork(DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER))
                .convertDataType(DataType.DOUBLE);
        float[] mean = ClassVisualisation.meanImage(MnistData.train());
        INDArray x = Pixels.around(mean, 1, 28, 28, 0.1, 7).image().castTo(DataType.DOUBLE);
        Objective obj = Objective.classLogit(3).plus(Objective.classLogit(8).times(0.5));
        INDArray grad = InputGradient.of(net, x.dup(), out -> obj.evaluate(out).gradient());
        assertArrayEquals(x.shape(), grad.shape());
        ToDoubleFunction<INDArray> f = img -> obj.evaluate(net.output(img, false)).score();
        double scale = grad.amaxNumber().doubleValue();
        assertTrue(scale > 0);
        for (int[] p : new int[][]{{14, 14}, {10, 17}, {20, 8}, {6, 12}, {22, 20}}) {
            long i = p[0] * 28L + p[1];
            assertEquals(centralDifference(f, x, i), grad.getDouble(0, 0, p[0], p[1]), 1e-6 * scale + 1e-9,
                    "pixel " + p[0] + "," + p[1]);
        }
    }

    @Test
    void classLogitsWeighTheColumnsOfTheBatch() {
        INDArray logits = Nd4j.create(new double[][]{{1, 2, 3}, {4, 5, 6}});
        Objective.Value v = new ClassLogits(new double[]{0, 2, -1}).times(0.5).evaluate(logits);
        assertEquals(0.5 * (2 * (2 + 5) - (3 + 6)), v.score(), 1e-12);
        assertEquals(Nd4j.create(new double[][]{{0, 1, -0.5}, {0, 1, -0.5}}), v.gradient());
        Objective.Value s = Objective.classLogit(0).plus(Objective.classLogit(2)).evaluate(logits);
        assertEquals(1 + 4 + 3 + 6, s.score(), 1e-12);
    }

    @Test
    void totalVariationGradientIsExact() {
        INDArray x = randomImage(3, 2, 6, 7);
        TotalVariation tv = new TotalVariation(0.7, 0.05);
        INDArray g = tv.gradient(x);
        for (long i = 0; i < x.length(); i++) {
            assertEquals(centralDifference(tv::value, x, i), g.reshape(x.length()).getDouble(i), 1e-6, "index " + i);
        }
        // a flat image has no variation
        assertEquals(0, tv.value(Nd4j.zeros(DataType.DOUBLE, 1, 1, 5, 5).addi(0.3)), 1e-12);
    }

    @Test
    void l2DecayGradientIsExact() {
        INDArray x = randomImage(4, 1, 5, 5);
        L2Decay l2 = new L2Decay(0.3, -1);
        INDArray g = l2.gradient(x);
        for (long i = 0; i < x.length(); i++) {
            assertEquals(centralDifference(l2::value, x, i), g.reshape(x.length()).getDouble(i), 1e-7, "index " + i);
        }
        assertEquals(0, l2.value(Nd4j.zeros(DataType.DOUBLE, 1, 1, 3, 3).subi(1)), 1e-12);
    }

    @Test
    void jitterPullsGradientsBackThroughItsAdjoint() {
        // ⟨J x, y⟩ = ⟨x, Jᵀ y⟩ for every shift, including wraps in both directions
        INDArray x = randomImage(5, 2, 6, 9), y = randomImage(6, 2, 6, 9);
        for (int[] s : new int[][]{{0, 0}, {1, 0}, {0, -1}, {2, 3}, {-3, 2}, {5, -8}}) {
            Transform.Applied a = Jitter.shift(x, s[0], s[1]);
            double lhs = a.image().mul(y).sumNumber().doubleValue();
            double rhs = x.mul(a.pullBack(y)).sumNumber().doubleValue();
            assertEquals(lhs, rhs, 1e-10, "shift " + s[0] + "," + s[1]);
        }
        INDArray moved = Jitter.shift(x, 1, 2).image();
        assertEquals(x.getDouble(0, 1, 0, 0), moved.getDouble(0, 1, 1, 2), 0);
        assertEquals(x.getDouble(0, 0, 5, 8), moved.getDouble(0, 0, 0, 1), 0, "wraps at the edges");
    }

    @Test
    void blurKeepsFlatImagesAndSmoothsAPoint() {
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 1, 1, 4, 4).addi(0.25);
        assertEquals(flat, Blur.apply(flat));
        INDArray dot = Nd4j.zeros(DataType.DOUBLE, 1, 1, 5, 5);
        dot.putScalar(new long[]{0, 0, 2, 2}, 16);
        INDArray b = Blur.apply(dot);
        assertEquals(4, b.getDouble(0, 0, 2, 2), 1e-12);
        assertEquals(2, b.getDouble(0, 0, 1, 2), 1e-12);
        assertEquals(1, b.getDouble(0, 0, 1, 1), 1e-12);
        assertEquals(16, b.sumNumber().doubleValue(), 1e-9, "no ink lost away from the edges");
    }
}
