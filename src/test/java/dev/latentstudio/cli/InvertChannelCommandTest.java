package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.latentstudio.cli.InvertCommandTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvertChannelCommandTest {

    @Test
    void aDigitChannelClimbs(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "channel", "--layer", "conv2", "--channel", "5", "--steps", "10", "--scale", "2",
                "-o", tmp.resolve("c").toString());
        JsonObject j = jsonLines(out).get(0);
        assertTrue(j.get("activation").getAsDouble() > j.get("activation_start").getAsDouble(), out);
        assertEquals(56, ImageIO.read(tmp.resolve("c.png").toFile()).getWidth());
    }

    @Test
    void colourThroughTheBenchNetInFourierSpace(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "channel", "-c", "bench-conv10", "--layer", "layer1", "--channel", "3",
                "--param", "fourier", "--scale-rotate", "--steps", "3", "--scale", "1", "-o", tmp.resolve("rgb").toString());
        JsonObject j = jsonLines(out).get(0);
        assertEquals("fourier", j.get("param").getAsString());
        assertTrue(j.get("activation").getAsDouble() > j.get("activation_start").getAsDouble(), out);
        BufferedImage img = ImageIO.read(tmp.resolve("rgb.png").toFile());
        assertEquals(112, img.getWidth());
        // colour, not grey: some pixel's red and blue differ
        boolean coloured = false;
        for (int y = 0; y < 112 && !coloured; y++) {
            for (int x = 0; x < 112 && !coloured; x++) {
                int p = img.getRGB(x, y);
                coloured = Math.abs((p >> 16 & 0xFF) - (p & 0xFF)) > 8;
            }
        }
        assertTrue(coloured);
    }

    @Test
    void aChannelTheLayerDoesNotHaveIsAClearError(@TempDir Path tmp) {
        String out = CliTest.run(2, "invert", "channel", "--layer", "conv1", "--channel", "32", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("conv1 has channels 0..31"), out);
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }
}
