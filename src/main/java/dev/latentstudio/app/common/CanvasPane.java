package dev.latentstudio.app.common;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/** A pane (a plain Canvas has no layout size of its own) whose canvas fills it and is redrawn by the given drawing whenever it is resized or {@link #redraw()} is called. */
public final class CanvasPane extends Pane {
    /** What to draw, given the canvas and its size. */
    public interface Drawing {
        void draw(GraphicsContext gc, double width, double height);
    }

    private final Canvas canvas = new Canvas();
    private final Drawing drawing;

    public CanvasPane(String id, Drawing drawing) {
        this.drawing = drawing;
        canvas.setId(id);
        getChildren().add(canvas);
        setMinSize(0, 0);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
    }

    public void redraw() {
        drawing.draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
    }

    public Canvas canvas() {
        return canvas;
    }
}
