package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** face-edit on a sample photo: its two pictures and its JSON line; bad input named. */
class FaceEditCommandTest {
    private static final String SAMPLE = "assets/faces/sample4.jpg";

    @Test
    void writesThePastedPhotoTheFacesAndTheFigures(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("edit");
        String log = CliTest.run(0, "face-edit", SAMPLE, "--attr", "happy=0.9", "--attr", "age=+20", "--weight", "identity=3",
                "--steps", "2", "--seed", "5", "-o", out.toString());
        List<String> lines = log.lines().filter(l -> l.startsWith("{")).toList();
        JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        BufferedImage photo = ImageIO.read(tmp.resolve("edit.png").toFile()), faces = ImageIO.read(tmp.resolve("edit-face.png").toFile());
        BufferedImage original = ImageIO.read(Path.of(SAMPLE).toFile());
        assertEquals(original.getWidth(), photo.getWidth());
        assertEquals(original.getHeight(), photo.getHeight());
        assertEquals(300, faces.getWidth());
        assertEquals(150, faces.getHeight());
        JsonObject sliders = json.getAsJsonObject("sliders");
        assertEquals(List.of("happy", "age"), List.copyOf(sliders.keySet()));
        for (String k : sliders.keySet()) {
            assertTrue(sliders.getAsJsonObject(k).has("before") && sliders.getAsJsonObject(k).has("after"), k);
        }
        assertEquals(2, json.get("steps").getAsInt());
        assertTrue(json.get("identity_distance").getAsDouble() >= 0 && json.get("identity_distance").getAsDouble() < 0.6);
        assertTrue(json.get("ms_per_step").getAsDouble() > 0 && json.get("seconds").getAsDouble() > 0);
        assertTrue(json.get("mean_change").getAsDouble() > 0 && json.get("mean_change").getAsDouble() < 0.1, json.toString());
        assertTrue(Files.exists(Path.of(json.get("photo").getAsString())));
    }

    @Test
    void namesTheFileWithoutAFaceAndRefusesBadSliders(@TempDir Path tmp) throws Exception {
        Path blank = tmp.resolve("blank.png");
        ImageIO.write(new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        String out = CliTest.run(2, "face-edit", blank.toString(), "--attr", "happy=0.9", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains(blank.toString() + ": no face found"), out);
        String bad = CliTest.run(2, "face-edit", SAMPLE, "--attr", "smile=0.5", "-o", tmp.resolve("y").toString());
        assertTrue(bad.contains("no slider 'smile'"), bad);
        String weight = CliTest.run(2, "face-edit", SAMPLE, "--attr", "happy=0.5", "--weight", "identity=-2", "-o", tmp.resolve("z").toString());
        assertTrue(weight.contains("weights must be finite and >= 0"), weight);
        CliTest.run(2, "face-edit", SAMPLE, "--attr", "happy=0.5", "--steps", "0", "-o", tmp.resolve("w").toString());
        assertTrue(Files.notExists(tmp.resolve("x.png")));
    }
}
