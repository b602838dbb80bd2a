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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvertCommandTest {

    static List<JsonObject> jsonLines(String out) {
        return out.lines().filter(l -> l.startsWith("{")).map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void oneClassWritesAnEnlargedPngAndItsProbability(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "class", "7", "--steps", "30", "--scale", "4", "-o", tmp.resolve("seven").toString());
        BufferedImage img = ImageIO.read(tmp.resolve("seven.png").toFile());
        assertEquals(28 * 4, img.getWidth());
        assertEquals(28 * 4, img.getHeight());
        assertTrue(CliTest.notBlank(img));
        List<JsonObject> lines = jsonLines(out);
        assertEquals(1, lines.size(), out);
        assertEquals(7, lines.get(0).get("class").getAsInt());
        double p = lines.get(0).get("probability").getAsDouble();
        assertTrue(p > 0.5, "30 steps already make a 7 likely: " + p);
    }

    @Test
    void allTenGoIntoOneGrid(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "class", "--all", "--steps", "2", "--scale", "1", "-o", tmp.resolve("all").toString());
        BufferedImage img = ImageIO.read(tmp.resolve("all.png").toFile());
        assertEquals(5 * 28 + 4 * 2, img.getWidth());
        assertEquals(2 * 28 + 2, img.getHeight());
        List<JsonObject> lines = jsonLines(out);
        assertEquals(11, lines.size(), out);
        for (int c = 0; c < 10; c++) assertEquals(c, lines.get(c).get("class").getAsInt());
        assertTrue(lines.get(10).has("class_prob_min"));
    }

    @Test
    void badArgumentsGiveAClearErrorAndNoFile(@TempDir Path tmp) {
        String out = CliTest.run(2, "invert", "class", "12", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("DIGIT must be 0-9"), out);
        CliTest.run(2, "invert", "class", "3", "--all", "-o", tmp.resolve("x").toString());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }
}
