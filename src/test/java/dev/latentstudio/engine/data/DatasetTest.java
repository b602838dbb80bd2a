package dev.latentstudio.engine.data;

import dev.latentstudio.engine.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {
    /** A pixel back as the byte the converter wrote (the reader maps b to b/127.5 − 1). */
    private static int bytes(Digits d, int record, int y, int x) {
        return Math.round((d.pixels()[record * Digits.PIXELS + y * Digits.SIDE + x] + 1) * 127.5f);
    }

    private static long byteSum(Digits d, int record) {
        long sum = 0;
        for (int p = 0; p < Digits.PIXELS; p++) sum += Math.round((d.pixels()[record * Digits.PIXELS + p] + 1) * 127.5f);
        return sum;
    }

    @Test
    void theShippedFashionFileHoldsZalandosSplitsInTheirOrder() throws IOException {
        Digits train = Dataset.FASHION.train(), test = Dataset.FASHION.test();
        assertEquals(70_000, Dataset.FASHION.records());
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(Dataset.FASHION, train.source());
        int[] perTrain = new int[10], perTest = new int[10];
        for (int l : train.labels()) perTrain[l]++;
        for (int l : test.labels()) perTest[l]++;
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, perTrain[c], "training garments of class " + c);
            assertEquals(1_000, perTest[c], "test garments of class " + c);
        }
        // read from Debian's IDX files (dataset-fashion-mnist 0.0~git20200523.55506a9-1) with Python's gzip:
        // train-images-idx3 record 0, t10k-images-idx3 records 0 and 9,999, and their labels
        assertEquals(9, train.labels()[0], "the first training garment is an ankle boot");
        assertEquals(217, bytes(train, 0, 14, 14));
        assertEquals(76_247, byteSum(train, 0));
        assertEquals(5, train.labels()[59_999]);
        assertEquals(16_684, byteSum(train, 59_999));
        assertEquals(9, test.labels()[0], "the test split starts with the first t10k garment");
        assertEquals(110, bytes(test, 0, 14, 14));
        assertEquals(33_456, byteSum(test, 0));
        assertEquals(5, test.labels()[9_999]);
        assertEquals(132, bytes(test, 9_999, 14, 14));
        assertEquals(5, bytes(test, 9_999, 10, 5));
        assertEquals(24_390, byteSum(test, 9_999));
    }

    @Test
    void splitsAreReadOnceAndDescribedAsWhatTheyAre() throws IOException {
        assertSame(Dataset.FASHION.train(), Dataset.FASHION.train(), "cached");
        assertSame(Dataset.DIGITS.test(), Dataset.DIGITS.test());
        String fashion = Dataset.FASHION.train().describe();
        assertFalse(fashion.contains("MNIST-10k"), fashion);
        assertTrue(fashion.contains("Fashion-MNIST") && fashion.contains("60,000"), fashion);
        assertEquals("MNIST-10k digits (assets/mnist), 8,500: its training split",
                MnistData.train().describe());
        assertTrue(Dataset.FASHION.describe().contains("Zalando") && Dataset.FASHION.licence().contains("MIT"));
        assertEquals(8_500, MnistData.train().size());
        assertEquals(Dataset.DIGITS.test().size(), MnistData.test().size());
        assertTrue(Arrays.equals(Dataset.DIGITS.train().pixels(), MnistData.train().pixels()), "MnistData is the digits' data set");
    }

    @Test
    void optionNamesAndTheirErrors() {
        assertEquals(Dataset.DIGITS, Dataset.of("digits"));
        assertEquals(Dataset.FASHION, Dataset.of(" Fashion "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.of("mnist"));
        assertTrue(e.getMessage().contains("'mnist'") && e.getMessage().contains("digits or fashion"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of((String) null));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Dataset.DIGITS.classNames());
        assertEquals("Sneaker", Dataset.FASHION.classNames().get(7));
        assertEquals(7, Dataset.FASHION.classIndex("sneaker"));
        assertEquals(9, Dataset.FASHION.classIndex("Ankle boot"));
        assertEquals(3, Dataset.FASHION.classIndex("3"));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> Dataset.FASHION.classIndex("Sneakers"));
        assertTrue(c.getMessage().contains("T-shirt/top") && c.getMessage().contains("Ankle boot"), c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.DIGITS.classIndex("10"));
    }

    private static ModelCard card(List<String> labels) {
        return new ModelCard("x", ModelCard.CLASSIFIER, "a", "w.zip", 0, 1, 28, 28, "", labels, "", 0, 0, 0, 0, 0, "", Map.of(), "");
    }

    @Test
    void aClassifiersCardSaysWhichDataItWasTrainedOn() throws IOException {
        assertEquals(Dataset.FASHION, Dataset.of(card(Dataset.FASHION.classNames())));
        assertEquals(Dataset.DIGITS, Dataset.of(card(Dataset.DIGITS.classNames())));
        assertEquals(Dataset.DIGITS, Dataset.of(card(null)), "an old card without labels");
        assertEquals(Dataset.DIGITS, Dataset.of(card(Dataset.FASHION.classNames().subList(0, 9))));
        assertEquals(Dataset.FASHION, Dataset.ofClassifier("fashion-cnn"));
        assertEquals(Dataset.DIGITS, Dataset.ofClassifier("digit-cnn"));
        assertEquals(Dataset.DIGITS, Dataset.ofClassifier("digit-cnn-b"));
    }

    @Test
    void aMissingFileGivesAClearErrorAndTheReaderTagsItsData(@TempDir Path tmp) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> MnistData.read(tmp.resolve("none.gz"), Dataset.FASHION));
        assertTrue(missing.getMessage().contains("garments are missing") && missing.getMessage().contains("convert-fashion-mnist.mjs"),
                missing.getMessage());
        Path digits = tmp.resolve("digits.idx.gz");
        Files.copy(Dataset.DIGITS.file(), digits);
        Digits d = MnistData.read(digits, Dataset.FASHION);
        assertEquals(Dataset.FASHION, d.source(), "the reader tags what it reads");
        assertThrows(IllegalArgumentException.class, () -> new Digits(new float[10], new int[1]));
    }
}
