package dev.latentstudio.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistDataTest {

    @Test
    void bundledDigitsSplitIntoDisjointTrainAndTest() throws IOException {
        Digits train = MnistData.train(), test = MnistData.test();
        assertEquals(8500, train.size());
        assertEquals(1500, test.size());
        Set<Integer> trainHashes = new HashSet<>();
        for (int i = 0; i < train.size(); i++) trainHashes.add(Arrays.hashCode(train.image(i)));
        int shared = 0;
        for (int i = 0; i < test.size(); i++) if (trainHashes.contains(Arrays.hashCode(test.image(i)))) shared++;
        assertEquals(0, shared, "no test digit appears in the training split");
        int[] perClass = new int[10];
        for (int l : test.labels()) perClass[l]++;
        for (int c = 0; c < 10; c++) assertTrue(perClass[c] > 100, "class " + c + " is in the test split: " + perClass[c]);
    }

    @Test
    void pixelsAreScaledToTanhRange() throws IOException {
        float[] px = MnistData.train().pixels();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : px) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1f, min, 1e-6);
        assertEquals(1f, max, 1e-6);
    }

    @Test
    void truncatedOrMissingFileGivesAClearError(@TempDir Path tmp) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> MnistData.read(tmp.resolve("none.gz")));
        assertTrue(missing.getMessage().contains("missing"));
        byte[] all = Files.readAllBytes(MnistData.file());
        Path cut = tmp.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> MnistData.read(cut));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("Unexpected end"), e.getMessage());
    }
}
