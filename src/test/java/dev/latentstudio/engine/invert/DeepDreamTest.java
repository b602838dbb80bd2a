package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.CancelledException;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeepDream on a held-out digit through the shipped classifier. */
class DeepDreamTest {
    static LayerNetworks layers;
    static INDArray digit;

    @BeforeAll
    static void load() throws Exception {
        layers = new LayerNetworks(DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER));
        digit = MnistData.test().batch(3, 4);
    }

    static double dreamScore(int layer, INDArray image) {
        return Objective.dream().evaluate(layers.activations(layer, image)).score();
    }

    @Test
    void octavesAmplifyTheLayerAndReportEveryStep() {
        int conv2 = layers.index("conv2");
        DeepDream.Options o = DeepDream.Options.DEFAULTS.withSteps(8).withOctaves(2);
        List<Progress> events = new ArrayList<>();
        Inversion.Result r = new DeepDream(layers, conv2, digit, o).run(new JobControl().onProgress(events::add));
        assertEquals(List.of(1L, 28L, 28L), List.of((long) 1, r.image().size(2), r.image().size(3)));
        assertEquals(16, events.size(), "8 steps in each of 2 octaves, counted as one run");
        assertEquals(16, events.get(15).step());
        assertEquals(16, events.get(15).total());
        assertEquals("octave 1/2", events.get(0).message());
        assertEquals("octave 2/2", events.get(15).message());
        assertEquals(20, events.get(7).preview().getWidth(), "the first octave is 28 / 1.4 pixels wide");
        assertEquals(28, events.get(15).preview().getWidth());
        double before = dreamScore(conv2, digit), after = dreamScore(conv2, r.image());
        assertTrue(after > 1.1 * before, "conv2's mean square grew from " + before + " to " + after);
        assertTrue(r.image().minNumber().doubleValue() >= -1 && r.image().maxNumber().doubleValue() <= 1, "clipped to range");
        assertTrue(r.image().sub(digit).norm2Number().doubleValue() > 0.5, "the picture changed");
    }

    @Test
    void aFixedSeedGivesTheSameDream() {
        DeepDream.Options o = DeepDream.Options.DEFAULTS.withSteps(4);
        int l = layers.index("conv1");
        INDArray a = new DeepDream(layers, l, digit, o).run(new JobControl()).image();
        INDArray b = new DeepDream(layers, l, digit, o).run(new JobControl()).image();
        assertEquals(a, b);
        assertNotEquals(a, new DeepDream(layers, l, digit, o.withSeed(9)).run(new JobControl()).image(),
                "another seed jitters, zooms and turns otherwise");
    }

    @Test
    void cancelStopsWithinAStepEvenInALaterOctave() {
        JobControl control = new JobControl();
        List<Long> steps = new ArrayList<>();
        control.onProgress(p -> {
            steps.add(p.step());
            if (p.step() == 6) control.cancel();
        });
        DeepDream job = new DeepDream(layers, layers.index("conv2"), digit, DeepDream.Options.DEFAULTS.withSteps(4));
        assertThrows(CancelledException.class, () -> job.run(control));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), steps);
    }

    @Test
    void octavesNeedAConvolutionalLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeepDream(layers, layers.index("fc1"), digit, DeepDream.Options.DEFAULTS));
        assertTrue(e.getMessage().contains("fc1") && e.getMessage().contains("1 octave"), e.getMessage());
        // one octave works at a dense layer
        Inversion.Result r = new DeepDream(layers, layers.index("fc1"), digit, DeepDream.Options.DEFAULTS.withSteps(2).withOctaves(1))
                .run(new JobControl());
        assertEquals(28, r.image().size(3));
        DeepDream.Options tooSmall = new DeepDream.Options(4, 3, 2, 0.02, 1, true, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> new DeepDream(layers, 0, digit, tooSmall), "28 / 2² is under 8 pixels");
    }
}
