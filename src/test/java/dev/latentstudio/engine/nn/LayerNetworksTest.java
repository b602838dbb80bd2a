package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerNetworksTest {
    static MultiLayerNetwork classifier;
    static LayerNetworks layers;

    @BeforeAll
    static void load() throws Exception {
        classifier = DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER);
        layers = new LayerNetworks(classifier);
    }

    @Test
    void namesTheClassifiersLayersAndFindsThemByNameOrIndex() {
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "fc1", "logits"), layers.names());
        assertEquals(2, layers.index("conv2"));
        assertEquals(2, layers.index("CONV2"));
        assertEquals(4, layers.index("4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layers.index("conv9"));
        assertTrue(e.getMessage().contains("0 conv1, 1 pool1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layers.index("6"));
        assertSame(layers.upTo(1), layers.upTo(1), "cuts are cached");
    }

    @Test
    void eachCutGivesTheFullNetworksActivationsAtItsLayer() throws Exception {
        INDArray x = MnistData.test().batch(0, 3);
        List<INDArray> full = classifier.feedForward(x, false); // [input, layer 0, layer 1, …]
        for (int l = 0; l < layers.size() - 1; l++) {
            INDArray cut = layers.activations(l, x), want = full.get(l + 1);
            assertArrayEquals(want.shape(), cut.shape(), layers.name(l));
            double scale = want.amaxNumber().doubleValue();
            assertTrue(scale > 0, layers.name(l) + " is not all zero");
            assertEquals(0, cut.sub(want).amaxNumber().doubleValue(), 1e-5 * scale, layers.name(l));
        }
        // the last cut gives raw logits; their softmax is the classifier's output
        INDArray logits = layers.activations(layers.size() - 1, x);
        assertEquals(0, Transforms.softmax(logits, true).sub(full.get(full.size() - 1)).amaxNumber().doubleValue(), 1e-5);
    }
}
