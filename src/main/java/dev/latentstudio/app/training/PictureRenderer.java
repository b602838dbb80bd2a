package dev.latentstudio.app.training;

import dev.latentstudio.app.training.TrainingViewModel.Picture;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Draws one picture (the training preview grid) as large as fits, centred, with sharp pixels. */
public final class PictureRenderer {
    private static final Color HINT = Color.web("#6e7681");
    private final String empty;
    private WritableImage image;

    /** @param empty the line shown while there is no picture */
    public PictureRenderer(String empty) {
        this.empty = empty;
    }

    public void setPicture(Picture p) {
        if (p == null) {
            image = null;
            return;
        }
        image = new WritableImage(p.width(), p.height());
        image.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
    }

    public void draw(GraphicsContext gc, double width, double height) {
        gc.clearRect(0, 0, width, height);
        if (image == null) {
            gc.setFill(HINT);
            gc.setFont(Font.font(12));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(empty, width / 2, height / 2);
            return;
        }
        double scale = Math.min(width / image.getWidth(), height / image.getHeight());
        if (scale >= 1) scale = Math.floor(scale); // whole pixels stay square
        double w = image.getWidth() * scale, h = image.getHeight() * scale;
        gc.setImageSmoothing(false);
        gc.drawImage(image, Math.floor((width - w) / 2), Math.floor((height - h) / 2), w, h);
    }
}
