package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 a child JVM mid-enrolment, again and again: each time the gallery opens healed and loses nothing. */
class FaceGalleryKillTest {
    private static final int ROUNDS = 8;

    @TempDir
    Path base;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theGalleryHealsAfterEveryKill() throws Exception {
        Path gallery = base.resolve("faces");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(19);
        int total = 0, confirmed = 0;
        List<String> allRepairs = new ArrayList<>(), perRound = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    GalleryEnroller.class.getName(), gallery.toString(), Integer.toString(round))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch writing = new CountDownLatch(1);
            AtomicInteger stored = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("writing")) writing.countDown();
                        else if (line.equals("stored")) stored.incrementAndGet();
                    }
                } catch (IOException ignored) {
                    // the pipe breaks when the child dies
                }
            });
            reader.start();
            assertTrue(writing.await(60, TimeUnit.SECONDS), "the child started enrolling");
            Thread.sleep(random.nextInt(60 + 100 * round)); // later rounds get further before the kill
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);

            FaceGallery g = new FaceGallery(gallery);
            allRepairs.addAll(g.repairs());
            FaceGallery.Contents c = g.load();
            String where = "after round " + round + " (repairs so far " + allRepairs + ")";
            assertEquals(List.of(), c.problems(), where);
            int now = 0;
            for (FaceGallery.Person p : c.people()) {
                assertFalse(p.embeddings().isEmpty(), p.name() + " has no descriptor " + where);
                assertEquals(FaceGallery.slug(p.name()), p.id(), "a leftover took " + p.name() + "'s plain folder name " + where);
                for (Path t : p.thumbnails()) {
                    assertTrue(FaceGallery.thumbnailIndex(t) < p.embeddings().size(), "orphan " + t + " " + where);
                }
                now += p.embeddings().size();
            }
            try (Stream<Path> s = Files.isDirectory(gallery) ? Files.walk(gallery) : Stream.empty()) { // killed before any write
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    assertFalse(name.endsWith(".tmp") || f.toString().contains(".removing-"), f + " left " + where);
                    if (name.endsWith(".json")) JsonParser.parseString(Files.readString(f)); // throws if it does not parse
                }
            }
            confirmed += stored.get();
            // every enrolment the child saw return is kept; at most the one in flight is added besides
            assertTrue(now >= total + stored.get(), "descriptors went from " + total + " to " + now + " with "
                    + stored.get() + " stored " + where);
            assertTrue(now <= total + stored.get() + 1, "more descriptors than were written " + where);
            assertEquals(List.of(), new FaceGallery(gallery).repairs(), "healed once and for all " + where);
            total = now;
            perRound.add(stored.get() + "/" + now);
        }
        assertTrue(confirmed > 0, "the child got to store something");
        System.out.println("FaceGalleryKillTest: stored/total per round " + perRound + "; repairs: " + allRepairs);
    }
}
