package dev.latentstudio.engine.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderImagesTest {

    @Test
    void loadsTheUsablePicturesAsColourBatchesAndReportsTheJunk(@TempDir Path tmp) throws Exception {
        FolderImages f = FolderImages.load(TestFolders.pictures(tmp, 5), 64, 3, 4);
        assertEquals(5, f.size());
        assertEquals(3, f.channels());
        assertEquals(64, f.side());
        INDArray b = f.batch(new int[]{4, 0, 4});
        assertArrayEquals(new long[]{3, 3, 64, 64}, b.shape());
        assertTrue(b.minNumber().doubleValue() >= -1 && b.maxNumber().doubleValue() <= 1, "pixels in [-1, 1]");
        assertEquals(0, b.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).sub(b.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2)))
                .amaxNumber().doubleValue(), "same index, same picture");
        String report = f.report();
        for (String bad : new String[]{"empty.png", "notes.jpg", "tiny.png", "5 loaded, 3 skipped"}) {
            assertTrue(report.contains(bad), report);
        }
        assertTrue(f.describe().contains("5 images") && f.describe().contains("64×64 RGB"), f.describe());
    }

    @Test
    void fewerUsablePicturesThanABatchIsRefusedWithTheReport(@TempDir Path tmp) throws Exception {
        Path dir = TestFolders.pictures(tmp.resolve("few"), 3);
        IOException e = assertThrows(IOException.class, () -> FolderImages.load(dir, 64, 3, 32));
        String m = e.getMessage();
        assertTrue(m.contains(dir.toString()) && m.contains("3, need at least 32") && m.contains("skipped notes.jpg"), m);
    }

    @Test
    void emptyAndAllJunkFoldersAreRefused(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e1 = assertThrows(IOException.class, () -> FolderImages.load(empty, 64, 3, 1));
        assertTrue(e1.getMessage().contains("no image files in " + empty), e1.getMessage());

        Path junk = TestFolders.junk(tmp.resolve("junk"));
        IOException e2 = assertThrows(IOException.class, () -> FolderImages.load(junk, 64, 3, 1));
        assertTrue(e2.getMessage().contains("no usable images in " + junk) && e2.getMessage().contains("tiny.png"), e2.getMessage());

        IOException e3 = assertThrows(IOException.class, () -> FolderImages.load(tmp.resolve("missing"), 64, 3, 1));
        assertTrue(e3.getMessage().contains("does not exist"), e3.getMessage());
    }
}
