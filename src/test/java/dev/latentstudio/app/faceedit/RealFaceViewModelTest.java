package dev.latentstudio.app.faceedit;

import static org.junit.jupiter.api.Assertions.*;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.face.FaceBooth;
import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.invert.IdentityMorph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Inversion Lab's real face with the real networks: the sample photos are offered, a chosen photo's face opens on
 * the sliders with its readings, the face morphs into another sample's, and an unreadable photo of the user's is a message.
 */
class RealFaceViewModelTest {
    @TempDir
    Path dir;
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);

    @AfterEach
    void close() throws Exception {
        fx.pumpUntil(() -> jobs.getRunning() == 0, 60);
        jobs.close();
    }

    @Test
    void aSamplePhotosFaceIsEditedAndMorphsIntoAnother() throws Exception {
        Path models = Path.of("models/face-api");
        RealFaceViewModel vm = new RealFaceViewModel(jobs, () -> FaceEditor.load(models),
                () -> new FaceBooth(FacePipeline.load(models, FacePipeline.Speed.ACCURATE), new FaceGallery(dir.resolve("gallery"))),
                Path.of("assets/faces"));
        assertEquals(6, vm.photosProperty().size(), vm.photosProperty().toString());
        assertEquals("sample1.jpg", vm.photoProperty().get().getFileName().toString());
        assertEquals("sample2.jpg", vm.otherProperty().get().getFileName().toString());

        vm.morph();
        assertTrue(vm.errorProperty().get().startsWith("Open a photo first"), vm.errorProperty().get());

        vm.photoProperty().set(vm.photosProperty().get(1));
        vm.open();
        fx.pumpUntil(() -> vm.edit().readyProperty().get() || !vm.edit().errorProperty().get().isEmpty()
                || !vm.errorProperty().get().isEmpty(), 300);
        assertEquals("", vm.errorProperty().get());
        assertEquals("", vm.edit().errorProperty().get());
        assertTrue(vm.edit().readingProperty().get().startsWith("The networks read: "), vm.edit().readingProperty().get());
        // (an edit on the sliders: FaceEditPanelTest)

        vm.otherProperty().set(vm.photosProperty().get(1));
        vm.morph();
        assertTrue(vm.errorProperty().get().startsWith("Pick another photo"), vm.errorProperty().get());
        vm.otherProperty().set(vm.photosProperty().get(0));
        vm.morphs().setOptions(IdentityMorph.Options.DEFAULTS.withFrames(3).withStepsPerFrame(4).withExtraRounds(1));
        vm.morph();
        fx.pumpUntil(() -> vm.morphs().morphProperty().get() != null, 300);
        assertEquals("", vm.morphs().errorProperty().get());
        assertEquals(3, vm.morphs().framesProperty().size());
        assertTrue(vm.morphs().verdictProperty().get().contains("to sample1.jpg"), vm.morphs().verdictProperty().get());
    }

    @Test
    void anUnreadablePhotoIsNamedAndTheSlidersStayClosed() throws Exception {
        Path bad = dir.resolve("broken.jpg");
        Files.write(bad, new byte[]{(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        RealFaceViewModel vm = new RealFaceViewModel(jobs, () -> {
            throw new AssertionError("no networks needed");
        }, () -> {
            throw new AssertionError("no networks needed");
        }, dir.resolve("none"));
        assertTrue(vm.photosProperty().isEmpty());
        vm.addPhoto(bad);
        fx.pumpUntil(() -> !vm.errorProperty().get().isEmpty(), 30);
        assertTrue(vm.errorProperty().get().contains("broken.jpg"), vm.errorProperty().get());
        assertFalse(vm.edit().readyProperty().get());
    }
}
