package dev.latentstudio.app.faceedit;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.*;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.engine.faceedit.FaceEdit;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.image.ImageReading;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Slider;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

/**
 * The face-edit sliders headless with the real networks on a sample photo: a face opens with its readings on the
 * sliders, a click on the happy slider (a release) edits the face and the picture changes, Reset brings the original
 * back, and Cancel stops a long edit within a step.
 */
@ExtendWith(ApplicationExtension.class)
class FaceEditPanelTest {
    private JobRunner jobs;
    private FaceEditViewModel vm;

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        vm = new FaceEditViewModel(jobs, () -> FaceEditor.load(Path.of("models/face-api")));
        vm.setOptions(FaceEdit.Options.DEFAULTS.withSteps(3));
        stage.setScene(new Scene(new StackPane(new FaceEditPanel(vm, "t")), 420, 900));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void aReleasedSliderEditsTheFaceResetRestoresItAndCancelStops(FxRobot robot) throws Exception {
        robot.interact(() -> {
            try {
                vm.open(ImageReading.read(Path.of("assets/faces/sample2.jpg")), "sample2.jpg");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.readyProperty().get() && !vm.runningProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertTrue(vm.readingProperty().get().startsWith("The networks read: "), vm.readingProperty().get());
        Slider happy = robot.lookup("#t-face-edit-happy").queryAs(Slider.class);
        int k = FaceEditViewModel.EXPRESSIONS.indexOf("happy");
        assertFalse(vm.expressionSetProperty(k).get(), "no slider is set on opening");
        assertEquals(vm.expressionProperty(k).get(), happy.getValue(), 1e-9, "the slider starts at the net's reading");

        Canvas canvas = robot.lookup("#t-face-edit-canvas").queryAs(Canvas.class);
        WaitForAsyncUtils.waitForFxEvents();
        int[] original = FxPixels.of(canvas);
        // sample2's face reads as not happy (p ~0.004): a click near the slider's right end asks for happy
        robot.moveTo(happy).moveBy(happy.getWidth() / 2 - 6, 0).clickOn();
        assertTrue(vm.expressionSetProperty(k).get(), "the moved slider counts");
        assertTrue(happy.getValue() > 0.9, "asked for " + happy.getValue());
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.resultProperty().get() != null && !vm.runningProperty().get());
        assertEquals("", vm.errorProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxPixels.changed(original, FxPixels.of(canvas)) > 0.01, "the edited face is drawn");
        assertTrue(vm.readingProperty().get().startsWith("happy "), vm.readingProperty().get());
        assertEquals(3, vm.resultProperty().get().steps());

        robot.clickOn("#t-face-edit-reset");
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(vm.resultProperty().get());
        assertFalse(vm.expressionSetProperty(k).get());
        assertEquals(0, FxPixels.changed(original, FxPixels.of(canvas)), 1e-9, "Reset shows the original again");

        vm.setOptions(FaceEdit.Options.DEFAULTS.withSteps(500));
        robot.moveTo(happy).moveBy(happy.getWidth() / 2 - 6, 0).clickOn();
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.progressProperty().get() > 0);
        robot.clickOn("#t-face-edit-cancel");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> !vm.runningProperty().get() && vm.statusProperty().get().startsWith("Cancelled at "));
        assertNull(vm.resultProperty().get(), "a cancelled edit is not offered for saving");
    }
}
