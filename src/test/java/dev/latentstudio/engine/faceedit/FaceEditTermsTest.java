package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.invert.Objective;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each term of an edit's loss against central differences: the output-space objectives and the pixel term exactly
 * (double), the attribute view's adjoint by the dot-product identity, and each network term on a real face along a
 * random direction (the nets compute in float: a relative tolerance).
 */
class FaceEditTermsTest {
    private static FaceEditor editor;
    private static FaceSubject face;

    @BeforeAll
    static void load() throws Exception {
        editor = FaceEditor.load(StudioPaths.models().resolve("face-api"));
        face = editor.subject(StudioPaths.assets().resolve("faces/sample2.jpg"));
    }

    private static double[] nanTargets() {
        double[] t = new double[FaceExpressionNet.LABELS.size()];
        java.util.Arrays.fill(t, Double.NaN);
        return t;
    }

    /** d score / d output at every entry, by central differences, against the objective's gradient. */
    private static void checkExact(Objective o, INDArray output) {
        INDArray g = o.evaluate(output).gradient();
        INDArray flat = output.reshape(output.length());
        for (long i = 0; i < output.length(); i++) {
            double x0 = flat.getDouble(i), h = 1e-6;
            flat.putScalar(i, x0 + h);
            double up = o.evaluate(output).score();
            flat.putScalar(i, x0 - h);
            double down = o.evaluate(output).score();
            flat.putScalar(i, x0);
            assertEquals((up - down) / (2 * h), g.reshape(g.length()).getDouble(i), 1e-6, "entry " + i);
        }
    }

    @Test
    void expressionCrossEntropyGradientIsExact() {
        double[] t = nanTargets();
        t[1] = 0.9;
        t[6] = 0.1;
        INDArray z = Nd4j.randn(DataType.DOUBLE, 2, 7).muli(2);
        checkExact(new ExpressionTargets(t), z);
        // the score is −BCE: higher when the softmax meets the targets
        INDArray good = Nd4j.zeros(DataType.DOUBLE, 1, 7).putScalar(0, 1, 5);
        INDArray bad = Nd4j.zeros(DataType.DOUBLE, 1, 7).putScalar(0, 6, 5);
        assertTrue(new ExpressionTargets(t).evaluate(good).score() > new ExpressionTargets(t).evaluate(bad).score());
    }

    @Test
    void theHoldsGradientIsExactAndItHoldsTheSharesNotTheMass() {
        double[] t = nanTargets(), original = {0.6, 0.02, 0.3, 0.02, 0.02, 0.02, 0.02};
        t[1] = 0.9;
        INDArray z = Nd4j.randn(DataType.DOUBLE, 2, 7).muli(2);
        checkExact(ExpressionTargets.holding(t, original, 0.7), z);
        // happy at 0.9 either way: the unset six keeping the original's shares of what is left beat sad taking it all
        double[] kept = new double[7], drifted = new double[7];
        for (int k = 0; k < 7; k++) kept[k] = k == 1 ? 0.9 : original[k] * 0.1 / 0.98;
        for (int k = 0; k < 7; k++) drifted[k] = k == 1 ? 0.9 : k == 2 ? 0.1 - 5e-4 : 1e-4;
        ExpressionTargets hold = ExpressionTargets.holding(t, original, 1), free = ExpressionTargets.holding(t, original, 0);
        INDArray a = logits(kept), b = logits(drifted);
        assertEquals(free.evaluate(a).score(), hold.evaluate(a).score(), 1e-9, "held shares cost nothing");
        assertTrue(hold.evaluate(a).score() > hold.evaluate(b).score() + 0.05);
        assertEquals(free.evaluate(a).score(), free.evaluate(b).score(), 1e-9, "without the hold only happy counts");
    }

    private static INDArray logits(double[] p) {
        double[] z = new double[p.length];
        for (int k = 0; k < p.length; k++) z[k] = Math.log(p[k]);
        return Nd4j.createFromArray(new double[][]{z});
    }

    @Test
    void ageAndGenderGradientsAreExact() {
        INDArray out = Nd4j.createFromArray(new double[][]{{31.5, 0.4, -1.2}, {55, -2, 3}});
        checkExact(new AgeTarget(45, AgeTarget.SCALE_YEARS), out);
        checkExact(new GenderTarget(1), out);
        checkExact(new GenderTarget(0.3).plus(new AgeTarget(20, 10).times(0.5)), out);
        assertEquals(-Math.pow((31.5 - 45) / 10, 2) / 2 - Math.pow((55 - 45) / 10.0, 2) / 2,
                new AgeTarget(45, 10).evaluate(out).score(), 1e-12);
    }

    @Test
    void descriptorDistanceGradientIsExact() {
        float[] ref = new float[8];
        for (int i = 0; i < ref.length; i++) ref[i] = (float) Math.sin(i);
        INDArray d = Nd4j.randn(DataType.DOUBLE, 1, 8);
        checkExact(new DescriptorDistance(ref), d);
        INDArray same = Nd4j.createFromArray(ref).castTo(DataType.DOUBLE).reshape(1, 8);
        assertEquals(0, new DescriptorDistance(ref).evaluate(same).score(), 1e-12);
    }

