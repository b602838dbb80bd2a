package dev.latentstudio.cli;

import dev.latentstudio.engine.data.TestFolders;
import dev.latentstudio.engine.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `train-dcgan --data FOLDER`: the loader's report first, then the 64×64 colour DCGAN; bad folders end cleanly. */
class TrainDcganDataTest {

    @Test
    void trainsOnAFolderAfterReportingWhatWasSkipped(@TempDir Path tmp) throws Exception {
        Path pics = TestFolders.pictures(tmp.resolve("pics"), 5);
        Path out = tmp.resolve("run");
        String text = CliTest.run(0, "train-dcgan", "--data", pics.toString(), "--steps", "2", "--width", "4", "--batch", "4",
                "--preview-every", "1", "--out", out.toString());
        assertTrue(text.contains("skipped notes.jpg: not an image") && text.contains("5 loaded, 3 skipped"), text);
        assertTrue(text.indexOf("5 loaded") < text.indexOf("model written"), text);
        assertTrue(text.contains("dcgan-64 (width 4"), text);
        assertFalse(text.contains("inception_score"), "no digit-classifier evaluation of pictures: " + text);
        ModelCard card = ModelCard.read(out);
        assertEquals("dcgan-64", card.architecture());
        assertEquals(4, card.baseWidth());
        assertEquals(8 * 64 + 7, ImageIO.read(out.resolve("samples/step-0000002.png").toFile()).getWidth());

        // resuming a folder run needs its folder again, and continues with the run's own batch (4, not the default 32)
        String again = CliTest.run(2, "train-dcgan", "--resume", out.toString(), "--steps", "3");
        assertTrue(again.contains("error: the run in " + out + " trains on an image folder") && again.contains("--data"), again);
        String resumed = CliTest.run(0, "train-dcgan", "--resume", out.toString(), "--data", pics.toString(), "--steps", "3");
        assertTrue(resumed.contains("3/3") && resumed.contains("model written"), resumed);
        assertEquals(3, ModelCard.read(out).steps());
    }

    @Test
    void aFolderOfClassSubFoldersTrainsTheConditional64Dcgan(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("classes"));
        TestFolders.pictures(root.resolve("cats"), 3);
        TestFolders.pictures(root.resolve("dogs"), 3);
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("stray.txt"), "beside the classes");
        Path out = tmp.resolve("run");
        String text = CliTest.run(0, "train-dcgan", "--data", root.toString(), "--conditional", "--steps", "2", "--width", "4",
                "--batch", "4", "--out", out.toString());
        assertTrue(text.contains("skipped stray.txt: not in a class sub-folder") && text.contains("skipped empty: no class"), text);
        assertTrue(text.contains("cdcgan-64 (width 4") && text.contains("2 classes"), text);
        ModelCard card = ModelCard.read(out);
        assertEquals("cdcgan-64", card.architecture());
        assertEquals(java.util.List.of("cats", "dogs"), card.labels());
        assertEquals(100, card.latentDim()); // z alone; the class joins it as in the 28×28 conditional cards
        assertTrue(card.command().contains("--conditional"), card.command());
        String sample = CliTest.run(0, "sample", "-g", out.toString(), "--class", "dogs", "-n", "4", "-o", tmp.resolve("s").toString());
        assertTrue(sample.contains("wrote"), sample);
        String resumed = CliTest.run(0, "train-dcgan", "--resume", out.toString(), "--data", root.toString(), "--steps", "3");
        assertTrue(resumed.contains("3/3"), resumed);

        Path one = Files.createDirectories(tmp.resolve("one"));
        TestFolders.pictures(one.resolve("only"), 5);
        String refused = CliTest.run(2, "train-dcgan", "--data", one.toString(), "--conditional", "--steps", "2", "--out", tmp.resolve("o2").toString());
        assertTrue(refused.contains("needs at least two class sub-folders"), refused);
    }

    @Test
    void badFoldersGiveAClearErrorAndNoStackTrace(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path junk = TestFolders.junk(tmp.resolve("junk"));
        Path few = TestFolders.pictures(tmp.resolve("few"), 2);
        String[][] cases = {
                {empty.toString(), "error: no image files in " + empty},
                {junk.toString(), "error: no usable images in " + junk},
                {few.toString(), "error: too few usable images in " + few},
                {tmp.resolve("nowhere").toString(), "does not exist"},
        };
        for (String[] c : cases) {
            String text = CliTest.run(2, "train-dcgan", "--data", c[0], "--steps", "2", "--out", tmp.resolve("out").toString());
            assertTrue(text.contains(c[1]), text);
            assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace: " + text);
            assertFalse(Files.exists(tmp.resolve("out")), "nothing written for a refused folder");
        }
    }
}
