package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leftovers a kill mid-enrolment can leave, each built by hand, and what opening the gallery makes of them. */
class FaceGalleryRepairTest {
    @TempDir
    Path base;

    private Path dir() throws IOException {
        return Files.createDirectories(base.resolve("faces"));
    }

    static float[] vector(long seed) {
        Random r = new Random(seed);
        float[] v = new float[128];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian() * 0.1f;
        return v;
    }

    private static String embeddings(float[]... vs) {
        return new Gson().toJson(Map.of("dimension", 128, "embeddings", List.of(vs)));
    }

    private static BufferedImage thumb() {
        return new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    }

    /** A person as the gallery writes them, with {@code n} descriptors and thumbnails. */
    private Path person(String name, int n) throws IOException {
        FaceGallery g = new FaceGallery(dir());
        FaceGallery.Person p = null;
        for (int i = 0; i < n; i++) p = g.enroll(name, vector(i), thumb());
        return dir().resolve(p.id());
    }

    private List<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> !f.equals(FaceGallery.LOCK_FILE)).sorted().toList();
        }
    }

    @Test
    void aFolderWithOnlyAWholePersonTmpIsCompletedThenRemovedAndTheNameIsFreeAgain() throws IOException {
        Path dave = Files.createDirectories(dir().resolve("dave"));
        Files.writeString(dave.resolve("person.json.tmp"), "{\"name\": \"Dave\"}");
        FaceGallery g = new FaceGallery(dir());
        assertEquals(List.of("dave/person.json.tmp: completed the interrupted write",
                "dave: removed Dave, who had no descriptor (an enrolment cut short)"), g.repairs());
        FaceGallery.Contents c = g.load();
        assertEquals(List.of(), c.people());
        assertEquals(List.of(), c.problems(), "no longer reported on every --list");
        assertEquals("dave", g.enroll("Dave", vector(1), thumb()).id(), "the plain name, not dave-2");
        assertEquals(List.of(), new FaceGallery(dir()).repairs(), "healed once and for all");
    }

    @Test
    void aFolderWithOnlyATruncatedPersonTmpIsRolledBack() throws IOException {
        Path dave = Files.createDirectories(dir().resolve("dave"));
        Files.writeString(dave.resolve("person.json.tmp"), "{\"name\": \"Da");
        FaceGallery g = new FaceGallery(dir());
        assertEquals(List.of("dave/person.json.tmp: rolled back (incomplete or invalid)",
                "dave: removed the empty folder an enrolment cut short left"), g.repairs());
        assertFalse(Files.exists(dave));
        assertEquals("dave", g.enroll("dave", vector(1), null).id());
        // an empty folder (killed right after it was made) goes the same way
        Files.createDirectories(dir().resolve("erin"));
        assertEquals(List.of("erin: removed the empty folder an enrolment cut short left"), new FaceGallery(dir()).repairs());
    }

    @Test
    void aPersonWithoutDescriptorsIsRemovedWithTheirOrphanThumbnail() throws IOException {
        Path frank = Files.createDirectories(dir().resolve("frank"));
        Files.writeString(frank.resolve("person.json"), "{\"name\": \"Frank\"}");
        Files.write(frank.resolve("thumb-0000.png"), new byte[] {1, 2, 3});
        Path gina = Files.createDirectories(dir().resolve("gina"));
        Files.writeString(gina.resolve("person.json"), "{\"name\": \"Gina\"}");
        Files.writeString(gina.resolve("embeddings.json"), "{\"dimension\": 128, \"embeddings\": []}");
        // not the gallery's own kind of folder, or damaged: kept (load() reports the damage)
        Path hal = Files.createDirectories(dir().resolve("hal"));
        Files.writeString(hal.resolve("person.json"), "{\"name\": \"Hal\"}");
        Files.writeString(hal.resolve("notes.txt"), "mine");
        Path ivy = Files.createDirectories(dir().resolve("ivy"));
        Files.writeString(ivy.resolve("person.json"), "{\"name\": \"Ivy\"}");
        Files.writeString(ivy.resolve("embeddings.json"), "{\"dimension\": 128, \"embe");

        FaceGallery g = new FaceGallery(dir());
        assertEquals(List.of("frank: removed Frank, who had no descriptor (an enrolment cut short)",
                "gina: removed Gina, who had no descriptor (an enrolment cut short)"), g.repairs());
        assertEquals(List.of("hal", "ivy"), files(dir()));
        assertEquals(List.of("notes.txt", "person.json"), files(hal));
        assertEquals(List.of("Hal", "Ivy"), g.load().people().stream().map(FaceGallery.Person::name).toList());
        assertEquals("frank", g.enroll("Frank", vector(2), null).id());
    }

    @Test
    void aWholeEmbeddingsTmpThatAddsADescriptorIsCompleted() throws IOException {
        Path ada = person("Ada", 2);
        // killed after the new file was written and flushed, before the rename
        Files.writeString(ada.resolve("embeddings.json.tmp"), embeddings(vector(0), vector(1), vector(2)));
        FaceGallery g = new FaceGallery(dir());
        assertEquals(List.of("ada/embeddings.json.tmp: completed the interrupted write, 3 descriptors"), g.repairs());
        FaceGallery.Person p = g.find("Ada").orElseThrow();
        assertEquals(3, p.embeddings().size());
        assertArrayEquals(vector(2), p.embeddings().get(2));
        assertEquals(List.of("embeddings.json", "person.json", "thumb-0000.png", "thumb-0001.png"), files(ada));
    }

    @Test
    void staleOrBrokenTmpFilesBesideGoodOnesAreRolledBack() throws IOException {
        Path ada = person("Ada", 2);
        Path bob = person("Bob", 2);
        Path cy = person("Cy", 1);
        String good = Files.readString(ada.resolve("embeddings.json"));
        Files.writeString(ada.resolve("embeddings.json.tmp"), embeddings(vector(0), vector(1), vector(2)).substring(0, 300));
        Files.writeString(ada.resolve("person.json.tmp"), "{\"name\": \"Somebody Else\"}");
        Files.write(ada.resolve("thumb-0002.png.tmp"), new byte[] {(byte) 0x89, 'P', 'N'});
        Files.writeString(bob.resolve("embeddings.json.tmp"), embeddings(vector(0))); // older: would lose one
        Files.writeString(cy.resolve("embeddings.json.tmp"), embeddings(vector(9), vector(8))); // not an extension

        FaceGallery g = new FaceGallery(dir());
        assertEquals(List.of(
                "ada/person.json.tmp: rolled back (stale: person.json is already written)",
                "ada/embeddings.json.tmp: rolled back (incomplete or invalid)",
                "ada/thumb-0002.png.tmp: rolled back (an unfinished thumbnail)",
                "bob/embeddings.json.tmp: rolled back (stale: it does not extend the stored descriptors)",
                "cy/embeddings.json.tmp: rolled back (stale: it does not extend the stored descriptors)"), g.repairs());
        assertEquals(good, Files.readString(ada.resolve("embeddings.json")), "the stored descriptors are untouched");
        assertEquals(List.of("embeddings.json", "person.json", "thumb-0000.png", "thumb-0001.png"), files(ada));
        assertEquals("Ada", g.find("ada").orElseThrow().name());
        assertEquals(2, g.find("Bob").orElseThrow().embeddings().size());
        assertArrayEquals(vector(0), g.find("Cy").orElseThrow().embeddings().get(0));
        assertEquals(List.of(), g.load().problems());
    }

    @Test
    void aThumbnailWithoutItsDescriptorIsRemoved() throws IOException {
        Path ada = person("Ada", 2);
        // killed after the thumbnail was written, before its descriptor
        Files.copy(ada.resolve("thumb-0001.png"), ada.resolve("thumb-0002.png"));
        Files.copy(ada.resolve("thumb-0001.png"), ada.resolve("thumb-0007.png"));
        FaceGallery g = new FaceGallery(dir());
        assertEquals(List.of("ada/thumb-0002.png: removed, there is no descriptor 2 for it",
                "ada/thumb-0007.png: removed, there is no descriptor 7 for it"), g.repairs());
        assertEquals(List.of("embeddings.json", "person.json", "thumb-0000.png", "thumb-0001.png"), files(ada));
        FaceGallery.Person p = g.enroll("Ada", vector(5), thumb());
        assertEquals(3, p.thumbnails().size());
    }

    @Test
    void linksOutOfTheGalleryAreNeitherFollowedNorCleaned() throws IOException {
        // outside: what would look like leftovers if it were in the gallery
        Path outside = Files.createDirectories(base.resolve("elsewhere"));
        Files.writeString(outside.resolve("person.json"), "{\"name\": \"Mallory\"}");
        Files.writeString(outside.resolve("person.json.tmp"), "{\"name\": \"Mal");
        Files.write(outside.resolve("thumb-0000.png"), new byte[] {1});
        Path ada = person("Ada", 1);
        Files.createSymbolicLink(dir().resolve("mallory"), outside);
        Files.createSymbolicLink(dir().resolve(".removing-x-1"), outside);
        Files.createSymbolicLink(ada.resolve("thumb-0003.png"), outside.resolve("thumb-0000.png"));
        Files.createSymbolicLink(ada.resolve("embeddings.json.tmp"), outside.resolve("person.json"));

        FaceGallery g = new FaceGallery(dir());
        // the one link removed (not its target): the next write of embeddings.json would go through it
        assertEquals(List.of("ada/embeddings.json.tmp: removed, a link where a temporary file goes"), g.repairs());
        g.load();
        g.enroll("Ada", vector(7), thumb());
        assertEquals(List.of("person.json", "person.json.tmp", "thumb-0000.png"), files(outside));
        assertEquals("{\"name\": \"Mallory\"}", Files.readString(outside.resolve("person.json"), StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(dir().resolve("mallory")));
    }

    @Test
    void aRemovalCutShortIsFinishedAndReported() throws IOException {
        Path doomed = Files.createDirectories(dir().resolve(".removing-zed-12/sub"));
        Files.writeString(doomed.resolve("x"), "x");
        assertEquals(List.of(".removing-zed-12: finished a removal that was cut short"), new FaceGallery(dir()).repairs());
        assertFalse(Files.exists(dir().resolve(".removing-zed-12")));
    }

    @Test
    void enrolRefusesABadDescriptorWithoutLeavingAnEmptyPerson() throws IOException {
        FaceGallery g = new FaceGallery(dir());
        float[] nan = vector(1);
        nan[3] = Float.NaN;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> g.enroll("Nan", nan, null));
        assertEquals(List.of(), files(dir()));
        g.enroll("Ok", vector(1), null);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> g.enroll("ok", new float[64], null));
        assertEquals(1, g.find("OK").orElseThrow().embeddings().size());
    }

    @Test
    void aGalleryNeverWrittenHasNothingToRepairAndIsNotCreated() throws IOException {
        FaceGallery g = new FaceGallery(base.resolve("not-yet"));
        assertEquals(List.of(), g.repairs());
        assertFalse(Files.exists(base.resolve("not-yet")));
    }
}
