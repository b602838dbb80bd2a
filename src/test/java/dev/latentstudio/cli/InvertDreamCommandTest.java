package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.latentstudio.cli.InvertCommandTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `invert dream` on a user's picture, `invert features --image`, and the parameterisation switches. */
class InvertDreamCommandTest {

    /** A colour photo-like picture, not square: a white ring on blue, 90×60. */
    static Path picture(Path dir) throws Exception {
        BufferedImage img = new BufferedImage(90, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(20, 30, 120));
        g.fillRect(0, 0, 90, 60);
        g.setColor(Color.WHITE);
        g.setStroke(new java.awt.BasicStroke(6));
        g.drawOval(28, 10, 34, 40);
        g.dispose();
        Path p = dir.resolve("ring.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void dreamWritesTheDreamAndAnEnlargedViewAndAmplifiesTheLayer(@TempDir Path tmp) throws Exception {
        Path in = picture(tmp);
        String out = CliTest.run(0, "invert", "dream", in.toString(), "--layer", "conv2", "--steps", "5", "--scale", "3",
                "-o", tmp.resolve("dream.png").toString());
        BufferedImage dream = ImageIO.read(tmp.resolve("dream.png").toFile());
        assertEquals(28, dream.getWidth());
        assertEquals(28, dream.getHeight());
        BufferedImage view = ImageIO.read(tmp.resolve("dream-view.png").toFile());
        assertEquals(2 * 28 * 3 + 2, view.getWidth(), "the picture and the dream, side by side");
        List<JsonObject> lines = jsonLines(out);
        assertEquals(1, lines.size(), out);
        JsonObject j = lines.get(0);
        assertEquals("conv2", j.get("layer").getAsString());
        assertEquals(10, j.get("steps").getAsInt(), "5 steps in each of 2 octaves");
        assertTrue(j.get("dream_after").getAsDouble() > j.get("dream_before").getAsDouble(), out);
    }

    @Test
    void badPicturesAndSettingsGiveAClearErrorAndNoFile(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.png"), "not a picture");
        String out = CliTest.run(2, "invert", "dream", tmp.resolve("notes.png").toString(), "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("notes.png: not an image"), out);
        out = CliTest.run(2, "invert", "dream", tmp.resolve("gone.png").toString(), "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("gone.png: no such file"), out);
        Path in = picture(tmp);
        out = CliTest.run(2, "invert", "dream", in.toString(), "--layer", "fc1", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("1 octave"), out);
        out = CliTest.run(2, "invert", "dream", in.toString(), "--layer", "conv7", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("0 conv1, 1 pool1"), out);
        assertFalse(Files.exists(tmp.resolve("x.png")));
        assertFalse(Files.exists(tmp.resolve("x-view.png")));
    }

    @Test
    void featuresRebuildsTheUsersPictureInFourierSpace(@TempDir Path tmp) throws Exception {
        Path in = picture(tmp);
        String out = CliTest.run(0, "invert", "features", "--image", in.toString(), "--layer", "conv1", "--param", "fourier",
                "--scale-rotate", "--steps", "3", "--scale", "1", "-o", tmp.resolve("f").toString());
        JsonObject j = jsonLines(out).get(0);
        assertEquals(in.toString(), j.get("image").getAsString());
        assertFalse(j.has("index"));
        assertEquals(2 * 28 + 2, ImageIO.read(tmp.resolve("f.png").toFile()).getWidth());
        out = CliTest.run(2, "invert", "features", "--image", tmp.resolve("gone.png").toString(), "-o", tmp.resolve("g").toString());
        assertTrue(out.contains("gone.png: no such file"), out);
        CliTest.run(2, "invert", "features", "--image", in.toString(), "--digits", "2");
        out = CliTest.run(2, "invert", "class", "3", "--param", "wavelets", "-o", tmp.resolve("g").toString());
        assertTrue(out.contains("pixels") && out.contains("fourier"), out);
        assertFalse(Files.exists(tmp.resolve("g.png")));
    }
}
