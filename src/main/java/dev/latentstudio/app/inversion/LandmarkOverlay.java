package dev.latentstudio.app.inversion;

import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.engine.invert.LandmarkMoves;
import dev.latentstudio.engine.invert.Technique;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

/**
 * The landmark net's face on the Inversion Lab's canvas: its 68 landmarks as dots, the net's points on the result as
 * hollow rings beside them, the dragged one's move as an arrow, and the mouse drag that sets it (let go, it starts the
 * run: {@link InversionViewModel#landmarkDropped}). A press near a dot picks it; the drag's offset goes from canvas units to the
 * picture's pixels through {@link PictureRenderer#layout} (the canvas's scale and letterbox), then to photo pixels
 * ({@link InversionViewModel#photoPixelsPerPicturePixelProperty}), and on to {@link InversionViewModel#dragLandmark}. A
 * press with Shift held makes the drag move the point's whole feature group ({@link InversionViewModel#dragGroupProperty}).
 */
final class LandmarkOverlay {
    /** How near a dot a press must land, in canvas units. */
    static final double GRAB = 8;
    private static final Color DOT = Color.web("#ffffff", 0.85), RIM = Color.web("#000000", 0.6), PICKED = Color.web("#ff9f1c"),
            RESULT = Color.web("#39ff88");
    private final InversionViewModel vm;
    private Canvas canvas;
    private int width, height; // the picture shown on the canvas (0 for none)
    private int pressed = -1;
    private double pressX, pressY;

    LandmarkOverlay(InversionViewModel vm) {
        this.vm = vm;
    }

    /** Whether the Lab is on a landmark move and knows the start face's points. */
    boolean active() {
        return InversionViewModel.LANDMARKS_MODEL.equals(vm.modelProperty().get()) && vm.objectiveProperty().get() == Technique.LANDMARKS
                && vm.landmarksProperty().get() != null;
    }

    /** The picture now on the canvas (the points are drawn on a picture of the start face's size only). */
    void picture(Picture p) {
        width = p == null ? 0 : p.width();
        height = p == null ? 0 : p.height();
    }

    private boolean shown() {
        Picture start = vm.originalProperty().get();
        return active() && canvas != null && start != null && width == start.width() && height == start.height();
    }

    private PictureRenderer.Layout layout() {
        return PictureRenderer.layout(canvas.getWidth(), canvas.getHeight(), width, height);
    }

    void draw(GraphicsContext gc, double w, double h) {
        if (!shown()) return;
        PictureRenderer.Layout l = layout();
        double[] p = vm.landmarksProperty().get();
        int k = InversionViewModel.POINT_MOVE.equals(vm.moveProperty().get()) ? vm.dragPointProperty().get() : -1;
        int partner = k >= 0 && vm.dragMirroredProperty().get() ? LandmarkMoves.partner(k) : -1;
        // the points the drag moves, as the move itself reads them
        boolean[] moved = k < 0 ? new boolean[p.length / 2] : LandmarkMoves.moved(LandmarkMoves.plus(LandmarkMoves.none(), k, 1, 1,
                vm.dragMirroredProperty().get(), vm.dragGroupProperty().get()));
        gc.setLineWidth(1);
        for (int i = 0; i < p.length / 2; i++) {
            double x = l.x() + p[2 * i] * l.pixel(), y = l.y() + p[2 * i + 1] * l.pixel(), r = moved[i] ? 3.5 : 2.5;
            gc.setFill(moved[i] ? PICKED : DOT);
            gc.fillOval(x - r, y - r, 2 * r, 2 * r);
            gc.setStroke(RIM);
            gc.strokeOval(x - r, y - r, 2 * r, 2 * r);
        }
        double[] after = vm.resultLandmarksProperty().get();
        if (after != null) {
            gc.setStroke(RESULT);
            gc.setLineWidth(1.5);
            for (int i = 0; i < after.length / 2; i++) {
                double x = l.x() + after[2 * i] * l.pixel(), y = l.y() + after[2 * i + 1] * l.pixel();
                gc.strokeOval(x - 3.5, y - 3.5, 7, 7);
            }
        }
        if (k < 0 || (vm.dragDxProperty().get() == 0 && vm.dragDyProperty().get() == 0)) return;
        double toCanvas = l.pixel() / vm.photoPixelsPerPicturePixelProperty().get();
        double dx = vm.dragDxProperty().get() * toCanvas, dy = vm.dragDyProperty().get() * toCanvas;
        arrow(gc, l.x() + p[2 * k] * l.pixel(), l.y() + p[2 * k + 1] * l.pixel(), dx, dy);
        if (partner >= 0 && partner != k) arrow(gc, l.x() + p[2 * partner] * l.pixel(), l.y() + p[2 * partner + 1] * l.pixel(), -dx, dy);
    }

    private static void arrow(GraphicsContext gc, double x, double y, double dx, double dy) {
        double len = Math.hypot(dx, dy), ux = dx / len, uy = dy / len, head = Math.min(8, 0.5 * len + 3);
        double tx = x + dx, ty = y + dy;
        gc.setStroke(PICKED);
        gc.setLineWidth(2);
        gc.strokeLine(x, y, tx, ty);
        gc.strokeLine(tx, ty, tx - head * (ux - 0.5 * uy), ty - head * (uy + 0.5 * ux));
        gc.strokeLine(tx, ty, tx - head * (ux + 0.5 * uy), ty - head * (uy - 0.5 * ux));
    }

    /** Presses, drags and releases on {@code c} move a landmark; a dot under the pointer shows a hand. */
    void attach(Canvas c) {
        canvas = c;
        c.addEventHandler(MouseEvent.MOUSE_MOVED, e -> c.setCursor(shown() && under(e) >= 0 ? Cursor.HAND : null));
        c.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (!shown() || vm.runningProperty().get()) return;
            int k = under(e);
            if (k < 0) return;
            pressed = k;
            if (e.isShiftDown()) vm.dragGroupProperty().set(true); // Shift-drag: the whole group
            pressX = e.getX();
            pressY = e.getY();
            vm.dragLandmark(k, 0, 0);
            e.consume();
        });
        c.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> dragTo(e, false));
        c.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragTo(e, true));
    }

    private int under(MouseEvent e) {
        PictureRenderer.Layout l = layout();
        return vm.nearestLandmark((e.getX() - l.x()) / l.pixel(), (e.getY() - l.y()) / l.pixel(), GRAB / l.pixel());
    }

    private void dragTo(MouseEvent e, boolean released) {
        if (pressed < 0) return;
        if (shown()) {
            double perCanvas = vm.photoPixelsPerPicturePixelProperty().get() / layout().pixel();
            vm.dragLandmark(pressed, tenth((e.getX() - pressX) * perCanvas), tenth((e.getY() - pressY) * perCanvas));
        }
        e.consume();
        if (!released) return;
        pressed = -1;
        vm.landmarkDropped();
    }

    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
