package dev.latentstudio.cli;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train-pix2pix, partner and evaluate-pix2pix as a user runs them, on tiny nets. */
class Pix2PixCliTest {

    /** A|B pictures: a disc on the left, the same disc filled on the right. */
    private static Path alignedFolder(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            int r = 8 + i;
            g.drawOval(20 - r / 2, 20 - r / 2, r, r);
            g.fillOval(60 - r / 2, 20 - r / 2, r, r);
            g.dispose();
            ImageIO.write(img, "png", dir.resolve("pair" + i + ".png").toFile());
        }
        return dir;
    }

    @Test
    void trainOnAlignedPairsThenTranslateAndEvaluate(@TempDir Path tmp) throws Exception {
        Path data = alignedFolder(tmp.resolve("pairs"), 6);
        Files.writeString(data.resolve("notes.png"), "not a picture");
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", data.resolve("square.png").toFile());
        Path model = tmp.resolve("model");
        String out = CliTest.run(0, "train-pix2pix", "--data", data.toString(), "--size", "32", "--filters", "4", "--d-filters", "4",
                "--channels", "1", "--steps", "4", "--batch", "2", "--preview-every", "2", "--out", model.toString());
        assertTrue(out.contains("skipped notes.png") && out.contains("skipped square.png: not an A|B pair"), out);
        assertTrue(out.contains("6 pairs"), out);
        ModelCard card = ModelCard.read(model);
        assertEquals("pix2pix", card.kind());
        assertEquals(4, card.steps());
        assertTrue(card.command().contains("--layout aligned --channels 1"), card.command());
        assertTrue(Files.isRegularFile(model.resolve("samples/step-0000002.png")));

        Path results = tmp.resolve("results");
        String p = CliTest.run(0, "partner", data.resolve("pair0.png").toString(), tmp.resolve("missing.png").toString(),
                "-m", model.toString(), "-o", results.toString(), "--scale", "2");
        assertTrue(p.contains("missing.png: unreadable") && p.contains("wrote"), p);
        BufferedImage sheet = ImageIO.read(results.resolve("pair0.png").toFile());
        assertEquals(2 * 64 + 2, sheet.getWidth()); // two tiles of 32 doubled, 2 px apart
        CliTest.run(2, "partner", tmp.resolve("missing.png").toString(), "-m", model.toString(), "-o", results.toString());

        String eval = CliTest.run(0, "evaluate-pix2pix", "-m", model.toString(), "--data", data.toString(), "--pairs", "6");
        assertTrue(eval.contains("\"held_out_pairs\":6") && eval.contains("\"l1\"") && eval.contains("\"d_accuracy\""), eval);
        String noData = CliTest.run(2, "evaluate-pix2pix", "-m", model.toString());
        assertTrue(noData.contains("give held-out ones with --data"), noData);

        String resumed = CliTest.run(2, "train-pix2pix", "--data", data.toString(), "--steps", "4", "--out", model.toString());
        assertTrue(resumed.contains("already holds"), resumed);
    }

    @Test
    void instanceNormAndAPerceptualTermAreOptionsTheModelCardRecords(@TempDir Path tmp) throws Exception {
        Path data = alignedFolder(tmp.resolve("pairs"), 4);
        Path model = tmp.resolve("model");
        String out = CliTest.run(0, "train-pix2pix", "--data", data.toString(), "--size", "32", "--filters", "4", "--d-filters", "4",
                "--channels", "1", "--steps", "2", "--norm", "instance", "--perceptual", "2", "--out", model.toString());
        assertTrue(out.contains("instance norm") && out.contains("g_perceptual"), out);
        String command = ModelCard.read(model).command();
        assertTrue(command.contains("--norm instance") && command.contains("--perceptual 2.0 --perceptual-net fashion-cnn"), command);

        String badNorm = CliTest.run(2, "train-pix2pix", "--data", data.toString(), "--size", "32", "--channels", "1", "--steps", "1",
                "--norm", "layer", "--out", tmp.resolve("x").toString());
        assertTrue(badNorm.contains("--norm must be batch or instance"), badNorm);
        String badNet = CliTest.run(2, "train-pix2pix", "--data", data.toString(), "--size", "32", "--channels", "1", "--steps", "1",
                "--perceptual", "1", "--perceptual-net", "face", "--out", tmp.resolve("y").toString());
        assertTrue(badNet.contains("takes 3-channel pictures; B has 1"), badNet);
    }

    @Test
    void twoFoldersMatchByNameAndTheGarmentModelIsJudgedByTheClassifier(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("d/A")), b = Files.createDirectories(tmp.resolve("d/B"));
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xffffff);
            ImageIO.write(img, "png", a.resolve("x" + i + ".png").toFile());
            ImageIO.write(img, "jpg", b.resolve("x" + i + ".jpg").toFile());
        }
        ImageIO.write(new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB), "png", a.resolve("lonely.png").toFile());
        String out = CliTest.run(0, "train-pix2pix", "--data", tmp.resolve("d").toString(), "--layout", "folders", "--size", "32",
                "--filters", "4", "--d-filters", "4", "--steps", "1", "--out", tmp.resolve("m").toString());
        assertTrue(out.contains("skipped lonely.png: no file of the same name") && out.contains("3 pairs"), out);

        Path garments = tmp.resolve("g");
        String g = CliTest.run(0, "train-pix2pix", "--data", "fashion-edges", "--size", "32", "--filters", "4", "--d-filters", "4",
                "--steps", "2", "--out", garments.toString());
        assertTrue(g.contains("\"class_agreement\"") && g.contains("\"real_class_accuracy\""), g);
        assertTrue(ModelCard.read(garments).quality().containsKey("class_agreement"));
    }

    @Test
    void theShippedGarmentModelDrawsGarmentsTheClassifierRecognises(@TempDir Path tmp) throws Exception {
        // a broken or untrained model scores ~10–20 % agreement and L1 near 0.9; the shipped one 88 % and 0.165 on 2,000 pairs
        String eval = CliTest.run(0, "evaluate-pix2pix", "--pairs", "300");
        java.util.Map<?, ?> q = new com.google.gson.Gson().fromJson(eval.substring(eval.indexOf('{')), java.util.Map.class);
        assertEquals("pix2pix-garments", q.get("model"));
        assertTrue(((Number) q.get("class_agreement")).doubleValue() >= 0.8, eval);
        assertTrue(((Number) q.get("l1")).doubleValue() < 0.25 && ((Number) q.get("ssim")).doubleValue() > 0.45, eval);
        assertEquals("fashion-cnn", q.get("classifier"));
        // a judge whose features no perceptual term trained on agrees about as often (88 % on 2,000 pairs)
        String second = CliTest.run(0, "evaluate-pix2pix", "--pairs", "300", "--judge", "fashion-cnn-b");
        java.util.Map<?, ?> q2 = new com.google.gson.Gson().fromJson(second.substring(second.indexOf('{')), java.util.Map.class);
        assertEquals("fashion-cnn-b", q2.get("classifier"));
        assertEquals(q.get("l1"), q2.get("l1"), "the judge changes the class figures only");
        assertTrue(((Number) q2.get("class_agreement")).doubleValue() >= 0.8, second);
        CliTest.run(2, "evaluate-pix2pix", "--pairs", "10", "--judge", "no-such-classifier");
        assertTrue(CliTest.run(0, "info").contains("pix2pix-garments"));
    }
}
