package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.latentstudio.cli.InvertCommandTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvertFeaturesCommandTest {
    static final List<String> LAYERS = List.of("conv1", "pool1", "conv2", "pool2", "fc1", "logits");

    @Test
    void oneLayerWritesOriginalAndReconstructionAndTheSsim(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "features", "--layer", "conv2", "--index", "4", "--steps", "5", "--scale", "2",
                "-o", tmp.resolve("f").toString());
        BufferedImage img = ImageIO.read(tmp.resolve("f.png").toFile());
        assertEquals(2 * 28 * 2 + 2, img.getWidth());
        assertEquals(28 * 2, img.getHeight());
        List<JsonObject> lines = jsonLines(out);
        assertEquals(1, lines.size(), out);
        JsonObject j = lines.get(0);
        assertEquals("conv2", j.get("layer").getAsString());
        assertEquals(4, j.get("index").getAsInt());
        double s = j.get("ssim").getAsDouble();
        assertTrue(s > -1 && s <= 1, out);
    }

    @Test
    void allLayersGoIntoOneStrip(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "features", "--all-layers", "--steps", "2", "--scale", "1", "-o", tmp.resolve("all").toString());
        BufferedImage img = ImageIO.read(tmp.resolve("all.png").toFile());
        assertEquals(7 * 28 + 6 * 2, img.getWidth());
        assertEquals(28, img.getHeight());
        JsonObject j = jsonLines(out).get(0);
        assertEquals(LAYERS, List.copyOf(j.getAsJsonObject("ssim_by_layer").keySet()));
    }

    @Test
    void digitsPrintsTheMeanCurve(@TempDir Path tmp) {
        String out = CliTest.run(0, "invert", "features", "--digits", "2", "--steps", "2");
        JsonObject j = jsonLines(out).get(0);
        assertEquals(2, j.get("digits").getAsInt());
        assertEquals(LAYERS, List.copyOf(j.getAsJsonObject("ssim_by_layer").keySet()));
        assertEquals(j.getAsJsonObject("ssim_by_layer").get("conv1").getAsDouble(), j.get("ssim_first_layer").getAsDouble(), 0);
        assertEquals(LAYERS, List.copyOf(j.getAsJsonObject("ms_per_step_by_layer").keySet()));
    }

    @Test
    void badArgumentsGiveAClearErrorAndNoFile(@TempDir Path tmp) {
        String out = CliTest.run(2, "invert", "features", "--layer", "conv9", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("0 conv1, 1 pool1"), out);
        CliTest.run(2, "invert", "features", "--index", "99999", "-o", tmp.resolve("x").toString());
        CliTest.run(2, "invert", "features", "--layer", "conv1");
        CliTest.run(2, "invert", "features", "--digits", "2", "-o", tmp.resolve("x").toString());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }
}
