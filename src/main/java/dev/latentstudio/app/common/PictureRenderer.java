package dev.latentstudio.app.common;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws one picture (a generated frame, a training preview grid) as large as fits, centred, each of
 * its pixels a whole number of canvas pixels (nearest neighbour), so the canvas shows exactly the
 * generator's output; a line of hint text while there is no picture.
 */
public final class PictureRenderer {
    private static final Color HINT = Color.web("#6e7681");
    private final String empty;
    private WritableImage image;

    /** Where the picture sits: top-left corner and the size of one of its pixels, in canvas units. */
    public record Layout(double x, double y, double pixel) {
    }

    /** @param empty the line shown while there is no picture ("" for none) */
    public PictureRenderer(String empty) {
        this.empty = empty;
    }

    public static Layout layout(double width, double height, int w, int h) {
        double scale = Math.min(width / w, height / h);
        if (scale >= 1) scale = Math.floor(scale); // whole pixels stay square
        return new Layout(Math.floor((width - w * scale) / 2), Math.floor((height - h * scale) / 2), scale);
    }

    /** The picture as opaque ARGB pixels, row by row; null for none. */
    public void setPicture(int[] argb, int w, int h) {
        if (argb == null) {
            image = null;
            return;
        }
        if (image == null || image.getWidth() != w || image.getHeight() != h) image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    }

    public void draw(GraphicsContext gc, double width, double height) {
        gc.clearRect(0, 0, width, height);
        if (image == null) {
            gc.setFill(HINT);
            gc.setFont(Font.font(12));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            CanvasText.centred(gc, empty, width / 2, height / 2, width - 24);
            return;
        }
        Layout l = layout(width, height, (int) image.getWidth(), (int) image.getHeight());
        gc.setImageSmoothing(false);
        gc.drawImage(image, l.x(), l.y(), image.getWidth() * l.pixel(), image.getHeight() * l.pixel());
    }
}
