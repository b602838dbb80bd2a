package dev.latentstudio.engine.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesAndExactValues() throws IOException {
        float[] a = LatentMath.gaussian(1, 64);
        float[] b = LatentMath.gaussian(2, 64);
        b[0] = Float.MIN_VALUE; // extremes must survive the decimal text too
        b[1] = -Float.MAX_VALUE;
        Path p = dir.resolve("sub/folder/faves.json");
        LatentFile.write(p, "faces-64", List.of(new LatentFile.Named("a", a), new LatentFile.Named(null, b)));

        List<LatentFile.Named> back = LatentFile.read(p);
        assertEquals(2, back.size());
        assertEquals("a", back.get(0).name());
        assertNull(back.get(1).name());
        assertArrayEquals(a, back.get(0).z());
        assertArrayEquals(b, back.get(1).z());

        JsonObject root = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
        assertEquals("latent-studio/latents", root.get("format").getAsString());
        assertEquals(1, root.get("version").getAsInt());
        assertEquals(64, root.get("dim").getAsInt());
        assertEquals("faces-64", root.get("generator").getAsString());
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertEquals(List.of(p), files.toList(), "no temp file left behind");
        }
    }

    @Test
    void nullGeneratorIsWrittenAsNullAndFilesAreReplaced() throws IOException {
        Path p = dir.resolve("z.json");
        LatentFile.write(p, "old", List.of(new LatentFile.Named("x", new float[] {1, 2})));
        LatentFile.write(p, null, List.of(new LatentFile.Named("y", new float[] {3, 4, 5})));
        JsonObject root = JsonParser.parseString(Files.readString(p)).getAsJsonObject();
        assertTrue(root.has("generator") && root.get("generator").isJsonNull());
        assertArrayEquals(new float[] {3, 4, 5}, LatentFile.read(p).get(0).z());
    }

    @Test
    void writeRejectsNonFiniteAndMixedDimensions() {
        Path p = dir.resolve("bad.json");
        assertThrows(IllegalArgumentException.class,
                () -> LatentFile.write(p, null, List.of(new LatentFile.Named("n", new float[] {1, Float.NaN}))));
        assertThrows(IllegalArgumentException.class, () -> LatentFile.write(p, null,
                List.of(new LatentFile.Named("a", new float[2]), new LatentFile.Named("b", new float[3]))));
        assertTrue(Files.notExists(p));
    }

    @Test
    void missingFile() {
        assertError(dir.resolve("nope.json"), "not found");
    }

    @Test
    void notJson() throws IOException {
        assertError(file("{\"format\": \"latent-studio/latents\", \"vectors\": [", "broken.json"), "not valid JSON");
        assertError(file("", "empty.json"), "not a JSON object");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
        assertError(binary, "JSON");
    }

    @Test
    void wrongFormatTag() throws IOException {
        assertError(file("{\"format\":\"something-else\",\"version\":1,\"vectors\":[{\"z\":[1]}]}", "other.json"),
                "\"something-else\"");
        assertError(file("{\"version\":1,\"vectors\":[{\"z\":[1]}]}", "untagged.json"), "format is missing");
        assertError(file(doc(2, "[{\"z\":[1]}]"), "future.json"), "version");
    }

    @Test
    void inconsistentDimensions() throws IOException {
        assertError(file(doc(1, "[{\"name\":\"a\",\"z\":[1,2,3]},{\"name\":\"b\",\"z\":[1,2]}]"), "mixed.json"),
                "inconsistent dimensions");
        assertError(file("{\"format\":\"latent-studio/latents\",\"version\":1,\"dim\":4,\"vectors\":[{\"z\":[1,2,3]}]}",
                "dim.json"), "\"dim\" says 4");
        assertError(file(doc(1, "[]"), "none.json"), "non-empty");
    }

    @Test
    void nanAndInfiniteValues() throws IOException {
        assertError(file(doc(1, "[{\"z\":[1, NaN]}]"), "nan.json"), "NaN or infinite");
        assertError(file(doc(1, "[{\"z\":[1, \"Infinity\"]}]"), "inf.json"), "NaN or infinite");
        assertError(file(doc(1, "[{\"z\":[1, 1e39]}]"), "overflow.json"), "NaN or infinite");
        assertError(file(doc(1, "[{\"z\":[1, true]}]"), "bool.json"), "not a number");
    }

    private Path file(String text, String name) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String doc(int version, String vectors) {
        return "{\"format\":\"latent-studio/latents\",\"version\":" + version + ",\"vectors\":" + vectors + "}";
    }

    private static void assertError(Path p, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentFile.read(p));
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
