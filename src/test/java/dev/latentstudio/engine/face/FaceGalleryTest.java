package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceGalleryTest {
    @TempDir
    Path dir;

    private static float[] vector(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian() * 0.1f;
        return v;
    }

    private static BufferedImage thumb(int rgb) {
        BufferedImage img = new BufferedImage(150, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) for (int x = 0; x < 150; x++) img.setRGB(x, y, rgb);
        return img;
    }

    @Test
    void enrolledPeopleAndTheirEmbeddingsSurviveAReload() throws IOException {
        FaceGallery g = new FaceGallery(dir);
        FaceGallery.Person ada = g.add("  Ada Lovelace ");
        assertEquals("Ada Lovelace", ada.name());
        assertEquals("ada-lovelace", ada.id());
        g.addEmbedding(ada.id(), vector(1, 128), thumb(0xFF0000));
        FaceGallery.Person after = g.addEmbedding(ada.id(), vector(2, 128), thumb(0x00FF00));
        assertEquals(2, after.embeddings().size());
        g.add("Grace Hopper");
        // Grace has no embeddings yet: listed, but not offered to a classifier
        FaceGallery.Contents before = g.load();
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"), before.people().stream().map(FaceGallery.Person::name).toList());
        assertEquals(List.of("Ada Lovelace"), List.copyOf(before.embeddingsByName().keySet()));

        // reopened, a person without a descriptor is taken for a cut-short enrolment and removed
        FaceGallery reopened = new FaceGallery(dir);
        assertEquals(List.of("grace-hopper: removed Grace Hopper, who had no descriptor (an enrolment cut short)"), reopened.repairs());
        FaceGallery.Contents c = reopened.load();
        assertTrue(c.problems().isEmpty(), c.problems().toString());
        assertEquals(List.of("Ada Lovelace"), c.people().stream().map(FaceGallery.Person::name).toList());
        FaceGallery.Person loaded = c.people().get(0);
        assertArrayEquals(vector(1, 128), loaded.embeddings().get(0));
        assertArrayEquals(vector(2, 128), loaded.embeddings().get(1));
        assertEquals(2, loaded.thumbnails().size());
        assertEquals(1, FaceGallery.thumbnailIndex(loaded.thumbnails().get(1)));
        assertEquals(0x00FF00, ImageIO.read(loaded.thumbnails().get(1).toFile()).getRGB(75, 75) & 0xFFFFFF);
        assertEquals("ada-lovelace", g.find("ADA LOVELACE").orElseThrow().id());
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "atomic writes leave no temporary files");
        }
    }

    @Test
    void namesAreUniqueAndFoldersSafe() throws IOException {
        FaceGallery g = new FaceGallery(dir);
        g.add("Ann!");
        assertThrows(IllegalArgumentException.class, () -> g.add("ann!"));
        assertEquals("ann-2", g.add("Ann?").id());
        assertEquals("jose-nunez", g.add("José Núñez").id());
        assertEquals("person", g.add("李雷").id());
        assertThrows(IllegalArgumentException.class, () -> g.add("  "));
        assertThrows(IllegalArgumentException.class, () -> g.add("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> g.add("x".repeat(101)));
        assertThrows(IllegalArgumentException.class, () -> g.remove("../elsewhere"));
    }

    @Test
    void removingAPersonDeletesTheirData() throws IOException {
        FaceGallery g = new FaceGallery(dir);
        FaceGallery.Person bob = g.add("Bob");
        g.addEmbedding(bob.id(), vector(3, 128), thumb(0x0000FF));
        g.add("Carol");
        g.remove(bob.id());
        assertFalse(Files.exists(dir.resolve(bob.id())));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("carol"), s.map(p -> p.getFileName().toString()).filter(f -> !f.equals(FaceGallery.LOCK_FILE)).toList());
        }
        assertEquals(List.of("Carol"), g.load().people().stream().map(FaceGallery.Person::name).toList());
        assertThrows(IOException.class, () -> g.remove(bob.id()));
        assertThrows(IOException.class, () -> g.addEmbedding(bob.id(), vector(3, 128), null));

        // a removal cut short (the folder renamed, not yet deleted) is finished by the next load
        Files.createDirectories(dir.resolve(".removing-dave-1/sub"));
        Files.writeString(dir.resolve(".removing-dave-1/person.json"), "{\"name\":\"Dave\"}");
        assertEquals(1, g.load().people().size());
        assertFalse(Files.exists(dir.resolve(".removing-dave-1")));
    }

    @Test
    void embeddingsMustAgreeInLengthAndBeFinite() throws IOException {
        FaceGallery g = new FaceGallery(dir);
        String id = g.add("Eve").id();
        g.addEmbedding(id, vector(4, 128), null);
        assertThrows(IllegalArgumentException.class, () -> g.addEmbedding(id, vector(5, 64), null));
        float[] nan = vector(6, 128);
        nan[7] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> g.addEmbedding(id, nan, null));
        assertEquals(1, g.load().people().get(0).embeddings().size());
    }

    @Test
    void damagedFilesAreReportedAndTheRestLoads() throws IOException {
        FaceGallery g = new FaceGallery(dir);
        String good = g.add("Good").id();
        g.addEmbedding(good, vector(7, 128), null);
        String broken = g.add("Broken Vectors").id();
        g.addEmbedding(broken, vector(8, 128), null);
        Files.writeString(dir.resolve(broken).resolve(FaceGallery.EMBEDDINGS_FILE), "{\"dimension\": 128, \"embeddings\": [[1, 2");
        String partly = g.add("Partly").id();
        g.addEmbedding(partly, vector(9, 128), null);
        Files.writeString(dir.resolve(partly).resolve(FaceGallery.EMBEDDINGS_FILE),
                "{\"dimension\": 3, \"embeddings\": [[1, 2, 3], [1, 2], [4, 5, 6]]}");
        Path nameless = Files.createDirectories(dir.resolve("nameless"));
        Files.writeString(nameless.resolve(FaceGallery.PERSON_FILE), "{\"name\": ");
        Files.writeString(Files.createDirectories(dir.resolve("stray-folder")).resolve("notes.txt"), "not a person");

        FaceGallery.Contents c = g.load();
        assertEquals(List.of("Broken Vectors", "Good", "Partly"), c.people().stream().map(FaceGallery.Person::name).toList());
        assertEquals(0, c.people().get(0).embeddings().size());
        assertEquals(1, c.people().get(1).embeddings().size());
        assertEquals(2, c.people().get(2).embeddings().size());
        String problems = c.problems().toString();
        assertEquals(4, c.problems().size(), problems);
        assertTrue(problems.contains("broken-vectors/embeddings.json: unreadable"), problems);
        assertTrue(problems.contains("embedding 1 skipped: has 2 values, expected 3"), problems);
        assertTrue(problems.contains("nameless/person.json: unreadable"), problems);
        assertTrue(problems.contains("stray-folder: no person.json"), problems);
        // adding to a damaged file would overwrite what is left of it: refused with the reason
        IOException e = assertThrows(IOException.class, () -> g.addEmbedding(broken, vector(10, 128), null));
        assertTrue(e.getMessage().contains("unreadable"), e.getMessage());
        // and opening the gallery again repairs none of it: damage is the user's to judge
        FaceGallery reopened = new FaceGallery(dir);
        assertEquals(List.of(), reopened.repairs());
        assertEquals(problems, reopened.load().problems().toString());
    }

    @Test
    void liveInTheUserDataFolder() {
        String before = System.getProperty("studio.data");
        System.setProperty("studio.data", dir.toString());
        try {
            assertEquals(dir.resolve("faces").toAbsolutePath(), FaceGallery.inUserData().root());
        } finally {
            if (before == null) System.clearProperty("studio.data");
            else System.setProperty("studio.data", before);
        }
    }

    @Test
    void aGalleryNeverWrittenIsEmpty() throws IOException {
        FaceGallery.Contents c = new FaceGallery(dir.resolve("not-yet")).load();
        assertTrue(c.people().isEmpty() && c.problems().isEmpty());
    }
}
