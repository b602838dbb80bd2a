package dev.latentstudio.app.faceedit;

import dev.latentstudio.app.booth.BoothViewModel;

import static org.junit.jupiter.api.Assertions.*;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.face.FaceBooth;
import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.invert.IdentityMorph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The booth's morph with the real networks, a few frames of few steps: the face on screen turns into a photo's face
 * (frames arrive while it runs, the distances move the right way, the loop saves as a GIF), a photo without a face
 * and no face on screen are messages, and Cancel stops a run.
 */
class MorphFacesViewModelTest {
    @TempDir
    static Path dir;
    private static FaceBooth engine;

    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private BoothViewModel vm;
    private MorphFacesViewModel morph;

    @BeforeAll
    static void load() throws Exception {
        engine = new FaceBooth(FacePipeline.load(Path.of("models/face-api"), FacePipeline.Speed.LIVE), new FaceGallery(dir.resolve("gallery")));
    }

    @AfterEach
    void close() throws Exception {
        if (vm != null) {
            vm.stop();
            fx.pumpUntil(() -> !vm.runningProperty().get() && jobs.getRunning() == 0, 60);
        }
        jobs.close();
    }

    private void play(Path picture) throws Exception {
        Path folder = Files.createTempDirectory(dir, "source");
        Files.copy(picture, folder.resolve("a.jpg"));
        vm = new BoothViewModel(jobs, () -> engine, folder);
        morph = vm.morphFaces();
        vm.stillMillisProperty().set(6000);
        vm.sourceProperty().set(vm.sourcesProperty().get(1));
        vm.start();
        fx.pumpUntil(() -> vm.shownProperty().get() != null, 60);
    }

    @Test
    void theFaceOnScreenTurnsIntoAPhotosFaceAndSavesAsAGif() throws Exception {
        play(Path.of("assets/faces/sample1.jpg"));
        morph.setOptions(IdentityMorph.Options.DEFAULTS.withFrames(3).withStepsPerFrame(4).withExtraRounds(1));
        int[] seen = {0};
        morph.framesProperty().addListener((javafx.beans.Observable o) -> {
            if (morph.runningProperty().get()) seen[0] = Math.max(seen[0], morph.framesProperty().size());
        });
        morph.morphWith(Path.of("assets/faces/sample2.jpg"));
        assertTrue(morph.runningProperty().get());
        fx.pumpUntil(() -> morph.morphProperty().get() != null, 180);
        assertEquals("", morph.errorProperty().get());
        MorphFacesViewModel.Morph m = morph.morphProperty().get();
        assertEquals(3, m.frames().size());
        assertEquals(3, morph.framesProperty().size());
        assertTrue(seen[0] >= 1, "frames arrived while it ran");
        IdentityMorph.Frame first = m.measured().get(0), last = m.measured().get(2);
        assertTrue(last.distanceToA() > first.distanceToA() && last.distanceToB() < first.distanceToB(),
                "away from you, toward sample2: " + first + " → " + last);
        assertTrue(morph.verdictProperty().get().startsWith("The recogniser's distance to you "), morph.verdictProperty().get());

        Path gif = dir.resolve("morph.gif");
        morph.saveGif(gif);
        fx.pumpUntil(() -> Files.exists(gif) && morph.statusProperty().get().startsWith("Saved"), 30);
        assertEquals(150, ImageIO.read(gif.toFile()).getWidth());
    }

    @Test
    void aPhotoWithoutAFaceIsAMessageAndCancelStops() throws Exception {
        play(Path.of("assets/faces/sample1.jpg"));
        Path grey = dir.resolve("grey.png");
        ImageIO.write(new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", grey.toFile());
        morph.morphWith(grey);
        fx.pumpUntil(() -> !morph.runningProperty().get() && !morph.errorProperty().get().isEmpty(), 60);
        assertEquals("grey.png: no face found", morph.errorProperty().get());

        morph.setOptions(IdentityMorph.Options.DEFAULTS.withFrames(24));
        morph.morphWith(Path.of("assets/faces/sample2.jpg"));
        fx.pumpUntil(() -> morph.progressProperty().get() > 0, 120);
        morph.cancel();
        fx.pumpUntil(() -> !morph.runningProperty().get() && morph.statusProperty().get().startsWith("Cancelled"), 60);
        assertNull(morph.morphProperty().get(), "a cancelled morph is not offered for saving");
    }

    @Test
    void noFaceOnScreenIsAMessage() {
        vm = new BoothViewModel(jobs, () -> engine, dir);
        vm.morphFaces().morphWith("Sam");
        assertFalse(vm.morphFaces().runningProperty().get());
        assertTrue(vm.morphFaces().errorProperty().get().startsWith("No face on screen"), vm.morphFaces().errorProperty().get());
    }
}
