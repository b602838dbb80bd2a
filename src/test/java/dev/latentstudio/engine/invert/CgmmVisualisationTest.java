package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cGMM fitted on 600 training digits at fc1 of the shipped classifier, inverted for a few steps. */
class CgmmVisualisationTest {
    static MultiLayerNetwork classifier;
    static LayerNetworks layers;
    static Cgmm model;
    static float[] mean;

    @BeforeAll
    static void fit() throws Exception {
        classifier = DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER);
        layers = new LayerNetworks(classifier);
        Digits train = MnistData.train();
        Digits few = new Digits(Arrays.copyOf(train.pixels(), 600 * Digits.PIXELS), Arrays.copyOf(train.labels(), 600));
        model = new CgmmFit(layers, layers.index("fc1"), ModelStore.DEFAULT_CLASSIFIER, few, CgmmFit.Options.DEFAULTS.withEpochs(10))
                .run(new JobControl());
        mean = ClassVisualisation.meanImage(train);
    }

    @Test
    void theFitCoversEveryAttributeAtTheLayer() {
        assertEquals("fc1", model.layer());
        assertArrayEquals(new long[]{256}, model.shape());
        assertEquals(DigitAttributes.NAMES, model.attributes());
        assertEquals(600, Arrays.stream(model.count(), 0, 10).sum());
        for (int c : model.count()) assertTrue(c > 20, "every attribute has examples: " + Arrays.toString(model.count()));
        for (double w : model.weights()) assertTrue(w > 0 && Double.isFinite(w), Arrays.toString(model.weights()));
    }

    @Test
    void aClassTargetInvertsIntoThatDigit() {
        for (int k : new int[]{3, 7}) {
            INDArray images = CgmmVisualisation.job(layers, model, new int[]{k}, 2, mean, CgmmVisualisation.DEFAULTS.withSteps(60))
                    .run(new JobControl()).image().castTo(DataType.FLOAT);
            assertArrayEquals(new long[]{2, 1, 28, 28}, images.shape());
            INDArray labels = classifier.output(images, false).argMax(1);
            assertEquals(k, labels.getInt(0), "sample 0 of class " + k);
            assertEquals(k, labels.getInt(1), "sample 1 of class " + k);
        }
    }

    @Test
    void aSeedGivesTheSamePictures() {
        FeatureInversion.Options o = CgmmVisualisation.DEFAULTS.withSteps(3).withSeed(5);
        INDArray a = CgmmVisualisation.job(layers, model, new int[]{2, DigitAttributes.THICK}, 1, mean, o).run(new JobControl()).image();
        INDArray b = CgmmVisualisation.job(layers, model, new int[]{2, DigitAttributes.THICK}, 1, mean, o).run(new JobControl()).image();
        assertEquals(a, b);
    }

    @Test
    void aModelOfAnotherLayerShapeIsRefused() {
        double[][] z = new double[1][100];
        Cgmm other = new Cgmm("elsewhere", "fc1", new long[]{100}, List.of("0"), new int[]{1}, z, z, new double[]{1}, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CgmmVisualisation.job(layers, other, new int[]{0}, 1, mean, CgmmVisualisation.DEFAULTS));
        assertTrue(e.getMessage().contains("another classifier"), e.getMessage());
        Cgmm noLayer = new Cgmm("elsewhere", "fc9", new long[]{100}, List.of("0"), new int[]{1}, z, z, new double[]{1}, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> CgmmVisualisation.job(layers, noLayer, new int[]{0}, 1, mean, CgmmVisualisation.DEFAULTS));
    }
}
