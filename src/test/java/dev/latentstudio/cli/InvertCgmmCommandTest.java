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

class InvertCgmmCommandTest {

    @Test
    void fitsSavesAndDrawsThenReusesTheSavedModelForEveryClass(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("m.cgmm.json");
        String out = CliTest.run(0, "invert", "cgmm", "--attrs", "3,thick", "--samples", "2", "--steps", "2", "--fit-digits", "300",
                "--save", model.toString(), "--scale", "2", "-o", tmp.resolve("three").toString());
        BufferedImage img = ImageIO.read(tmp.resolve("three.png").toFile());
        assertEquals(2 * 28 * 2 + 2, img.getWidth(), "two samples side by side, 2 px apart");
        assertEquals(28 * 2, img.getHeight());
        assertTrue(CliTest.notBlank(img));
        List<JsonObject> lines = InvertCommandTest.jsonLines(out);
        assertEquals(1, lines.size(), out);
        assertEquals("3+thick", lines.get(0).get("attributes").getAsString());
        assertEquals("fc1", lines.get(0).get("layer").getAsString());
        assertEquals(2, lines.get(0).getAsJsonArray("labels").size());
        assertTrue(Files.isRegularFile(model));

        out = CliTest.run(0, "invert", "cgmm", "--all", "--attrs", "thin", "--model", model.toString(), "--steps", "1", "--scale", "1",
                "-o", tmp.resolve("all").toString());
        img = ImageIO.read(tmp.resolve("all.png").toFile());
        assertEquals(28, img.getWidth());
        assertEquals(10 * 28 + 9 * 2, img.getHeight(), "one row per class");
        lines = InvertCommandTest.jsonLines(out);
        assertEquals(10, lines.size(), out);
        for (int c = 0; c < 10; c++) assertEquals(c + "+thin", lines.get(c).get("attributes").getAsString());
    }

    @Test
    void badArgumentsGiveAClearErrorAndNoFile(@TempDir Path tmp) throws Exception {
        String o = tmp.resolve("x").toString();
        assertTrue(CliTest.run(2, "invert", "cgmm", "--attrs", "3,bold", "-o", o).contains("unknown attribute 'bold'"));
        assertTrue(CliTest.run(2, "invert", "cgmm", "-o", o).contains("give --attrs"));
        assertTrue(CliTest.run(2, "invert", "cgmm", "--all", "--attrs", "3", "-o", o).contains("--all draws each class"));
        assertTrue(CliTest.run(2, "invert", "cgmm", "--attrs", "thin,thick", "-o", o).contains("both thin and thick"));
        Files.writeString(tmp.resolve("junk.json"), "{}");
        assertTrue(CliTest.run(2, "invert", "cgmm", "--attrs", "3", "--model", tmp.resolve("junk.json").toString(), "-o", o)
                .contains("not a latent-studio-cgmm/1 file"));
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }
}
