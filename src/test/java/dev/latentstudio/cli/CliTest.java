package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.model.ModelStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI commands on the shipped default models, as a user runs them. */
class CliTest {
    static final double IS_FLOOR = 6.0;
    static final double CONFIDENT_FLOOR = 0.55;

    static String run(int expectedExit, String... args) {
        PrintStream old = System.out, oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(ps);
        System.setErr(ps);
        try {
            int code = Main.run(args);
            assertEquals(expectedExit, code, "exit code of " + String.join(" ", args) + ": " + buf);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    static int gifFrames(Path p) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            return r.getNumImages(true);
        }
    }

    static boolean notBlank(BufferedImage img) {
        java.util.Set<Integer> values = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) values.add(img.getRGB(x, y));
        return values.size() > 20;
    }

    @Test
    void sampleWritesAGridAndLoadableLatents(@TempDir Path tmp) throws Exception {
        run(0, "sample", "-n", "16", "--cols", "4", "--scale", "2", "--seed", "100", "-o", tmp.resolve("s").toString(),
                "--latents", tmp.resolve("z.json").toString());
        BufferedImage img = ImageIO.read(tmp.resolve("s.png").toFile());
        assertEquals(4 * 56 + 3 * 2, img.getWidth());
        assertEquals(4 * 56 + 3 * 2, img.getHeight());
        assertTrue(notBlank(img));
        assertEquals(16, LatentFile.read(tmp.resolve("z.json")).size());
        // a picked sample from the file morphs into a seed: the file form of a latent spec works
        run(0, "morph", tmp.resolve("z.json") + "#3", "104", "--frames", "4", "-o", tmp.resolve("m").toString());
        assertTrue(Files.size(tmp.resolve("m.gif")) > 0);
    }

    @Test
    void morphWritesStripAndLoopingGifInBothModes(@TempDir Path tmp) throws Exception {
        for (String mode : new String[]{"lerp", "slerp"}) {
            Path out = tmp.resolve(mode);
            run(0, "morph", "1", "2", "--mode", mode, "--frames", "10", "--scale", "1", "-o", out.toString());
            BufferedImage strip = ImageIO.read(Path.of(out + ".png").toFile());
            assertEquals(8 * 28 + 7 * 2, strip.getWidth());
            assertEquals(2 * 28 + 2, strip.getHeight());
            assertEquals(10 + 8, gifFrames(Path.of(out + ".gif")), "there and back");
        }
    }

    @Test
    void danceAndArithmeticWriteTheirFiles(@TempDir Path tmp) throws Exception {
        run(0, "dance", "--frames", "12", "-o", tmp.resolve("d").toString());
        assertEquals(12, gifFrames(tmp.resolve("d.gif")));
        assertTrue(notBlank(ImageIO.read(tmp.resolve("d.png").toFile())));
        run(0, "arith", "avg:1,2,3", "-", "4", "+", "5", "--neighbours", "4", "-o", tmp.resolve("a").toString());
        BufferedImage a = ImageIO.read(tmp.resolve("a.png").toFile());
        assertEquals(2 * 28 * 3 + 2, a.getHeight(), "A B C result, then 4 neighbours");
        assertTrue(gifFrames(tmp.resolve("a.gif")) > 10);
    }

    @Test
    void badInputGivesAClearMessageAndNonZeroExit(@TempDir Path tmp) {
        String out = run(2, "morph", "not-a-latent", "2", "-o", tmp.resolve("x").toString());
        assertTrue(out.contains("error:"), out);
        String missing = run(2, "sample", "-g", tmp.resolve("no-model").toString());
        assertTrue(missing.contains("No model"), missing);
    }

    /**
     * A grid written into a folder the system refuses: a clear one-line error naming the folder, exit 2, and the grid
     * written there before is untouched. The folder is made read-only with chmod, or where that does not stop the
     * user (root) with chattr +i; where neither does, the check is skipped (AtomicFileTest injects the failure).
     */
    @Test
    void sampleIntoARefusedFolderNamesItAndKeepsThePreviousGrid(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        run(0, "sample", "-n", "4", "--cols", "2", "-o", out.resolve("s").toString());
        byte[] previous = Files.readAllBytes(out.resolve("s.png"));
        try {
            Assumptions.assumeTrue(refuseWrites(out), "cannot make a folder read-only here");
            String text = run(2, "sample", "-n", "4", "--cols", "2", "--seed", "9", "-o", out.resolve("s").toString());
            assertTrue(text.contains("error: cannot write in " + out.toAbsolutePath() + ": "), text);
            assertTrue(text.contains("permission denied") || text.contains("operation not permitted"), text);
            assertFalse(text.contains("Exception"), text);
        } finally {
            command("chattr", "-i", out.toString());
            out.toFile().setWritable(true);
        }
        assertArrayEquals(previous, Files.readAllBytes(out.resolve("s.png")));
        assertFalse(Files.exists(out.resolve("s.png.tmp")));
    }

    /** Makes {@code dir} refuse new files; whether it worked is tried, not assumed. */
    private static boolean refuseWrites(Path dir) {
        dir.toFile().setWritable(false, false);
        if (!canCreateIn(dir) || command("chattr", "+i", dir.toString()) && !canCreateIn(dir)) return true;
        return false;
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void evaluateReproducesTheShippedGeneratorsRecordedQuality() throws Exception {
        String out = run(0, "evaluate");
        JsonObject o = JsonParser.parseString(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow()).getAsJsonObject();
        double is = o.get("inception_score").getAsDouble();
        double conf = o.get("confident_share").getAsDouble();
        var recorded = ModelStore.find(ModelStore.DEFAULT_GENERATOR).card().quality();
        // the model card states what evaluate measures (same samples, same classifier)
        assertEquals(((Number) recorded.get("inception_score")).doubleValue(), is, 0.05);
        assertEquals(((Number) recorded.get("confident_share")).doubleValue(), conf, 0.005);
        // a floor well above a broken or collapsed generator (≈1–3); the target (8.5, 0.8) is not
        // reached yet by this architecture on 8,500 digits — see README "Shipped models"
        assertTrue(is >= IS_FLOOR, "inception score " + is);
        assertTrue(conf >= CONFIDENT_FLOOR, "confident share " + conf);
    }

    @Test
    void backendOptionIsCheckedAndAFallbackIsNamed() {
        String bad = run(2, "info", "--backend", "gpu");
        assertTrue(bad.contains("expected one of [AUTO, CPU, CUDA]"), bad);
        // the tests' build has no CUDA: asked for, it runs on the CPU (and says so when this is the process's first choice)
        JsonObject o = JsonParser.parseString(run(0, "info", "--backend", "cuda", "--json").lines()
                .filter(l -> l.startsWith("{")).findFirst().orElseThrow()).getAsJsonObject();
        assertEquals("CPU", o.get("backend").getAsString());
        if (dev.latentstudio.engine.Backend.choice().asked() == dev.latentstudio.engine.Backend.Kind.CUDA) {
            assertTrue(o.get("backend_note").getAsString().contains("mvn -Pcuda"), o.toString());
        }
    }

    @Test
    void infoNamesBackendVersionsAndPlaces() {
        String out = run(0, "info", "--json");
        JsonObject o = JsonParser.parseString(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow()).getAsJsonObject();
        for (String k : new String[]{"backend", "device", "threads", "dl4j", "javafx", "opencv", "models", "data"}) {
            assertTrue(o.has(k), "info has " + k + ": " + out);
        }
        assertEquals("1.0.0-M2.1", o.get("dl4j").getAsString());
        assertTrue(o.get("generators").toString().contains("dcgan-mnist"));
    }
}
