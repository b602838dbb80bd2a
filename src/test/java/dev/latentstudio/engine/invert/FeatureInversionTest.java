package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feature inversion on the shipped digit classifier, a held-out digit, few steps. */
class FeatureInversionTest {
    static LayerNetworks layers;
    static Digits test;
    static float[] mean;

    @BeforeAll
    static void load() throws Exception {
        layers = new LayerNetworks(DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER));
        test = MnistData.test();
        mean = ClassVisualisation.meanImage(MnistData.train());
    }

    @Test
    void fromTheFirstConvLayerAFewStepsRebuildTheDigit() {
        INDArray digit = FeatureInversion.heldOut(test, 3);
        FeatureInversion.Options o = FeatureInversion.Options.DEFAULTS.withSteps(40);
        double start = FeatureInversion.ssim(digit, Pixels.around(mean, 1, 28, 28, o.noise(), o.seed()).image());
        List<Progress> events = new ArrayList<>();
        FeatureInversion.Reconstruction r = FeatureInversion.reconstruct(layers, layers.index("conv1"), digit, mean, o,
                new JobControl().onProgress(events::add));
        assertEquals("conv1", r.layer());
        assertTrue(r.ssim() > start + 0.3 && r.ssim() > 0.7, "SSIM " + start + " at the start, " + r.ssim() + " after 40 steps");
        assertTrue(events.get(events.size() - 1).metric("objective") > events.get(0).metric("objective"), "the distance fell");
        assertEquals(1, FeatureInversion.ssim(digit, digit), 1e-12);
        assertEquals(28, r.picture().getWidth());
    }

    @Test
    void aFixedSeedGivesTheSameReconstruction() {
        FeatureInversion.Options o = FeatureInversion.Options.DEFAULTS.withSteps(3);
        INDArray digit = FeatureInversion.heldOut(test, 1);
        int l = layers.index("pool2");
        INDArray a = FeatureInversion.job(layers, l, digit, mean, o).run(new JobControl()).image();
        INDArray b = FeatureInversion.job(layers, l, digit, mean, o).run(new JobControl()).image();
        assertEquals(a, b);
    }

    @Test
    void fidelityCurveNamesEveryLayer() {
        FidelityCurve.Curve c = FidelityCurve.measure(layers, test, 1, mean, FeatureInversion.Options.DEFAULTS.withSteps(2), new JobControl());
        assertEquals(layers.names(), List.copyOf(c.byLayer().keySet()));
        assertEquals(c.byLayer().get("conv1"), c.firstLayer());
        for (double s : c.byLayer().values()) assertTrue(s > -1 && s <= 1);
        assertEquals(c.byLayer().keySet(), c.msPerStepByLayer().keySet());
    }

    @Test
    void badInputsGiveClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> FeatureInversion.heldOut(test, test.size()));
        INDArray two = test.batch(0, 2);
        assertThrows(IllegalArgumentException.class, () -> FeatureInversion.job(layers, 0, two, mean, FeatureInversion.Options.DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> FeatureInversion.job(layers, 6, test.batch(0, 1), mean, FeatureInversion.Options.DEFAULTS));
    }
}
