package dev.latentstudio.app.booth;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.engine.face.FaceBooth;
import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.invert.IdentityPortrait;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The booth headless with the real face networks on the bundled sample photos: start, see faces drawn with
 * their attributes, enrol the person on screen, see them named in the next round, and draw their portrait.
 */
@ExtendWith(ApplicationExtension.class)
class BoothViewTest {
    private JobRunner jobs;
    private BoothViewModel vm;
    private Path gallery;
    @TempDir
    Path tmp;

    /** A booth view model on the real face networks (the live pipeline), its gallery and sample photos in these folders. */
    static BoothViewModel liveBooth(JobRunner jobs, Path gallery, Path samples) {
        return new BoothViewModel(jobs, () -> new FaceBooth(FacePipeline.load(Path.of("models/face-api"), FacePipeline.Speed.LIVE),
                new FaceGallery(gallery)), samples);
    }

    @Start
    void start(Stage stage) throws Exception {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        gallery = Files.createDirectory(tmp.resolve("gallery"));
        Path samples = Files.createDirectory(tmp.resolve("samples"));
        // one photo of one person, shown again and again: enrol it, then it must be named
        Files.copy(Path.of("assets/faces/sample2.jpg"), samples.resolve("a.jpg"));
        vm = liveBooth(jobs, gallery, samples);
        BoothView view = new BoothView(vm);
        stage.setScene(new Scene(view, StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void noCameraSaysSoWholeAndOffersTheSamplePhotos(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.sourceProperty().set(new BoothViewModel.Source("Camera 97", "camera:97"));
            vm.stillMillisProperty().set(500);
        });
        robot.clickOn("#booth-start");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> !vm.runningProperty().get() && !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label error = robot.lookup("#booth-error").queryAs(javafx.scene.control.Label.class);
        javafx.scene.text.Text shown = (javafx.scene.text.Text) error.lookup(".text");
        assertEquals(error.getText(), shown.getText(), "the whole message, not cut short");
        assertFalse(robot.lookup("#booth-status").queryLabeled().getText().startsWith("Playing"));
        robot.clickOn("#booth-use-samples");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> vm.shownProperty().get() != null);
        assertEquals("Sample photos", vm.sourceProperty().get().label());
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !vm.runningProperty().get());
    }

    @Test
    void samplePhotosShowFacesWithAttributesAndAnEnrolledPersonIsNamed(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.sourceProperty().set(vm.sourcesProperty().get(1));
            vm.stillMillisProperty().set(500);
        });
        Canvas canvas = robot.lookup("#booth-canvas").queryAs(Canvas.class);
        int[] before = FxPixels.of(canvas);
        robot.clickOn("#booth-start");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.shownProperty().get() != null && !vm.shownProperty().get().faces().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxPixels.changed(before, FxPixels.of(canvas)) > 0.2, "the photo is drawn");
        FaceReport face = vm.shownProperty().get().faces().get(0);
        assertEquals(68, face.landmarks().size());
        assertTrue(face.attributes() != null && face.attributes().age() > 5 && face.attributes().age() < 90, "attributes");
        assertEquals(FaceReport.Identity.UNKNOWN, face.identity().name(), "nobody enrolled yet");

        robot.clickOn("#booth-enroll-name").write("Sam");
        robot.clickOn("#booth-enroll");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> vm.peopleProperty().contains("Sam"));
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> robot.lookup("#booth-enrolled").query().isVisible());
        // visibility is read off the FX thread and can turn before the same change's listener sets the picture
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#booth-enrolled-face").queryAs(javafx.scene.image.ImageView.class).getImage() != null,
                "the confirmation shows the face it took");
        assertTrue(robot.lookup("#booth-enrolled-text").queryLabeled().getText().contains("Sam"));
        assertTrue(Files.list(gallery).findAny().isPresent(), "the gallery is written to disk");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> vm.shownProperty().get().faces().stream()
                .anyMatch(f -> f.identity() != null && "Sam".equals(f.identity().name())));
        assertTrue(vm.fpsProperty().get() > 0, "the fps counter runs");

        // Sam selected in the list: Portrait draws them beside the live frame (a few steps, for time)
        robot.interact(() -> vm.portrait().setOptions(IdentityPortrait.Options.DEFAULTS.withSteps(10)));
        assertFalse(robot.lookup("#booth-portrait-panel").query().isVisible(), "no portrait panel before one is asked for");
        robot.clickOn(robot.lookup(".list-cell").match(LabeledMatchers.hasText("Sam")).queryLabeled());
        robot.clickOn("#booth-portrait");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> vm.portrait().portraitProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#booth-portrait-panel").query().isVisible());
        assertTrue(FxPixels.distinct(FxPixels.of(robot.lookup("#booth-portrait-canvas").queryAs(Canvas.class))) > 100,
                "the portrait is drawn");
        assertTrue(vm.portrait().verdictProperty().get().contains("distance to Sam"), vm.portrait().verdictProperty().get());
        assertTrue(vm.runningProperty().get(), "the booth plays on");

        // the kiosk shows the portrait too, and P there draws a new one (the main window is behind it)
        robot.interact(() -> vm.kioskProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node kiosk = robot.lookup("#booth-kiosk-window").query();
        assertTrue(robot.lookup("#booth-kiosk-verdict").query().getParent().isVisible(), "the finished portrait is shown");
        Object first = vm.portrait().portraitProperty().get();
        robot.interact(() -> kiosk.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "p", "p",
                javafx.scene.input.KeyCode.P, false, false, false, false)));
        try {
            WaitForAsyncUtils.waitFor(60, SECONDS, () -> vm.portrait().portraitProperty().get() != null
                    && vm.portrait().portraitProperty().get() != first);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no new portrait: " + vm.portrait().statusProperty().get() + " / " + vm.portrait().errorProperty().get()
                    + " / running " + vm.portrait().runningProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxPixels.distinct(FxPixels.of(robot.lookup("#booth-kiosk-portrait").queryAs(Canvas.class))) > 100,
                "the kiosk draws the new portrait");
        robot.interact(() -> vm.kioskProperty().set(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#booth-kiosk-window").tryQuery().isEmpty(), "the kiosk window is gone");
        robot.interact(vm::stop); // after a full-screen stage, Monocle reports the studio window's buttons as not visible

        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !vm.runningProperty().get());
    }
}
