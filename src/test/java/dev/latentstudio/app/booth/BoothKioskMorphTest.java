package dev.latentstudio.app.booth;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.faceedit.MorphFacesViewModel;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.engine.invert.IdentityMorph;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kiosk's M with the real face networks on two sample photos (sample1 on screen, sample2 the next sample photo):
 * the morph's frames appear beside the live video and loop once done, M again and leaving the kiosk cancel it, and
 * no face on screen is a message in the kiosk. Few frames of few steps, for time.
 */
@ExtendWith(ApplicationExtension.class)
class BoothKioskMorphTest {
    private JobRunner jobs;
    private BoothViewModel vm;
    private MorphFacesViewModel morph;
    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        Path samples = Files.createDirectory(tmp.resolve("samples"));
        Files.copy(Path.of("assets/faces/sample1.jpg"), samples.resolve("sample1.jpg"));
        Files.copy(Path.of("assets/faces/sample2.jpg"), samples.resolve("sample2.jpg"));
        Path gallery = Files.createDirectory(tmp.resolve("gallery"));
        vm = BoothViewTest.liveBooth(jobs, gallery, samples);
        morph = vm.morphFaces();
        stage.setScene(new Scene(new BoothView(vm), StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    /** Plays the sample photos (the first, sample1, stays up) and opens the kiosk. */
    private void kioskOnSample1(FxRobot robot, IdentityMorph.Options options) throws Exception {
        robot.interact(() -> {
            vm.sourceProperty().set(vm.sourcesProperty().get(1));
            vm.stillMillisProperty().set(600_000);
            morph.setOptions(options);
            vm.start();
        });
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.shownProperty().get() != null && !vm.shownProperty().get().faces().isEmpty());
        assertEquals("sample1.jpg", vm.shownProperty().get().origin());
        openKiosk(robot);
    }

    private void openKiosk(FxRobot robot) {
        robot.interact(() -> vm.kioskProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The key as the kiosk's window gets it (Monocle's full-screen stage does not take the robot's keys). */
    private static void press(FxRobot robot, KeyCode key) {
        javafx.scene.Node kiosk = robot.lookup("#booth-kiosk-window").query();
        robot.interact(() -> kiosk.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, key.getChar(), key.getChar(), key, false, false, false, false)));
    }

    private boolean visible(FxRobot robot, String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(id).query().isVisible();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void mDrawsTheFramesBesideTheVideoAndLoopsThemOnceDone(FxRobot robot) throws Exception {
        kioskOnSample1(robot, IdentityMorph.Options.DEFAULTS.withFrames(3).withStepsPerFrame(4).withExtraRounds(1));
        assertFalse(visible(robot, "#booth-kiosk-morph-side"), "no morph beside the video before M");
        Canvas canvas = robot.lookup("#booth-kiosk-morph").queryAs(Canvas.class);
        Label status = robot.lookup("#booth-kiosk-morph-status").queryAs(Label.class);
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> status.textProperty().addListener((o, a, t) -> said.add(t)));

        press(robot, KeyCode.M);
        assertTrue(morph.runningProperty().get(), "M starts a morph");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> !morph.framesProperty().isEmpty());
        assertTrue(visible(robot, "#booth-kiosk-morph-side"));
        assertTrue(FxPixels.distinct(FxPixels.of(canvas)) > 100, "the first frame (your face) is drawn beside the video");

        Set<Integer> shownAfter = ConcurrentHashMap.newKeySet();
        robot.interact(() -> morph.shownFrameProperty().addListener((o, a, i) -> {
            if (morph.morphProperty().get() != null) shownAfter.add(i.intValue());
        }));
        WaitForAsyncUtils.waitFor(180, SECONDS, () -> morph.morphProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", morph.errorProperty().get());
        // each frame as it came, with the recogniser's distances to both faces
        for (int frame = 1; frame <= 3; frame++) {
            String want = "Frame " + frame + " of 3: you, turning into sample2.jpg… The recogniser: \\d\\.\\d\\d from you, \\d\\.\\d\\d from sample2\\.jpg\\.";
            assertTrue(said.stream().anyMatch(t -> t.matches(want)), "frame " + frame + " in " + said);
        }
        assertTrue(text(robot, "#booth-kiosk-morph-verdict").contains("to sample2.jpg"), text(robot, "#booth-kiosk-morph-verdict"));
        assertTrue(morph.playingProperty().get(), "the finished frames play as a loop");
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> shownAfter.contains(0) && shownAfter.contains(1));
        assertTrue(vm.runningProperty().get(), "the live video plays on");

        // the frames themselves differ on the kiosk's canvas: you (frame 0) and the last, nearest sample2
        robot.interact(() -> {
            morph.playingProperty().set(false);
            morph.shownFrameProperty().set(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        int[] you = FxPixels.of(canvas);
        robot.interact(() -> morph.shownFrameProperty().set(2));
        WaitForAsyncUtils.waitForFxEvents();
        double changed = FxPixels.changed(you, FxPixels.of(canvas));
        assertTrue(changed > 0.05, "the last frame differs from the first on the kiosk: " + changed);

        robot.interact(() -> vm.kioskProperty().set(false));
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !vm.runningProperty().get());
    }

    @Test
    void mAgainAndLeavingTheKioskCancelTheMorph(FxRobot robot) throws Exception {
        kioskOnSample1(robot, IdentityMorph.Options.DEFAULTS.withFrames(24));
        press(robot, KeyCode.M);
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> morph.progressProperty().get() > 0);
        press(robot, KeyCode.M);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> !morph.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#booth-kiosk-morph-status").startsWith("Cancelled after "), text(robot, "#booth-kiosk-morph-status"));
        assertNull(morph.morphProperty().get(), "a cancelled morph does not loop");

        press(robot, KeyCode.M);
        assertTrue(morph.runningProperty().get(), "M once more starts a new morph");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> morph.progressProperty().get() > 0);
        robot.interact(() -> vm.kioskProperty().set(false)); // what Esc does: the kiosk leaves full screen
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> !morph.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(morph.statusProperty().get().startsWith("Cancelled after "), morph.statusProperty().get());
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !vm.runningProperty().get());
    }

    @Test
    void noFaceOnScreenIsAMessageInTheKiosk(FxRobot robot) throws Exception {
        openKiosk(robot);
        press(robot, KeyCode.M);
        assertTrue(visible(robot, "#booth-kiosk-morph-error"), "nothing playing: a message at once");
        assertTrue(text(robot, "#booth-kiosk-morph-error").startsWith("No face on screen to morph"), text(robot, "#booth-kiosk-morph-error"));
        robot.interact(() -> vm.kioskProperty().set(false));

        Path empty = Files.createDirectory(tmp.resolve("no-face"));
        ImageIO.write(new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", empty.resolve("grey.png").toFile());
        robot.interact(() -> {
            vm.addSource(empty);
            vm.stillMillisProperty().set(600_000);
            vm.start();
        });
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.shownProperty().get() != null);
        assertTrue(vm.shownProperty().get().faces().isEmpty());
        openKiosk(robot);
        press(robot, KeyCode.M);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> !morph.runningProperty().get()
                && morph.errorProperty().get().startsWith("No face in the frame"));
        assertTrue(visible(robot, "#booth-kiosk-morph-error"));
        assertEquals("No face in the frame on screen: face the camera and try again.", text(robot, "#booth-kiosk-morph-error"));
        assertTrue(vm.runningProperty().get(), "the live video plays on");
        robot.interact(() -> vm.kioskProperty().set(false));
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> !vm.runningProperty().get());
    }
}
