package dev.latentstudio.app.booth;

import static org.junit.jupiter.api.Assertions.*;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.face.FaceBooth;
import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.invert.IdentityPortrait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The booth's identity portrait with the real face networks on a sample photo, a few steps long: it is drawn
 * from the face on screen or from an enrolled person, previews arrive while it runs, its distance is reported
 * and it saves as a PNG; Cancel and a second request stop a run; nobody to draw is a message.
 */
class PortraitViewModelTest {
    @TempDir
    static Path dir;
    private static FaceBooth engine;

    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private BoothViewModel vm;
    private PortraitViewModel portrait;

    @BeforeAll
    static void load() throws Exception {
        engine = new FaceBooth(FacePipeline.load(Path.of("models/face-api"), FacePipeline.Speed.LIVE),
                new FaceGallery(dir.resolve("gallery")));
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    /** The booth playing one picture, held long so the live loop leaves the cores to the portrait. */
    private void play(Path picture) throws Exception {
        Path folder = Files.createTempDirectory(dir, "source");
        Files.copy(picture, folder.resolve("a.jpg"));
        vm = new BoothViewModel(jobs, () -> engine, folder);
        portrait = vm.portrait();
        vm.stillMillisProperty().set(6000);
        vm.sourceProperty().set(vm.sourcesProperty().get(1));
        vm.start();
        fx.pumpUntil(() -> vm.shownProperty().get() != null, 60);
    }

    private void stop() throws Exception {
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get() && jobs.getRunning() == 0, 30);
    }

    @Test
    void drawsTheLargestFaceOnScreenWithPreviewsAndSavesIt() throws Exception {
        play(Path.of("assets/faces/sample2.jpg"));
        assertFalse(vm.shownProperty().get().faces().isEmpty());
        List<Picture> previews = new ArrayList<>();
        portrait.previewProperty().addListener((o, a, p) -> {
            if (p != null && portrait.runningProperty().get()) previews.add(p);
        });
        portrait.setOptions(IdentityPortrait.Options.DEFAULTS.withSteps(20));
        portrait.draw();
        assertTrue(portrait.runningProperty().get());
        fx.pumpUntil(() -> !portrait.runningProperty().get(), 60);
        assertEquals("", portrait.errorProperty().get());

        PortraitViewModel.Drawn d = portrait.portraitProperty().get();
        assertNotNull(d);
        assertEquals(20, d.steps());
        assertEquals(150, d.picture().width());
        assertTrue(variance(d.picture()) > 0, "the portrait is not blank");
        assertFalse(previews.isEmpty(), "previews while it ran");
        assertSame(d.picture(), portrait.previewProperty().get(), "the finished portrait is on show");
        assertEquals(1.0, portrait.progressProperty().get());
        double distance = portrait.distanceProperty().get();
        assertTrue(Double.isFinite(distance) && distance > 0, "distance " + distance);
        assertTrue(portrait.verdictProperty().get().startsWith("The recogniser's distance to you: "), portrait.verdictProperty().get());

        Path png = dir.resolve("portrait.png");
        portrait.save(png);
        fx.pumpUntil(() -> Files.exists(png) && portrait.statusProperty().get().startsWith("Saved"), 30);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(150, back.getWidth());
        assertEquals(d.picture().argb()[75 * 150 + 75], back.getRGB(75, 75));
        stop();
    }

    @Test
    void anEnrolledPersonIsDrawnAndCancelOrANewRequestStopsARun() throws Exception {
        play(Path.of("assets/faces/sample1.jpg"));
        vm.enrollNameProperty().set("Ada");
        vm.enroll();
        fx.pumpUntil(() -> vm.peopleProperty().contains("Ada"), 30);
        vm.selectedPersonProperty().set("Ada");

        portrait.setOptions(IdentityPortrait.Options.DEFAULTS.withSteps(300));
        portrait.draw();
        fx.pumpUntil(() -> portrait.progressProperty().get() > 0, 60);
        portrait.cancel();
        fx.pumpUntil(() -> !portrait.runningProperty().get(), 30);
        assertTrue(portrait.statusProperty().get().startsWith("Cancelled at "), portrait.statusProperty().get());
        assertNull(portrait.portraitProperty().get(), "a cancelled portrait is not offered for saving");

        // a second request while one runs replaces it: what finishes is the second
        portrait.draw();
        fx.pumpUntil(() -> portrait.progressProperty().get() > 0, 60);
        portrait.setOptions(IdentityPortrait.Options.DEFAULTS.withSteps(10));
        portrait.draw();
        fx.pumpUntil(() -> portrait.portraitProperty().get() != null, 60);
        PortraitViewModel.Drawn d = portrait.portraitProperty().get();
        assertEquals(10, d.steps());
        assertEquals("Ada", d.who());
        assertTrue(portrait.verdictProperty().get().contains("distance to Ada: "), portrait.verdictProperty().get());
        stop(); // waits for every job, the replaced 300-step run included
    }

    @Test
    void nobodyToDrawIsAMessage() throws Exception {
        vm = new BoothViewModel(jobs, () -> engine, dir);
        vm.portrait().draw();
        assertFalse(vm.portrait().runningProperty().get());
        assertTrue(vm.portrait().errorProperty().get().startsWith("Nobody to draw"), vm.portrait().errorProperty().get());

        BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        Path blank = dir.resolve("blank.jpg");
        ImageIO.write(grey, "jpg", blank.toFile());
        play(blank);
        portrait.draw();
        fx.pumpUntil(() -> !portrait.runningProperty().get(), 60);
        assertTrue(portrait.errorProperty().get().startsWith("No face in the frame on screen"), portrait.errorProperty().get());
        assertNull(portrait.portraitProperty().get());
        stop();
    }

    private static double variance(Picture p) {
        double sum = 0, sq = 0;
        for (int argb : p.argb()) {
            for (int shift = 0; shift < 24; shift += 8) {
                int v = (argb >> shift) & 0xff;
                sum += v;
                sq += (double) v * v;
            }
        }
        double n = 3.0 * p.argb().length;
        return sq / n - (sum / n) * (sum / n);
    }
}
