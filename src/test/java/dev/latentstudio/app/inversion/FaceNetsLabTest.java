package dev.latentstudio.app.inversion;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.inversion.InversionViewModel.Result;
import dev.latentstudio.app.inversion.InversionViewModel.State;
import dev.latentstudio.engine.invert.Technique;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The landmark net and the face detector in the Inversion Lab's view model: offered, a move chosen, run, judged. */
class FaceNetsLabTest {
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private final InversionViewModel vm = new InversionViewModel(jobs);

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void aLandmarkMoveAndTheDetectorsFaceRunFromTheLab() throws Exception {
        assertTrue(vm.modelsProperty().containsAll(List.of(InversionViewModel.LANDMARKS_MODEL, InversionViewModel.DETECTOR_MODEL)),
                vm.modelsProperty().toString());
        vm.modelProperty().set(InversionViewModel.LANDMARKS_MODEL);
        assertEquals(List.of(Technique.LANDMARKS, Technique.CHANNEL), vm.objectivesProperty());
        vm.objectiveProperty().set(Technique.LANDMARKS);
        vm.moveProperty().set("brows_up");
        vm.movePixelsProperty().set(4);
        assertEquals("brows_up 4.0 px on the face in sample1.jpg", vm.targetText());
        vm.stepsProperty().set(3);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 240);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result moved = vm.galleryProperty().get(0);
        assertEquals(112, moved.picture().width(), "the face as the landmark net saw it");
        assertTrue(moved.verdict().contains("px from the targets"), moved.verdict());

        vm.modelProperty().set(InversionViewModel.DETECTOR_MODEL);
        assertEquals(List.of(Technique.CLASS, Technique.CHANNEL), vm.objectivesProperty());
        vm.objectiveProperty().set(Technique.CLASS);
        assertEquals("face", vm.targetText());
        vm.stepsProperty().set(2);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 240);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result face = vm.galleryProperty().get(1);
        assertEquals(320, face.picture().width());
        assertTrue(face.verdict().startsWith("face score"), face.verdict());
    }
}
