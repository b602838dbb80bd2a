package dev.latentstudio.app.training;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.StudioApp;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.app.common.TrainingRunViewModel.State;
import dev.latentstudio.engine.gan.Checkpoint;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Training screen headless (Monocle), driven through its buttons like a user. */
@ExtendWith(ApplicationExtension.class)
class TrainingViewTest {
    @TempDir
    static Path userData;
    private static String savedProperty;
    private JobRunner jobs;
    private TrainingViewModel vm;

    @BeforeAll
    static void pointUserDataAtTemp() {
        savedProperty = System.getProperty("studio.data");
        System.setProperty("studio.data", userData.toString());
    }

    @AfterAll
    static void restore() {
        if (savedProperty == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedProperty);
    }

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        TrainingView view = new TrainingView(new TrainingViewModel(jobs));
        vm = view.viewModel();
        vm.batchProperty().set(4);
        vm.checkpointEveryProperty().set(1000);
        stage.setScene(new Scene(view, StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    private static boolean enabled(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return !n.isDisabled();
    }

    @Test
    void startPauseResumeStopResumeRunAndTheModelIsListed(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.stepsProperty().set(400);
            vm.previewEveryProperty().set(1000);
        });
        Spinner<Double> modeSeeking = robot.lookup("#mode-seeking").queryAs(Spinner.class);
        robot.interact(() -> modeSeeking.increment());
        assertEquals(0.1, vm.modeSeekingProperty().get(), 1e-9, "the mode-seeking spinner sets the run's weight");
        robot.interact(() -> modeSeeking.decrement());
        Spinner<Integer> decayFrom = robot.lookup("#decay-from").queryAs(Spinner.class);
        robot.interact(() -> decayFrom.increment());
        assertEquals(500, vm.decayFromProperty().get(), "the decay spinner sets the step the learning rate starts to fall");
        robot.interact(() -> decayFrom.decrement());
        Spinner<Integer> pack = robot.lookup("#pack").queryAs(Spinner.class);
        robot.interact(() -> pack.increment());
        assertEquals(2, vm.packProperty().get(), "the pack spinner sets how many pictures D judges together");
        robot.interact(() -> pack.decrement());
        robot.clickOn("#output-name").eraseText(20).write("ui-run");
        assertEquals("ui-run", vm.outputNameProperty().get());
        assertFalse(enabled(robot, "#pause"));

        robot.clickOn("#start");
        ProgressBar bar = robot.lookup("#training-progress").queryAs(ProgressBar.class);
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> bar.getProgress() > 0);
        WaitForAsyncUtils.waitForFxEvents(); // the event that moved the bar sets the rate after it: let it finish
        assertTrue(text(robot, "#step-info").startsWith("Step "), text(robot, "#step-info"));
        assertTrue(text(robot, "#rate").endsWith("images/s"), text(robot, "#rate"));
        assertFalse(enabled(robot, "#start"), "one run at a time");