    @Test
    void outsidePixelsGradientIsExactAndFreeInsideTheMask() {
        int side = 6;
        INDArray ref = Nd4j.rand(DataType.DOUBLE, 1, 3, side, side);
        double[] mask = new double[side * side];
        for (int i = 0; i < mask.length; i++) mask[i] = (i % side) / (double) (side - 1); // 0 at the left, 1 at the right
        OutsidePixels term = new OutsidePixels(ref, mask);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, side, side);
        INDArray g = term.evaluate(x, new Random(0)).gradient();
        INDArray flat = x.reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            double x0 = flat.getDouble(i), h = 1e-6;
            flat.putScalar(i, x0 + h);
            double up = term.evaluate(x, null).score();
            flat.putScalar(i, x0 - h);
            double down = term.evaluate(x, null).score();
            flat.putScalar(i, x0);
            assertEquals((up - down) / (2 * h), g.reshape(g.length()).getDouble(i), 1e-7, "pixel " + i);
        }
        // the right column is inside the mask: no pull there
        assertEquals(0, g.getDouble(0, 1, 2, side - 1), 0);
        assertEquals(0, term.evaluate(ref, null).score(), 0);
    }

    @Test
    void smoothChangeGradientIsExactAndZeroForAnUnchangedOrShiftedPicture() {
        int side = 5;
        INDArray ref = Nd4j.rand(DataType.DOUBLE, 1, 3, side, side);
        SmoothChange term = new SmoothChange(ref);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, side, side);
        INDArray g = term.evaluate(x, null).gradient();
        INDArray flat = x.reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            double x0 = flat.getDouble(i), h = 1e-6;
            flat.putScalar(i, x0 + h);
            double up = term.evaluate(x, null).score();
            flat.putScalar(i, x0 - h);
            double down = term.evaluate(x, null).score();
            flat.putScalar(i, x0);
            assertEquals((up - down) / (2 * h), g.reshape(g.length()).getDouble(i), 1e-7, "pixel " + i);
        }
        assertEquals(0, term.evaluate(ref, null).score(), 1e-12);
        // a uniform brightening is no texture: free
        assertEquals(0, term.evaluate(ref.add(0.1), null).score(), 1e-9);
    }

    @Test
    void theAttributeViewsAdjointIsExactAndItSeesWhatThePipelineReads() {
        AttributeView view = face.view();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 150, 150).muli(2).subi(1);
        INDArray g = Nd4j.randn(DataType.DOUBLE, 1, 3, 112, 112);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 3, 150, 150);
        // the map is affine: its linear part is view(x) − view(0)
        INDArray linear = view.view(x).sub(view.view(zero));
        INDArray back = view.apply(zero, new Random(0)).pullBack(g);
        double lhs = linear.mul(g).sumNumber().doubleValue(), rhs = x.mul(back).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-9 * Math.abs(lhs) + 1e-9);
        // on the original chip the nets' input is the photo's own, up to the chip's resampling
        INDArray photo = FaceTensors.netInput(face.photo(), face.landmarks().alignedRect(), 112).castTo(DataType.DOUBLE).divi(127.5).subi(1);
        double mad = view.view(face.chip().castTo(DataType.DOUBLE)).sub(photo).amean().getDouble(0);
        assertTrue(mad < 0.03, "mean |view − photo input| = " + mad);
        assertTrue(view.chipShare() > 0.5, "the chip covers " + view.chipShare() + " of the input");
    }

    /**
     * (f(x + h·d) − f(x − h·d)) / 2h against ⟨∇f, d⟩ for a random direction d on a 20×20 patch of the face (all
     * channels): a dense direction crosses so many ReLU kinks that the difference quotient stops being local.
     */
    private static void checkDirectional(String what, ImageTerm term) {
        INDArray x = face.chip().castTo(DataType.FLOAT);
        Nd4j.getRandom().setSeed(11);
        INDArray d = Nd4j.zeros(DataType.FLOAT, x.shape());
        d.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(70, 90), NDArrayIndex.interval(60, 80))
                .assign(Nd4j.randn(DataType.FLOAT, 1, 3, 20, 20));
        double h = 2e-4;
        ImageTerm.Value v = term.evaluate(x, new Random(0));
        double analytic = v.gradient().castTo(DataType.DOUBLE).mul(d.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
        double up = term.evaluate(x.add(d.mul(h)), new Random(0)).score(), down = term.evaluate(x.sub(d.mul(h)), new Random(0)).score();
        double numeric = (up - down) / (2 * h);
        assertTrue(Math.abs(analytic) > 1e-5, what + ": a vanishing gradient proves nothing (" + analytic + ")");
        assertEquals(numeric, analytic, 0.1 * Math.abs(numeric), what + ": numeric " + numeric + ", analytic " + analytic);
    }

    private static Weights only(String name) {
        Weights w = new Weights(0, 0, 0, 0, 0, 0, 0, 0);
        return w.with(name, 1);
    }

    @Test
    void expressionTermThroughTheViewAndTheNet() {
        checkDirectional("expression", editor.objective(face, Sliders.parse(List.of("happy=0.9")), only("expression"), 0));
    }

    @Test
    void ageAndGenderTermsThroughTheViewAndTheNet() {
        // apart: their sum along one direction can cancel, leaving a small difference of two float quotients
        checkDirectional("age", editor.objective(face, Sliders.parse(List.of("age=+20")), only("age"), 0));
        checkDirectional("gender", editor.objective(face, Sliders.parse(List.of("gender=male")), only("gender"), 0));
    }

    @Test
    void identityAndAppearanceTermsThroughTheRecogniser() {
        // away from the original, where both are zero with a zero gradient
        Sliders s = Sliders.parse(List.of("happy=0.9"));
        ImageTerm id = editor.objective(face, s, only("identity"), 0), app = editor.objective(face, s, only("appearance"), 0);
        Nd4j.getRandom().setSeed(5);
        INDArray shift = Nd4j.rand(DataType.FLOAT, 1, 3, 150, 150).subi(0.5).muli(0.2);
        checkDirectional("identity", (x, r) -> id.evaluate(x.add(shift), r));
        checkDirectional("appearance", (x, r) -> app.evaluate(x.add(shift), r));
    }
}
