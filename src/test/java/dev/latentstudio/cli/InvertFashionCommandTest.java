package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.ImageFolder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.latentstudio.cli.InvertCommandTest.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invert commands on the garment classifier: its class names, its mean garment and its test garments. */
class InvertFashionCommandTest {

    @Test
    void whatTheGarmentClassifierThinksASneakerIs(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "class", "Sneaker", "-c", "fashion-cnn", "--steps", "40", "--scale", "1",
                "-o", tmp.resolve("sneaker").toString());
        List<JsonObject> lines = jsonLines(out);
        assertEquals(1, lines.size(), out);
        assertEquals(7, lines.get(0).get("class").getAsInt());
        assertEquals("Sneaker", lines.get(0).get("name").getAsString());
        double p = lines.get(0).get("probability").getAsDouble();
        assertTrue(p > 0.5, "40 steps from the mean garment make a sneaker likely: " + p);
        // the written picture itself, read back as the classifier's input, is a sneaker to fashion-cnn
        Path png = tmp.resolve("sneaker.png");
        assertTrue(CliTest.notBlank(ImageIO.read(png.toFile())));
        MultiLayerNetwork net = DigitClassifier.load("fashion-cnn");
        INDArray x = Nd4j.create(ImageFolder.loadImage(png, Digits.SIDE, 1), new long[]{1, 1, Digits.SIDE, Digits.SIDE}, 'c');
        assertEquals(7, net.output(x, false).argMax(1).getInt(0), "the PNG is classified as a sneaker");

        String byIndex = CliTest.run(0, "invert", "class", "7", "-c", "fashion-cnn", "--steps", "2", "--scale", "1",
                "-o", tmp.resolve("seven").toString());
        assertEquals("Sneaker", jsonLines(byIndex).get(0).get("name").getAsString());
    }

    @Test
    void aClassThatIsNoGarmentNamesTheGarments(@TempDir Path tmp) {
        String out = CliTest.run(2, "invert", "class", "Sneakers", "-c", "fashion-cnn", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("T-shirt/top") && out.contains("Ankle boot"), out);
        assertFalse(Files.exists(tmp.resolve("x.png")));
        String digits = CliTest.run(2, "invert", "class", "Sneaker", "-o", tmp.resolve("x").toString());
        assertTrue(digits.contains("DIGIT must be 0-9"), "digit-cnn has no sneakers: " + digits);
    }

    @Test
    void reconstructionsStartFromTheGarmentClassifiersOwnTestGarments(@TempDir Path tmp) throws Exception {
        // test garment 9,999: the digits' test split has only 1,500, so this index only exists in Fashion-MNIST's
        String out = CliTest.run(0, "invert", "features", "-c", "fashion-cnn", "--index", "9999", "--layer", "conv1",
                "--steps", "3", "--scale", "1", "-o", tmp.resolve("f").toString());
        assertEquals(9999, jsonLines(out).get(0).get("index").getAsInt());
        BufferedImage img = ImageIO.read(tmp.resolve("f.png").toFile());
        float[] garment = Dataset.FASHION.test().image(9999);
        int worst = 0;
        for (int y = 0; y < Digits.SIDE; y++) {
            for (int x = 0; x < Digits.SIDE; x++) {
                int grey = img.getRGB(x, y) & 0xff, expected = Math.round((garment[y * Digits.SIDE + x] + 1) * 127.5f);
                worst = Math.max(worst, Math.abs(grey - expected));
            }
        }
        assertTrue(worst <= 1, "the strip starts with test garment 9,999 (worst grey difference " + worst + ")");
        CliTest.run(2, "invert", "features", "--index", "9999", "--steps", "1", "-o", tmp.resolve("d").toString());
    }

    @Test
    void channelsAndCgmmRunOnTheGarmentClassifier(@TempDir Path tmp) throws Exception {
        String ch = CliTest.run(0, "invert", "channel", "-c", "fashion-cnn", "--layer", "conv3", "--channel", "4", "--steps", "5",
                "--scale", "1", "-o", tmp.resolve("c").toString());
        JsonObject c = jsonLines(ch).get(0);
        assertEquals("conv3", c.get("layer").getAsString());
        assertTrue(c.get("activation").getAsDouble() > c.get("activation_start").getAsDouble(), ch);
        String g = CliTest.run(0, "invert", "cgmm", "-c", "fashion-cnn", "--attrs", "Trouser", "--fit-digits", "600", "--steps", "5",
                "--scale", "1", "-o", tmp.resolve("g").toString());
        assertEquals("1", jsonLines(g).get(0).get("attributes").getAsString(), g);
    }
}