        robot.clickOn("#pause");
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> vm.getState() == State.PAUSED && enabled(robot, "#resume"));
        assertFalse(enabled(robot, "#pause"));
        double pausedAt = bar.getProgress();

        robot.clickOn("#resume");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> bar.getProgress() > pausedAt);

        robot.clickOn("#stop");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.getState() == State.STOPPED && enabled(robot, "#resume-run"));
        Path run = userData.resolve("models").resolve("ui-run");
        assertTrue(Checkpoint.exists(run), "stop keeps a checkpoint");
        long saved = Checkpoint.read(run).state().step();

        robot.interact(() -> {
            vm.stepsProperty().set((int) saved + 10);
            vm.previewEveryProperty().set(5);
        });
        robot.clickOn("#resume-run");
        WaitForAsyncUtils.waitFor(180, SECONDS, () -> vm.getState() == State.DONE || vm.getState() == State.FAILED);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> robot.lookup("#saved-model").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Saved model ui-run", text(robot, "#saved-model"));
        assertTrue(ModelStore.list(ModelCard.GENERATOR).stream().anyMatch(e -> e.dir().equals(run)),
                "the model is listed with the generators");
        assertEquals(1.0, bar.getProgress());

        Canvas preview = robot.lookup("#training-preview").queryAs(Canvas.class);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> FxPixels.distinct(FxPixels.of(preview)) > 16);
        Canvas chart = robot.lookup("#loss-chart").queryAs(Canvas.class);
        assertTrue(FxPixels.distinct(FxPixels.of(chart)) > 8, "loss curves drawn");
    }

    @Test
    void anErrorBelowTheFoldIsScrolledIntoView(FxRobot robot) throws Exception {
        robot.interact(() -> {
            // the studio's smallest window: the form with More settings open is taller than it
            robot.lookup("#more-settings").query().getScene().getWindow().setHeight(StudioApp.MIN_HEIGHT);
            TitledPane more = robot.lookup("#more-settings").queryAs(TitledPane.class);
            more.setAnimated(false);
            more.setExpanded(true);
            vm.batchProperty().set(32);
            vm.packProperty().set(3);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node error = robot.lookup("#training-error").query();
        ScrollPane form = null;
        for (Node p = error.getParent(); form == null; p = p.getParent()) if (p instanceof ScrollPane sp) form = sp;
        ScrollPane pane = form;
        assertTrue(pane.getContent().getLayoutBounds().getHeight() > pane.getViewportBounds().getHeight(),
                "with More settings open the form is taller than the window");
        Bounds visible = pane.localToScene(pane.getLayoutBounds());
        robot.interact(() -> robot.lookup("#start").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(10, SECONDS, error::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents(); // the reveal runs after the layout pass that shows the label
        assertTrue(text(robot, "#training-error").contains("must divide the batch"), text(robot, "#training-error"));
        Bounds shown = error.localToScene(error.getLayoutBounds());
        assertTrue(pane.getVvalue() > pane.getVmin(), "the form scrolled (it is taller than the window with More settings open: "
                + pane.getContent().getLayoutBounds().getHeight() + " in " + pane.getViewportBounds().getHeight() + "; error at " + shown + ")");
        assertTrue(shown.getMinY() >= visible.getMinY() && shown.getMaxY() <= visible.getMaxY(),
                "the error " + shown + " lies inside the form's visible part " + visible);
    }

    @Test
    void aBadFolderShowsWhatWasSkippedAndWhy(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.png"), "this is text, not a picture");
        Files.createFile(dir.resolve("empty.png"));
        // a DirectoryChooser cannot be driven headless: hand the folder to the view model as the chooser would
        robot.interact(() -> vm.folder().choose(dir));
        TextArea report = robot.lookup("#folder-report").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> report.getText().contains("notes.png")
                && report.getText().contains("empty.png"));
        assertTrue(report.isVisible());
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> robot.lookup("#training-error").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#training-error").startsWith("Nothing in this folder can be trained on"),
                text(robot, "#training-error"));
        assertFalse(enabled(robot, "#start"));
        assertTrue(robot.lookup("#choose-folder").query().isVisible());
    }

    @Test
    void stepModeShowsBothBatchesWithScoresAndChangesTheFakesOnAGStep(FxRobot robot) throws Exception {
        robot.clickOn("Step mode");
        Canvas fakes = robot.lookup("#step-fakes").queryAs(Canvas.class);
        Canvas real = robot.lookup("#step-real").queryAs(Canvas.class);
        robot.clickOn("#step-d");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.stepMode().snapshotProperty().get() != null && enabled(robot, "#step-g"));
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> FxPixels.distinct(FxPixels.of(real)) > 32);
        assertTrue(text(robot, "#step-info-line").startsWith("1 D update · 0 G updates"), text(robot, "#step-info-line"));
        int[] before = FxPixels.of(fakes);

        robot.clickOn("#step-g");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> vm.stepMode().snapshotProperty().get().gUpdates() == 1);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> FxPixels.changed(before, FxPixels.of(fakes)) > 0.01);
        assertTrue(FxPixels.distinct(FxPixels.of(robot.lookup("#step-loss-chart").queryAs(Canvas.class))) > 8);
    }
}
