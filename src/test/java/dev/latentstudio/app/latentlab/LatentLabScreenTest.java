package dev.latentstudio.app.latentlab;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.shell.ShellViewModel;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.latent.LatentMath;
import dev.latentstudio.engine.latent.Walks;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Labeled;
import javafx.scene.control.Slider;
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

/** Latent Lab driven like a user, headless: pick two samples, morph along the slider, play, drag on the map. */
@ExtendWith(ApplicationExtension.class)
class LatentLabScreenTest {
    @TempDir
    static Path dir;
    private static Path generatorDir;
    private static GeneratorModel generator;
    private JobRunner jobs;

    @BeforeAll
    static void writeGenerator() throws Exception {
        generatorDir = TestGenerators.writeUntrained(dir.resolve("untrained"));
        generator = GeneratorModel.load(generatorDir.toString());
    }

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        stage.setScene(new Scene(new StudioShell(new ShellViewModel(jobs), StudioShell.screens(jobs, generatorDir.toString())),
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

    private static Point2D tile(Canvas grid, int i) {
        GridRenderer r = new GridRenderer(LatentLabViewModel.COLUMNS);
        r.setTiles(new LatentLabViewModel.Tiles(java.util.Collections.nCopies(LatentLabViewModel.COUNT, new int[28 * 28]), 28, 28));
        GridRenderer.Layout l = r.layout(grid.getWidth(), grid.getHeight());
        return grid.localToScreen(l.tileX(i) + l.cell() / 2, l.tileY(i) + l.cell() / 2);
    }

    @Test
    void pickTwoSamplesAndMorphAlongTheSlider(FxRobot robot) throws Exception {
        Canvas grid = robot.lookup("#latent-grid").queryAs(Canvas.class);
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> FxPixels.distinct(FxPixels.of(grid)) >= 32);
        robot.clickOn(tile(grid, 5));
        robot.clickOn(tile(grid, 9));
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> text(robot, "#morph-a-spec").equals("seed:5")
                && text(robot, "#morph-b-spec").equals("seed:9"));

        Canvas morph = robot.lookup("#morph-canvas").queryAs(Canvas.class);
        Slider t = robot.lookup("#morph-t").queryAs(Slider.class);
        float[] a = LatentMath.gaussian(5, 64), b = LatentMath.gaussian(9, 64);
        int[] previous = null;
        for (double at : new double[]{0.25, 0.75}) {
            Point2D p = t.localToScreen(t.getWidth() * at, t.getHeight() / 2);
            robot.clickOn(p); // a click on the track moves the thumb there
            WaitForAsyncUtils.waitFor(10, SECONDS, () -> Math.abs(t.getValue() - at) < 0.1);
            int[] want = generator.argb(Walks.Mode.SLERP.at(a, b, t.getValue()));
            WaitForAsyncUtils.waitFor(30, SECONDS, () -> FxPixels.matches(morph, want) > 0.99);
            int[] now = FxPixels.of(morph);
            if (previous != null) assertTrue(FxPixels.changed(previous, now) > 0.01, "the picture changes along the slider");
            previous = now;
        }

        robot.clickOn("#morph-lerp");
        int[] want = generator.argb(Walks.Mode.LERP.at(a, b, t.getValue()));
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> FxPixels.matches(morph, want) > 0.99);

        // play: t moves, frames are counted and the counter shows their rate
        robot.clickOn("#morph-play");
        double t0 = t.getValue();
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> Math.abs(t.getValue() - t0) > 0.05);
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> text(robot, "#morph-fps").contains("fps"));
        System.out.println("headless morph playback: " + text(robot, "#morph-fps"));
        robot.clickOn("#morph-play");
        double stopped = t.getValue();
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(stopped, t.getValue(), 1e-9, "paused");
    }

    @Test
    void draggingAPictureOnTheMapRedrawsIt(FxRobot robot) throws Exception {
        Canvas grid = robot.lookup("#latent-grid").queryAs(Canvas.class);
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> FxPixels.distinct(FxPixels.of(grid)) >= 32);
        robot.clickOn("#tab-map");
        Canvas map = robot.lookup("#map-canvas").queryAs(Canvas.class);
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> FxPixels.distinct(FxPixels.of(map)) >= 16);
        // press on the picture of the last grid sample (drawn on top of the others) and drag it towards a corner
        MapViewModel vm = robot.lookup(".latent-lab").queryAs(LatentLabView.class).viewModel().map();
        MapRenderer r = new MapRenderer();
        MapViewModel.Point p = vm.pointsProperty().get(LatentLabViewModel.COUNT - 1);
        Point2D from = map.localToScreen(r.toCanvasX(vm.boundsProperty().get(), p.x(), map.getWidth()),
                r.toCanvasY(vm.boundsProperty().get(), p.y(), map.getHeight()));
        robot.moveTo(from);
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        robot.moveBy(-30, -30);
        robot.moveBy(-60, -40);
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> text(robot, "#map-selected").endsWith("(moved)"));
        assertEquals(LatentLabViewModel.COUNT - 1, vm.selectedProperty().get(), "the point pressed is the one moved");
        Canvas frame = robot.lookup("#map-frame").queryAs(Canvas.class);
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> FxPixels.distinct(FxPixels.of(frame)) >= 16);
    }
}
