package dev.latentstudio.app.partner;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.TrainingRunViewModel;
import dev.latentstudio.engine.pix2pix.Pix2PixCheckpoint;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import dev.latentstudio.app.shell.StudioShell;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
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

/** The Partner screen headless (Monocle), with a tiny model trained for the test among the user's models. */
@ExtendWith(ApplicationExtension.class)
class PartnerViewTest {
    @TempDir
    static Path dir;
    private static String savedData;
    private static Path tiny;
    private JobRunner jobs;
    private PartnerViewModel vm;

    @BeforeAll
    static void trainATinyModel() throws Exception {
        savedData = System.getProperty("studio.data");
        System.setProperty("studio.data", dir.resolve("user").toString());
        tiny = TinyPix2Pix.train(dir.resolve("user").resolve("models").resolve("tiny"), TinyPix2Pix.STEPS);
    }

    @AfterAll
    static void restore() {
        if (savedData == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedData);
    }

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        vm = new PartnerViewModel(jobs, TinyPix2Pix::pairs); // the Train tab learns from a small slice
        stage.setScene(new Scene(new PartnerView(vm), StudioShell.WIDTH, StudioShell.HEIGHT));
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
    void aDroppedPictureGetsAPartnerOnTheCanvas(FxRobot robot) throws Exception {
        robot.interact(() -> vm.translate().choose(tiny)); // the shipped model too, should models/ hold one
        assertEquals(tiny.toAbsolutePath().normalize(), vm.translate().modelProperty().get().dir());
        assertFalse(robot.lookup("#partner-empty").query().isVisible(), "a model is installed: no empty state");
        assertTrue(robot.lookup("#partner-export").query().isDisabled(), "nothing to export yet");
        Canvas result = robot.lookup("#partner-result").queryAs(Canvas.class);
        Canvas input = robot.lookup("#partner-input").queryAs(Canvas.class);
        int[] before = FxPixels.of(result);

        Path picture = TinyPix2Pix.outline(dir.resolve("outline.png"));
        robot.interact(() -> vm.translate().drop(picture));
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.translate().resultProperty().get() != null
                || !vm.translate().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.translate().errorProperty().get());
        Picture partner = vm.translate().resultProperty().get().output();

        int[] after = FxPixels.of(result);
        assertTrue(FxPixels.changed(before, after) > 0.2, "the hint gave way to the partner");
        // the canvas shows the partner's own pixels, each enlarged to a whole square
        int w = (int) result.getWidth();
        PictureRenderer.Layout l = PictureRenderer.layout(result.getWidth(), result.getHeight(), 32, 32);
        assertTrue(l.pixel() >= 4, "enlarged: " + l.pixel());
        int same = 0;
        for (int i = 0; i < 32; i++) {
            for (int j = 0; j < 32; j++) {
                int x = (int) (l.x() + (j + 0.5) * l.pixel()), y = (int) (l.y() + (i + 0.5) * l.pixel());
                if (Math.abs((after[y * w + x] >> 8 & 0xff) - (partner.argb()[i * 32 + j] >> 8 & 0xff)) <= 2) same++;
            }
        }
        assertTrue(same > 0.95 * 32 * 32, "the canvas shows the partner: " + same + " of 1024 pixels");
        assertTrue(FxPixels.distinct(after) > 2, "not blank");
        assertTrue(FxPixels.distinct(FxPixels.of(input)) > 2, "the model's input is shown beside it");
        assertFalse(robot.lookup("#partner-export").query().isDisabled());
        assertTrue(text(robot, "#partner-status").contains("outline.png"), text(robot, "#partner-status"));
    }

    @Test
    void theTrainTabsNormAndPerceptualWeightReachTheRun(FxRobot robot) throws Exception {
        PartnerTrainingViewModel t = vm.training();
        robot.interact(() -> {
            t.sizeProperty().set(32);
            t.filtersProperty().set(4);
            t.dFiltersProperty().set(4);
            t.batchProperty().set(1);
            t.stepsProperty().set(2);
            t.evaluateProperty().set(false);
            t.outputNameProperty().set("with-options");
        });
        @SuppressWarnings("unchecked")
        ChoiceBox<Pix2PixNets.Norm> norm = robot.lookup("#partner-norm").queryAs(ChoiceBox.class);
        @SuppressWarnings("unchecked")
        Spinner<Double> perceptual = robot.lookup("#partner-perceptual").queryAs(Spinner.class);
        assertEquals(Pix2PixNets.Norm.BATCH, norm.getValue(), "batch norm unless chosen");
        assertEquals(0.0, perceptual.getValue(), "the perceptual term is off unless a weight is given");
        robot.interact(() -> {
            norm.getSelectionModel().select(Pix2PixNets.Norm.INSTANCE);
            perceptual.getEditor().setText("7.5"); // typed, then committed as the spinner does on Enter
            perceptual.commitValue();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("instance", norm.getConverter().toString(norm.getValue()));
        robot.interact(() -> robot.lookup("#partner-start").queryButton().fire());
        WaitForAsyncUtils.waitFor(240, SECONDS, () -> t.getState() == TrainingRunViewModel.State.DONE
                || t.getState() == TrainingRunViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRunViewModel.State.DONE, t.getState(), t.errorProperty().get());
        Pix2PixCheckpoint.State run = Pix2PixCheckpoint.readState(dir.resolve("user").resolve("models").resolve("with-options"));
        assertEquals(Pix2PixNets.Norm.INSTANCE, run.spec().norm());
        assertEquals(7.5, run.perceptual());
        assertTrue(text(robot, "#partner-losses").contains("perceptual"), text(robot, "#partner-losses"));
    }

    @Test
    void anUnreadableFileShowsTheReadersMessage(FxRobot robot) throws Exception {
        robot.interact(() -> vm.translate().choose(tiny));
        Path bad = dir.resolve("broken.jpg");
        Files.write(bad, new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3});
        robot.interact(() -> vm.translate().drop(bad));
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> !vm.translate().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Node error = robot.lookup("#partner-error").query();
        assertTrue(error.isVisible());
        assertTrue(text(robot, "#partner-error").contains("broken.jpg"), text(robot, "#partner-error"));
        assertNotNull(robot.lookup("#partner-train-status").query(), "the Train tab is built too");
    }

    /** The Train tab offers the first free name when the output name is taken, and the button takes it. */
    @Test
    void aTakenNameIsSaidAndTheFreeOneOffered(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("user").resolve("models").resolve("taken-name"));
        robot.interact(() -> vm.training().outputNameProperty().set("taken-name"));
        WaitForAsyncUtils.waitForFxEvents();
        Node taken = robot.lookup("#partner-name-taken").query();
        assertTrue(taken.isVisible() && taken.getParent().isVisible(), "the taken name is said");
        assertEquals("Use taken-name-2", text(robot, "#partner-use-fresh-name"));
        robot.interact(() -> robot.lookup("#partner-use-fresh-name").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("taken-name-2", robot.lookup("#partner-output-name").queryAs(javafx.scene.control.TextField.class).getText());
        assertFalse(robot.lookup("#partner-name-taken").query().getParent().isVisible(), "a free name needs no warning");
    }
}
