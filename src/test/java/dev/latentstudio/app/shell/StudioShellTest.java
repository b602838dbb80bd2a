package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.Environment;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The studio shell headless (Monocle): Latent Lab draws a real grid, Shuffle redraws it, the status bar names the backend. */
@ExtendWith(ApplicationExtension.class)
class StudioShellTest {
    @TempDir
    static Path dir;
    private static Path generator;
    private JobRunner jobs;

    @BeforeAll
    static void writeGenerator() throws Exception {
        generator = TestGenerators.writeUntrained(dir.resolve("untrained"));
    }

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        ShellViewModel vm = new ShellViewModel(jobs);
        vm.loadEnvironment();
        stage.setScene(new Scene(new StudioShell(vm, StudioShell.screens(jobs, generator.toString())),
                StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void drawsTheGridShufflesPicksAndNamesTheBackend(FxRobot robot) throws Exception {
        Canvas canvas = robot.lookup("#latent-grid").queryAs(Canvas.class);
        try {
            WaitForAsyncUtils.waitFor(120, SECONDS, () -> FxPixels.distinct(FxPixels.of(canvas)) >= 32);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no grid drawn: canvas " + canvas.getWidth() + "x" + canvas.getHeight() + ", "
                    + FxPixels.distinct(FxPixels.of(canvas)) + " distinct colours, message '" + text(robot, "#grid-message")
                    + "', job '" + text(robot, "#job-status") + "', env '" + text(robot, "#environment") + "'", e);
        }
        int[] first = FxPixels.of(canvas);
        assertTrue(text(robot, "#generator-info").startsWith("test-untrained"), text(robot, "#generator-info"));

        robot.clickOn("#shuffle");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> FxPixels.changed(first, FxPixels.of(canvas)) > 0.05);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> text(robot, "#seed-info").equals("seeds 64–127"));

        // the grid is square and centred: a sixteenth of its side up-left of the centre is inside tile (3, 3)
        double off = Math.min(canvas.getWidth(), canvas.getHeight()) / 16;
        Point2D p = canvas.localToScreen(canvas.getWidth() / 2 - off, canvas.getHeight() / 2 - off);
        int[] beforePick = FxPixels.of(canvas);
        robot.clickOn(p);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> text(robot, "#picked-info").equals("seed:91 · pick 1 of 1"));
        double framed = FxPixels.changed(beforePick, FxPixels.of(canvas));
        assertTrue(framed > 0 && framed < 0.05, "only the frame around the picked tile is drawn, changed " + framed);

        String backend = String.valueOf(Environment.describe().get("backend"));
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> text(robot, "#environment").startsWith(backend + " · "));
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> text(robot, "#job-status").equals("No jobs running"));
    }
}
