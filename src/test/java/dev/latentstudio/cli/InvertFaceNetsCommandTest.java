package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** invert landmarks and invert detector: their files, JSON lines and errors. */
class InvertFaceNetsCommandTest {

    @Test
    void landmarksWritesTheEditedPhotoAViewAndTheDistances(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "landmarks", "assets/faces/sample1.jpg", "--move", "mouth_open=6", "--move", "30=0,1", "--move", "48=-2,-1,mirror",
                "--steps", "8", "-o", tmp.resolve("open").toString());
        List<JsonObject> lines = InvertCommandTest.jsonLines(out);
        assertEquals(1, lines.size(), out);
        JsonObject o = lines.get(0);
        double start = o.getAsJsonObject("start").get("mean_error").getAsDouble();
        double end = o.getAsJsonObject("result").get("mean_error").getAsDouble();
        assertTrue(end < start, "the points move towards the targets: " + start + " -> " + end);
        assertTrue(o.has("held_out") && o.get("steps").getAsInt() == 8, o.toString());
        double d = o.get("identity_distance").getAsDouble(); // the identity hold's own figure, from the move's verdict
        assertTrue(d > 0 && d < 0.6, "the same person to the recogniser: " + d);
        BufferedImage photo = ImageIO.read(tmp.resolve("open.png").toFile());
        assertEquals(ImageIO.read(Path.of("assets/faces/sample1.jpg").toFile()).getWidth(), photo.getWidth(), "the whole photo");
        BufferedImage view = ImageIO.read(tmp.resolve("open-view.png").toFile());
        assertTrue(view.getWidth() > 2 * view.getHeight() * 0.6 && CliTest.notBlank(view), "before | after");
    }

    @Test
    void holdingThePointsNotMovedKeepsThemNearerTheirPlaces(@TempDir Path tmp) throws Exception {
        double[] others = new double[2];
        String[] weights = {"0", "1"};
        for (int i = 0; i < 2; i++) {
            JsonObject o = InvertCommandTest.jsonLines(CliTest.run(0, "invert", "landmarks", "assets/faces/sample1.jpg", "--move", "48=-4,-2",
                    "--identity", "0", "--others", weights[i], "--steps", "12", "-o", tmp.resolve("m" + i).toString())).get(0);
            assertEquals(Double.parseDouble(weights[i]), o.get("others_weight").getAsDouble());
            others[i] = o.getAsJsonObject("result").get("others_mean").getAsDouble();
        }
        assertTrue(others[1] < 0.7 * others[0], "the other 67 points move less when held: " + others[0] + " -> " + others[1]);
        assertTrue(CliTest.run(2, "invert", "landmarks", "assets/faces/sample1.jpg", "--move", "smile=3", "--others", "-1",
                "-o", tmp.resolve("x").toString()).contains("--others"));
    }

    @Test
    void landmarksRefusesUnknownMovesAndPhotosWithoutFaces(@TempDir Path tmp) throws Exception {
        assertTrue(CliTest.run(2, "invert", "landmarks", "assets/faces/sample1.jpg", "--move", "frown=3", "-o", tmp.resolve("x").toString())
                .contains("no move 'frown'"));
        Path grey = tmp.resolve("grey.png");
        BufferedImage g = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(g, "png", grey.toFile());
        assertTrue(CliTest.run(2, "invert", "landmarks", grey.toString(), "--move", "smile=3", "-o", tmp.resolve("x").toString())
                .contains("grey.png: no face found"));
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void detectorWritesItsPictureAndItsScoreBeforeAndAfter(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "detector", "--from", "mean", "--steps", "3", "-o", tmp.resolve("face").toString());
        JsonObject o = InvertCommandTest.jsonLines(out).get(0);
        assertEquals("mean", o.get("from").getAsString());
        for (String k : List.of("start_score", "score")) {
            double s = o.get(k).getAsDouble();
            assertTrue(s > 0 && s < 1, k + " is a probability: " + s);
        }
        BufferedImage img = ImageIO.read(tmp.resolve("face.png").toFile());
        assertEquals(320, img.getWidth());
        assertTrue(CliTest.notBlank(img));
        assertTrue(CliTest.run(2, "invert", "detector", "--from", "sky", "-o", tmp.resolve("x").toString()).contains("sky"));
    }
}
