package dev.latentstudio.app.latentlab;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Draws one generated picture as large as fits, centred, each generator pixel an integer-sized
 * square (nearest neighbour), so what the canvas shows is exactly the generator's output.
 */
public final class FrameRenderer {
    private WritableImage image;
    private int[] shown;

    /** Where the picture sits: top-left corner and the size of one generator pixel, in canvas units. */
    public record Layout(double x, double y, double pixel) {
    }

    public static Layout layout(double width, double height, int w, int h) {
        double px = Math.floor(Math.min(width / w, height / h));
        if (px < 1) px = Math.min(width / w, height / h);
        return new Layout(Math.floor((width - px * w) / 2), Math.floor((height - px * h) / 2), px);
    }

    public void draw(GraphicsContext gc, double width, double height, LiveFrames.Frame f) {
        gc.setFill(Color.web("#0d1117"));
        gc.fillRect(0, 0, width, height);
        if (f == null || width < 1 || height < 1) return;
        if (image == null || shown != f.argb() || image.getWidth() != f.width() || image.getHeight() != f.height()) {
            if (image == null || image.getWidth() != f.width() || image.getHeight() != f.height()) {
                image = new WritableImage(f.width(), f.height());
            }
            image.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getIntArgbInstance(), f.argb(), 0, f.width());
            shown = f.argb();
        }
        Layout l = layout(width, height, f.width(), f.height());
        gc.setImageSmoothing(false);
        gc.drawImage(image, l.x(), l.y(), l.pixel() * f.width(), l.pixel() * f.height());
    }
}
