package dev.latentstudio.engine.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentSpecTest {

    private static final int DIM = 16;

    @TempDir
    Path dir;

    private final float[] a = LatentMath.gaussian(100, DIM);
    private final float[] b = LatentMath.gaussian(200, DIM);
    private final float[] c = LatentMath.gaussian(300, DIM);

    @BeforeEach
    void saveVectors() throws IOException {
        LatentFile.write(dir.resolve("faves.json"), "g",
                List.of(new LatentFile.Named("smile", a), new LatentFile.Named("frown", b), new LatentFile.Named("hat", c)));
        LatentFile.write(dir.resolve("wide.json"), "g", List.of(new LatentFile.Named("w", new float[DIM + 1])));
    }

    @Test
    void seeds() {
        assertArrayEquals(LatentMath.gaussian(42, DIM), LatentSpec.parse("42", DIM, dir));
        assertArrayEquals(LatentMath.gaussian(42, DIM), LatentSpec.parse(" seed:42 ", DIM, dir));
        assertArrayEquals(LatentMath.gaussian(-7, DIM), LatentSpec.parse("-7", DIM, null));
        assertArrayEquals(LatentMath.average(List.of(LatentMath.gaussian(3, DIM), LatentMath.gaussian(7, DIM),
                LatentMath.gaussian(12, DIM))), LatentSpec.parse("avg:3, 7,12", DIM, dir));
    }

    @Test
    void files() {
        assertArrayEquals(a, LatentSpec.parse("faves.json", DIM, dir));
        assertArrayEquals(b, LatentSpec.parse("faves.json#1", DIM, dir));
        assertArrayEquals(c, LatentSpec.parse("faves.json#hat", DIM, dir));
        assertArrayEquals(LatentMath.average(List.of(a, b, c)), LatentSpec.parse("avg:faves.json", DIM, dir));
        // absolute paths ignore baseDir
        assertArrayEquals(b, LatentSpec.parse(dir.resolve("faves.json") + "#frown", DIM, Path.of("/elsewhere")));
    }

    @Test
    void unknownFormsListTheAcceptedOnes() {
        for (String bad : List.of("hello", "", "seed:x", "avg:", "avg:3,,4", "file.txt", "99999999999999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentSpec.parse(bad, DIM, dir));
            assertTrue(e.getMessage().contains("seed:42") && e.getMessage().contains("file.json#name"),
                    bad + " -> " + e.getMessage());
        }
    }

    @Test
    void fileProblems() {
        assertMessage("faves.json#3", "has 3 vectors");
        assertMessage("faves.json#grin", "no vector named \"grin\"");
        assertMessage("faves.json#grin", "smile");
        assertMessage("missing.json", "not found");
        assertMessage("wide.json", "17-dimensional");
        assertMessage("avg:wide.json", "needs 16");
    }

    private void assertMessage(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentSpec.parse(spec, DIM, dir));
        assertTrue(e.getMessage().contains(expected), spec + " -> " + e.getMessage());
    }
}
