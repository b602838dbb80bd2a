package dev.latentstudio.app.latentlab;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;

/** A canvas that fills its pane and redraws itself when resized (a plain Canvas has no layout size of its own). */
final class CanvasPane extends Pane {
    final Canvas canvas = new Canvas();
    private Runnable redraw = () -> { };

    CanvasPane(String id) {
        canvas.setId(id);
        getChildren().add(canvas);
        setMinSize(0, 0);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw.run());
        canvas.heightProperty().addListener(o -> redraw.run());
    }

    /** What to draw; run now and on every resize. */
    CanvasPane onRedraw(Runnable r) {
        redraw = r;
        r.run();
        return this;
    }

    void redraw() {
        redraw.run();
    }
}
