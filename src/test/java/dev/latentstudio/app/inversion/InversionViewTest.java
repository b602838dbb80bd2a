package dev.latentstudio.app.inversion;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxPixels;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.inversion.InversionViewModel.State;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.app.common.PictureRenderer;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Inversion Lab screen headless (Monocle), driven through its buttons like a user. */
@ExtendWith(ApplicationExtension.class)
class InversionViewTest {
    private JobRunner jobs;
    private InversionViewModel vm;

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        InversionView view = new InversionView(new InversionViewModel(jobs));
        vm = view.viewModel();
        stage.setScene(new Scene(view, StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    private static boolean enabled(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return !n.isDisabled();
    }

    @Test
    void pickADigitStartWatchItEvolveAndFindItInTheGallery(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.stepsProperty().set(40);
            vm.previewEveryProperty().set(2);
        });
        robot.clickOn("#digit-5");
        assertEquals(5, vm.digitProperty().get());
        assertTrue(robot.lookup("#digit-5").queryAs(ToggleButton.class).isSelected());
        Canvas canvas = robot.lookup("#inversion-canvas").queryAs(Canvas.class);
        int[] before = FxPixels.of(canvas);
        assertFalse(enabled(robot, "#cancel"));

        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.getState() != State.RUNNING);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxPixels.changed(before, FxPixels.of(canvas)) > 0.01, "the picture is drawn");
        assertTrue(FxPixels.distinct(FxPixels.of(robot.lookup("#inversion-chart").queryAs(Canvas.class))) > 8, "curves drawn");
        assertTrue(robot.lookup("#verdict").queryAs(Labeled.class).getText().startsWith("p = "));

        ListView<?> gallery = robot.lookup("#gallery").queryAs(ListView.class);
        assertEquals(1, gallery.getItems().size());
        assertEquals(vm.galleryProperty().get(0), gallery.getSelectionModel().getSelectedItem());
        assertTrue(enabled(robot, "#export-png") && enabled(robot, "#export-gif"));
        assertTrue(robot.lookup("#selected-result").queryAs(Labeled.class).getText().startsWith("#1: Class visualisation: digit 5 · 40 steps"));

        // a second digit: the gallery keeps both, side by side
        robot.interact(() -> vm.stepsProperty().set(10));
        robot.clickOn("#digit-2");
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.getState() != State.RUNNING);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, gallery.getItems().size());
        assertEquals("digit 2", vm.selectedProperty().get().settings().target());
    }

    @Test
    void aGarmentClassifierOffersGarmentsByName(FxRobot robot) throws Exception {
        robot.interact(() -> vm.modelProperty().set("fashion-cnn"));
        WaitForAsyncUtils.waitForFxEvents();
        ChoiceBox<?> garments = robot.lookup("#expression").queryAs(ChoiceBox.class);
        assertTrue(garments.isVisible() && !robot.lookup("#digit-row").query().isVisible(), "names instead of digit buttons");
        assertEquals(dev.latentstudio.engine.data.Dataset.FASHION.classNames(), garments.getItems());
        robot.interact(() -> garments.getSelectionModel().select(7));
        assertEquals(7, vm.digitProperty().get());
        robot.interact(() -> vm.mixProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        ChoiceBox<?> second = robot.lookup("#class-b").queryAs(ChoiceBox.class);
        assertTrue(second.isVisible(), "garments mix too, the second one by name");
        robot.interact(() -> second.getSelectionModel().select(5));
        assertEquals(5, vm.secondDigitProperty().get());
        assertEquals("0.50·Sneaker + 0.50·Sandal", vm.targetText());
        robot.interact(() -> vm.objectiveProperty().set(Technique.RECONSTRUCT));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Held-out garment", robot.lookup("#use-held-out").queryAs(Labeled.class).getText());
        robot.interact(() -> vm.heldOutProperty().set(9_000));
        assertEquals(9_000, robot.lookup("#held-out").queryAs(javafx.scene.control.Spinner.class).getValue(), "10,000 test garments");
        // back to the digits through the chooser: the objective stays, the index comes back within their 1,500
        robot.interact(() -> robot.lookup("#model").queryAs(ChoiceBox.class).getSelectionModel().select("digit-cnn"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Technique.RECONSTRUCT, vm.objectiveProperty().get());
        assertEquals(Technique.RECONSTRUCT, robot.lookup("#objective").queryAs(ChoiceBox.class).getValue());
        assertEquals(1_499, vm.heldOutProperty().get());
        assertEquals("Held-out digit", robot.lookup("#use-held-out").queryAs(Labeled.class).getText());
    }

    @Test
    void draggingALandmarkOnTheCanvasSetsThePointAndItsOffsetAndLettingGoRunsIt(FxRobot robot) throws Exception {
        PictureRenderer.Layout l = landmarkFace(robot, 3);
        robot.interact(() -> robot.lookup("#landmark-others").queryAs(javafx.scene.control.Slider.class).setValue(0.2)); // the knob reaches the run
        Canvas canvas = robot.lookup("#inversion-canvas").queryAs(Canvas.class);
        assertTrue(FxPixels.distinct(FxPixels.of(canvas)) > 50, "the start face is on the canvas");
        assertEquals(0, ringPixels(FxPixels.of(canvas)), "no result yet: no rings");
        // where point 48 (a mouth corner) is drawn: the picture's layout on the canvas, as the renderer letterboxes it
        double[] p = vm.landmarksProperty().get();
        javafx.geometry.Point2D at = canvas.localToScreen(l.x() + p[96] * l.pixel(), l.y() + p[97] * l.pixel());
        robot.drag(at, MouseButton.PRIMARY).moveBy(-20, -10).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(48, vm.dragPointProperty().get());
        assertEquals(InversionViewModel.POINT_MOVE, vm.moveProperty().get());
        double perCanvas = vm.photoPixelsPerPicturePixelProperty().get() / l.pixel();
        assertEquals(-20 * perCanvas, vm.dragDxProperty().get(), 0.2, "the drag in photo pixels");
        assertEquals(-10 * perCanvas, vm.dragDyProperty().get(), 0.2);
        assertTrue(robot.lookup("#landmark-drag").queryAs(Labeled.class).getText().startsWith("Landmark 48 by ("),
                robot.lookup("#landmark-drag").queryAs(Labeled.class).getText());
        // letting go started the move (no Start click)
        WaitForAsyncUtils.waitFor(240, SECONDS, () -> vm.getState() == State.DONE || vm.getState() == State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertEquals(1, vm.galleryProperty().size());
        assertTrue(vm.galleryProperty().get(0).settings().target().startsWith("landmark 48"), vm.galleryProperty().get(0).settings().target());
        assertEquals(0.2, vm.galleryProperty().get(0).settings().others(), 1e-9);
        assertTrue(vm.galleryProperty().get(0).settings().describe().contains("others 0.20"), vm.galleryProperty().get(0).settings().describe());
        double[] after = vm.resultLandmarksProperty().get();
        assertEquals(136, after == null ? 0 : after.length, "the net's points on the result");
        assertTrue(ringPixels(FxPixels.of(canvas)) > 30, "the result's points drawn as rings");
        // the next drag moves the result's face (re-cut from the edited photo), with a way back to the original
        assertTrue(vm.continuingProperty().get(), "the next move builds on the result");
        assertFalse(java.util.Arrays.equals(p, vm.landmarksProperty().get()), "the dots are the result's face's");
        assertEquals(-1, vm.dragPointProperty().get(), "the move done is not asked again");
        assertTrue(enabled(robot, "#landmark-original"));
        // a press away from every dot drags nothing and starts nothing
        robot.drag(canvas.localToScreen(l.x() + 2, l.y() + 2), MouseButton.PRIMARY).moveBy(30, 30).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(-1, vm.dragPointProperty().get());
        assertEquals(State.DONE, vm.getState());
        assertEquals(1, vm.galleryProperty().size());
        robot.clickOn("#landmark-original");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> !vm.continuingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(p, vm.landmarksProperty().get(), 1e-9, "the original face's points again");
        assertFalse(enabled(robot, "#landmark-original"));
    }

    @Test
    void aShiftDragMovesTheDraggedPointsWholeFeatureGroupByTheDrag(FxRobot robot) throws Exception {
        PictureRenderer.Layout l = landmarkFace(robot, 2);
        javafx.scene.control.CheckBox group = robot.lookup("#landmark-group").queryAs(javafx.scene.control.CheckBox.class);
        assertFalse(group.isSelected(), "a drag moves one point unless asked");
        Canvas canvas = robot.lookup("#inversion-canvas").queryAs(Canvas.class);
        double[] p = vm.landmarksProperty().get();
        // point 19, the middle of the right brow (the person's own right), dragged up with Shift held
        javafx.geometry.Point2D at = canvas.localToScreen(l.x() + p[38] * l.pixel(), l.y() + p[39] * l.pixel());
        robot.press(javafx.scene.input.KeyCode.SHIFT);
        try {
            robot.drag(at, MouseButton.PRIMARY).moveBy(6, -16).drop();
        } finally {
            robot.release(javafx.scene.input.KeyCode.SHIFT);
        }
        WaitForAsyncUtils.waitFor(240, SECONDS, () -> vm.getState() == State.DONE || vm.getState() == State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertTrue(group.isSelected(), "Shift ticked \"Move its group\"");
        InversionViewModel.Settings s = vm.galleryProperty().get(0).settings();
        assertTrue(s.target().startsWith("landmark 19 with its group (right_brow) by ("), s.target());
        double perCanvas = vm.photoPixelsPerPicturePixelProperty().get() / l.pixel();
        double[] w = s.weights();
        for (int k = 0; k < 68; k++) {
            if (k >= 17 && k <= 21) {
                assertEquals(6 * perCanvas, w[2 * k], 0.2, "every point of the brow moves by the drag: " + k);
                assertEquals(-16 * perCanvas, w[2 * k + 1], 0.2, "every point of the brow moves by the drag: " + k);
            } else {
                assertArrayEquals(new double[2], new double[]{w[2 * k], w[2 * k + 1]}, 0, "outside the brow nothing moves: " + k);
            }
        }
    }

    /** The landmark net's start face on the canvas, runs of {@code steps}; where its picture lies on the canvas. */
    private PictureRenderer.Layout landmarkFace(FxRobot robot, int steps) throws Exception {
        robot.interact(() -> {
            vm.modelProperty().set(InversionViewModel.LANDMARKS_MODEL);
            vm.objectiveProperty().set(Technique.LANDMARKS);
        });
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.landmarksProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> vm.stepsProperty().set(steps));
        Canvas canvas = robot.lookup("#inversion-canvas").queryAs(Canvas.class);
        return PictureRenderer.layout(canvas.getWidth(), canvas.getHeight(), vm.originalProperty().get().width(),
                vm.originalProperty().get().height());
    }

    /** Pixels in the overlay's ring green (#39ff88), which a face does not have. */
    private static long ringPixels(int[] argb) {
        long n = 0;
        for (int c : argb) {
            int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
            if (g > 200 && r < 110 && b > 90 && b < 190) n++;
        }
        return n;
    }

    @Test
    void cancelStopsARunningInversion(FxRobot robot) throws Exception {
        robot.interact(() -> vm.stepsProperty().set(1000));
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> vm.stepProperty().get() >= 2);
        assertFalse(enabled(robot, "#start"), "one run at a time");
        robot.clickOn("#cancel");
        WaitForAsyncUtils.waitFor(30, SECONDS, () -> vm.getState() != State.RUNNING);
        assertEquals(State.CANCELLED, vm.getState());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.stepProperty().get() < 1000);
        assertTrue(vm.galleryProperty().isEmpty());
        assertTrue(enabled(robot, "#start"));
        assertFalse(enabled(robot, "#cancel"));
        assertTrue(robot.lookup("#inversion-status").queryAs(Labeled.class).getText().startsWith("Cancelled at step"));
    }
}
