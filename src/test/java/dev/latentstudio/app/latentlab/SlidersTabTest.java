package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.shell.ShellViewModel;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.latent.LatentMath;
import dev.latentstudio.engine.sliders.Directions;
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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Sliders tab driven like a user, headless: a slider moves the picture live, the edit goes into the picks. */
@ExtendWith(ApplicationExtension.class)
class SlidersTabTest {
    @TempDir
    static Path dir;
    private static Path generatorDir;
    private static GeneratorModel generator;
    private static float[] direction;
    private JobRunner jobs;

    @BeforeAll
    static void writeGeneratorWithDirections() throws Exception {
        generatorDir = TestGenerators.writeUntrained(dir.resolve("untrained"));
        generator = GeneratorModel.load(generatorDir.toString());
        direction = LatentMath.gaussian(99, 64);
        double n = 0;
        for (float v : direction) n += v * v;
        for (int i = 0; i < 64; i++) direction[i] /= (float) Math.sqrt(n);
        new Directions("test-untrained", 64, 0, 100, 1, 0.1, List.of(
                new Directions.Direction("thickness", Directions.ATTRIBUTE, "thickness", direction, Map.of("thickness", 0.5)),
                new Directions.Direction("pc1", Directions.DISCOVERED, "pc1 · width +", LatentMath.gaussian(98, 64), Map.of("width", 0.3))))
                .write(generatorDir);
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

    @Test
    void aSliderMovesThePictureLiveAndTheEditGoesToThePicks(FxRobot robot) throws Exception {
        robot.clickOn("#tab-sliders");
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> robot.lookup("#slider-thickness").tryQuery().isPresent());
        Canvas canvas = robot.lookup("#sliders-canvas").queryAs(Canvas.class);
        float[] base = generator.prior().seed(1);
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> FxPixels.matches(canvas, generator.argb(base)) > 0.99);
        int[] before = FxPixels.of(canvas);

        Slider s = robot.lookup("#slider-thickness").queryAs(Slider.class);
        robot.clickOn(s.localToScreen(s.getWidth() * 0.85, s.getHeight() / 2));
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> s.getValue() > 0.5);
        float[] moved = base.clone();
        for (int i = 0; i < 64; i++) moved[i] += (float) (s.getValue() * direction[i]);
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> FxPixels.matches(canvas, generator.argb(moved)) > 0.99);
        assertTrue(FxPixels.changed(before, FxPixels.of(canvas)) > 0.01, "the picture follows the slider");

        // a drag: the frames keep coming and the counter measures them
        robot.moveTo(s.localToScreen(s.getWidth() * 0.2, s.getHeight() / 2));
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        for (int k = 0; k < 40; k++) robot.moveBy(k < 20 ? 8 : -8, 0);
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> robot.lookup("#sliders-fps").queryAs(Labeled.class).getText().contains("fps"));
        System.out.println("headless slider drag: " + robot.lookup("#sliders-fps").queryAs(Labeled.class).getText());

        LatentLabViewModel lab = robot.lookup(".latent-lab").queryAs(LatentLabView.class).viewModel();
        float[] edit = lab.sliders().current();
        robot.clickOn("#sliders-to-picks");
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> lab.picksProperty().size() == 1);
        assertArrayEquals(edit, lab.picksProperty().get(0).z());
        assertTrue(lab.picksProperty().get(0).label().contains("thickness"), lab.picksProperty().get(0).label());

        robot.clickOn("#sliders-reset");
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> s.getValue() == 0);
        // the pick just added is now the sample being edited
        assertEquals(lab.picksProperty().get(0).label(), lab.sliders().baseProperty().get().name());
    }
}
