package dev.latentstudio.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** face-morph on the sample photos and an enrolled person, with the gallery in a temp data folder. */
class FaceMorphCommandTest {
    @TempDir
    Path data;
    private String savedData;

    @BeforeEach
    void useTempData() {
        savedData = System.getProperty("studio.data");
        System.setProperty("studio.data", data.toString());
    }

    @AfterEach
    void restoreData() {
        if (savedData == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedData);
    }

    private static JsonObject json(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
        return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    }

    @Test
    void morphsTwoPhotosIntoAGifAStripAndDistances(@TempDir Path tmp) throws Exception {
        String out = tmp.resolve("m").toString();
        JsonObject line = json(CliTest.run(0, "face-morph", "assets/faces/sample1.jpg", "assets/faces/sample2.jpg",
                "--frames", "3", "--steps-per-frame", "4", "-o", out));
        JsonArray toA = line.getAsJsonArray("distance_to_a"), toB = line.getAsJsonArray("distance_to_b");
        assertEquals(3, toA.size());
        assertEquals(3, toB.size());
        assertTrue(toA.get(0).getAsDouble() < 0.05, "frame 0 is A's own face: " + toA);
        assertTrue(toB.get(0).getAsDouble() > 0.4, "two people's faces: " + toB);
        assertEquals(4, line.get("steps_per_frame").getAsInt());
        assertEquals(0, line.getAsJsonArray("steps").get(0).getAsInt(), "frame 0 is drawn by no step");
        assertEquals(4, CliTest.gifFrames(Path.of(out + ".gif")), "there and back: 0 1 2 1");
        BufferedImage strip = ImageIO.read(Path.of(out + ".png").toFile());
        assertTrue(strip.getWidth() >= 3 * 150 && strip.getHeight() >= 150 && strip.getHeight() < 2 * 150, strip.getWidth() + "×" + strip.getHeight());
        assertTrue(CliTest.notBlank(strip));
    }

    @Test
    void startsFromAnEnrolledPersonAndNamesWhatIsWrong(@TempDir Path tmp) throws Exception {
        CliTest.run(0, "enroll", "Ada", "assets/faces/sample5.jpg");
        JsonObject line = json(CliTest.run(0, "face-morph", "person:Ada", "assets/faces/sample1.jpg",
                "--frames", "2", "--steps-per-frame", "2", "-o", tmp.resolve("p").toString()));
        assertEquals("person:Ada", line.get("a").getAsString());
        assertTrue(line.getAsJsonArray("distance_to_a").get(0).getAsDouble() < 0.3, "Ada's own face against her mean descriptor");

        Path grey = tmp.resolve("grey.png");
        BufferedImage g = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(g, "png", grey.toFile());
        String noFace = CliTest.run(2, "face-morph", "assets/faces/sample1.jpg", grey.toString(), "-o", tmp.resolve("x").toString());
        assertTrue(noFace.contains(grey + ": no face found"), noFace);
        Path junk = tmp.resolve("junk.jpg");
        Files.writeString(junk, "not a picture");
        String unreadable = CliTest.run(2, "face-morph", junk.toString(), "assets/faces/sample1.jpg", "-o", tmp.resolve("y").toString());
        assertTrue(unreadable.contains("junk.jpg"), unreadable);
        String nobody = CliTest.run(2, "face-morph", "person:Bob", "assets/faces/sample1.jpg", "-o", tmp.resolve("z").toString());
        assertTrue(nobody.contains("nobody called 'Bob' is enrolled"), nobody);
        assertTrue(Files.notExists(tmp.resolve("x.gif")) && Files.notExists(tmp.resolve("z.gif")));
    }
}
