package dev.latentstudio.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.latentstudio.engine.image.HostileImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The face commands given bad files next to a good photo: each bad one is named with its reason, the good one is
 * still processed, and only a batch with nothing readable fails. The header bomb (a ~60-byte PNG declaring
 * 25000×25000 pixels) used to end in OutOfMemoryError and take the good photo's result down with it.
 */
class UnreadablePhotosTest {
    private static final String GOOD = "assets/faces/sample1.jpg";
    private static final String TOO_LARGE = ": unreadable: too large: 25000x25000 pixels (limit 40 megapixels)";
    @TempDir
    Path data;
    @TempDir
    Path tmp;
    private String savedData;
    private Path bomb;

    @BeforeEach
    void useTempDataAndMakeABomb() throws Exception {
        savedData = System.getProperty("studio.data");
        System.setProperty("studio.data", data.toString());
        bomb = Files.write(tmp.resolve("bomb.png"), HostileImages.pngHeaderOnly(25_000, 25_000));
    }

    @AfterEach
    void restoreData() {
        if (savedData == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedData);
    }

    private static JsonElement json(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("{") || l.startsWith("[")).toList();
        return JsonParser.parseString(lines.get(lines.size() - 1));
    }

    @Test
    void detectReportsEachBadFileAndStillDetectsTheGoodPhoto() throws Exception {
        Path cut = Files.write(tmp.resolve("cut.jpg"), HostileImages.noiseJpeg(96, 0.6));
        Path folder = Files.createDirectory(tmp.resolve("holiday"));
        Path missing = tmp.resolve("missing.jpg");
        String out = CliTest.run(0, "detect", "--fast", bomb.toString(), GOOD, folder.toString(), cut.toString(), missing.toString());

        JsonArray images = json(out).getAsJsonArray();
        assertEquals(1, images.size(), out);
        JsonObject good = images.get(0).getAsJsonObject();
        assertEquals(GOOD, good.get("image").getAsString());
        assertFalse(good.getAsJsonArray("faces").isEmpty(), out);
        assertTrue(out.contains(bomb + TOO_LARGE), out);
        assertTrue(out.contains(folder + ": unreadable: is a folder, not an image file"), out);
        assertTrue(out.contains(cut + ": unreadable: truncated image"), out);
        assertTrue(out.contains(missing + ": unreadable: no such file"), out);

        String none = CliTest.run(2, "detect", "--fast", bomb.toString(), folder.toString());
        assertTrue(none.contains(bomb + TOO_LARGE) && none.contains("none of the 2 photos could be read"), none);
    }

    @Test
    void enrollSaysTheFileIsUnreadableAndStillEnrolsTheGoodPhoto() {
        String out = CliTest.run(0, "enroll", "Alice", bomb.toString(), GOOD);
        JsonObject enrolled = json(out).getAsJsonObject();
        assertEquals(1, enrolled.getAsJsonArray("added").size(), out);
        assertEquals(1, enrolled.get("descriptors").getAsInt());
        JsonObject skipped = enrolled.getAsJsonArray("skipped").get(0).getAsJsonObject();
        assertEquals(bomb.toString(), skipped.get("image").getAsString());
        assertEquals(TOO_LARGE.substring(2), skipped.get("reason").getAsString());
        assertTrue(out.contains(bomb + TOO_LARGE), "said on stderr too: " + out);

        // only the bomb: not enrolled, and the error says the file is the problem, not the face
        String bad = CliTest.run(2, "enroll", "Bob", bomb.toString());
        assertTrue(bad.contains("Bob was not enrolled: " + bomb + TOO_LARGE), bad);
        assertFalse(bad.contains("no face found"), bad);

        JsonArray recognised = json(CliTest.run(0, "recognize", "--fast", bomb.toString(), GOOD)).getAsJsonArray();
        assertEquals(1, recognised.size());
        assertEquals(GOOD, recognised.get(0).getAsJsonObject().get("image").getAsString());
    }
}
