package dev.latentstudio.engine.classify;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fashion-MNIST classifier: its architecture, its augmentation, its trainer and the shipped model. */
class FashionClassifierTest {

    @Test
    void theGarmentNetworkHasItsOwnShapesAndPlainLayers() {
        MultiLayerNetwork net = new MultiLayerNetwork(DigitClassifier.conf(DigitClassifier.Arch.FASHION_CNN, 1, new NoOp(), DataType.FLOAT));
        net.init();
        List<String> names = new ArrayList<>();
        for (var l : net.getLayers()) names.add(l.conf().getLayer().getLayerName());
        assertEquals(List.of("conv1", "pool1", "conv2", "conv3", "pool2", "fc1", "logits"), names);
        var acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), false);
        assertArrayEquals(new long[]{2, 32, 28, 28}, acts.get(1).shape());
        assertArrayEquals(new long[]{2, 64, 14, 14}, acts.get(4).shape());
        assertArrayEquals(new long[]{2, 64, 7, 7}, acts.get(5).shape());
        assertArrayEquals(new long[]{2, 10}, acts.get(acts.size() - 1).shape());
        // conv 9·32+32, 9·32·64+64, 9·64·64+64, fc 3136·256+256, 256·10+10
        assertEquals(320 + 18_496 + 36_928 + 803_072 + 2_570, net.numParams());
        assertEquals(DigitClassifier.Arch.FASHION_CNN, DigitClassifier.Arch.of("fashion-cnn"));
    }

    @Test
    void garmentsAreMirroredAtRandomAndDigitsNever() throws Exception {
        Digits d = Dataset.FASHION.train();
        int[] idx = new int[64];
        java.util.Arrays.fill(idx, 0); // one garment, 64 times
        float[] mirrored = new float[Digits.PIXELS], original = d.image(0);
        for (int y = 0; y < Digits.SIDE; y++) for (int x = 0; x < Digits.SIDE; x++) {
            mirrored[y * Digits.SIDE + x] = original[y * Digits.SIDE + Digits.SIDE - 1 - x];
        }
        float[] flips = ClassifierTrainer.shifted(d, idx, new SplittableRandom(3), 0, true).data().asFloat();
        float[] plain = ClassifierTrainer.shifted(d, idx, new SplittableRandom(3), 0, false).data().asFloat();
        int asIs = 0, asMirror = 0;
        for (int k = 0; k < idx.length; k++) {
            float[] img = java.util.Arrays.copyOfRange(flips, k * Digits.PIXELS, (k + 1) * Digits.PIXELS);
            if (java.util.Arrays.equals(img, original)) asIs++;
            if (java.util.Arrays.equals(img, mirrored)) asMirror++;
            assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(plain, k * Digits.PIXELS, (k + 1) * Digits.PIXELS), original));
        }
        assertEquals(64, asIs + asMirror);
        assertTrue(asIs > 16 && asMirror > 16, asIs + " as is, " + asMirror + " mirrored");
        // the digits' draws are unchanged: the old two-argument form is ±2 px without flips
        INDArray a = ClassifierTrainer.shifted(d, idx, new SplittableRandom(5));
        INDArray b = ClassifierTrainer.shifted(d, idx, new SplittableRandom(5), 2, false);
        assertEquals(a, b);
    }

    @Test
    void aShortRunOnGarmentsWritesAGarmentModelCard(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("tiny-fashion");
        Digits train = Dataset.FASHION.train().head(1_280), test = Dataset.FASHION.test().head(500);
        new ClassifierTrainer(new ClassifierTrainer.Config(out, 1, 64, 2e-3, 1, DigitClassifier.Arch.CNN_B), train, test)
                .run(new JobControl());
        ModelCard card = ModelCard.read(out);
        assertEquals(Dataset.FASHION.classNames(), card.labels());
        assertEquals(Dataset.FASHION, Dataset.of(card));
        assertTrue(card.data().contains("Fashion-MNIST") && card.data().contains("Zalando"), card.data());
        assertTrue(card.licence().contains("MIT") && card.licence().contains("Zalando") && card.licence().contains("dataset-fashion-mnist"),
                card.licence());
        assertTrue(card.command().startsWith("./studio train-classifier --data fashion --arch cnn-b "), card.command());
        assertEquals(500, ((Number) card.quality().get("test_size")).intValue());
        double acc = ((Number) card.quality().get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.4, "20 steps already beat chance (0.1) by far: " + acc);
        assertEquals(acc, DigitClassifier.accuracy(DigitClassifier.load(out.toString()), test), 1e-9);
    }

    @Test
    void theShippedFashionClassifierSortsGarmentsAndTheDigitClassifierCannot() throws Exception {
        Digits first = Dataset.FASHION.test().head(1_000);
        ModelStore.Entry e = ModelStore.find("fashion-cnn");
        assertEquals(DigitClassifier.Arch.FASHION_CNN.id, e.card().architecture());
        assertEquals(Dataset.FASHION.classNames(), e.card().labels());
        double shipped = ((Number) e.card().quality().get("test_accuracy")).doubleValue();
        assertTrue(shipped >= 0.92, "the card's accuracy on the 10,000 test garments: " + shipped);
        assertEquals(10_000, ((Number) e.card().quality().get("test_size")).intValue());
        double acc = DigitClassifier.accuracy(DigitClassifier.load("fashion-cnn"), first);
        assertTrue(acc >= 0.90, "accuracy on the first 1,000 test garments: " + acc);
        double digits = DigitClassifier.accuracy(DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER), first);
        assertTrue(digits < 0.5, "a digit classifier fails the floor: " + digits);
    }

    @Test
    void theShippedSecondGarmentClassifierIsAnotherNetThatAlsoSortsGarments() throws Exception {
        ModelStore.Entry e = ModelStore.find(ModelStore.FASHION_SECOND_CLASSIFIER);
        assertEquals(DigitClassifier.Arch.CNN_B.id, e.card().architecture(), "not the judge's architecture");
        assertTrue(e.card().seed() != ModelStore.find(ModelStore.FASHION_CLASSIFIER).card().seed(), "nor its seed");
        assertEquals(Dataset.FASHION.classNames(), e.card().labels());
        assertEquals(10_000, ((Number) e.card().quality().get("test_size")).intValue());
        Digits first = Dataset.FASHION.test().head(1_000);
        double acc = DigitClassifier.accuracy(DigitClassifier.load(ModelStore.FASHION_SECOND_CLASSIFIER), first);
        assertTrue(acc >= 0.88, "accuracy on the first 1,000 test garments: " + acc);
    }
}
