package dev.latentstudio.app.training;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step mode's batches: small pictures in a grid, each with the discriminator's score P(real) under
 * it as a bar (red toward "fake", green toward "real") and the number, so one update's effect on
 * every image can be read off.
 */
public final class ScoredGridRenderer {
    private static final double GAP = 8;
    private static final double LABEL = 18;
    private static final Color TEXT = Color.web("#c9d1d9");
    private static final Color TRACK = Color.web("#30363d");
    private static final Color FAKE = Color.web("#f85149");
    private static final Color REAL = Color.web("#3fb950");
    private final int columns;
    private final String empty;
    private List<WritableImage> images = List.of();
    private float[] scores = new float[0];

    public ScoredGridRenderer(int columns, String empty) {
        this.columns = columns;
        this.empty = empty;
    }

    /** Pictures (ARGB, all width × height) and one score in [0, 1] per picture; null pictures clear. */
    public void set(List<int[]> argb, float[] scores, int width, int height) {
        if (argb == null) {
            images = List.of();
            this.scores = new float[0];
            return;
        }
        List<WritableImage> out = new ArrayList<>(argb.size());
        for (int[] px : argb) {
            WritableImage img = new WritableImage(width, height);
            img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), px, 0, width);
            out.add(img);
        }
        images = out;
        this.scores = scores.clone();
    }

    public void draw(GraphicsContext gc, double width, double height) {
        gc.clearRect(0, 0, width, height);
        gc.setFont(Font.font(11));
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        int n = images.size();
        if (n == 0) {
            gc.setFill(TEXT.deriveColor(0, 1, 0.6, 1));
            dev.latentstudio.app.common.CanvasText.centred(gc, empty, width / 2, height / 2, width - 24);
            return;
        }
        int cols = Math.min(columns, n), rows = (n + cols - 1) / cols;
        double cell = Math.floor(Math.min((width - (cols + 1) * GAP) / cols, (height - (rows + 1) * GAP) / rows - LABEL));
        if (cell < 4) return;
        double x0 = Math.floor((width - cols * cell - (cols - 1) * GAP) / 2);
        double y0 = Math.floor((height - rows * (cell + LABEL) - (rows - 1) * GAP) / 2);
        gc.setImageSmoothing(false);
        for (int i = 0; i < n; i++) {
            double x = x0 + (i % cols) * (cell + GAP), y = y0 + (i / cols) * (cell + LABEL + GAP);
            gc.drawImage(images.get(i), x, y, cell, cell);
            if (i < scores.length) score(gc, x, y + cell + 3, cell, scores[i]);
        }
    }

    private static void score(GraphicsContext gc, double x, double y, double w, float s) {
        double v = Float.isFinite(s) ? Math.max(0, Math.min(1, s)) : 0;
        gc.setFill(TRACK);
        gc.fillRect(x, y, w, 4);
        gc.setFill(FAKE.interpolate(REAL, v));
        gc.fillRect(x, y, w * v, 4);
        gc.setFill(TEXT);
        gc.fillText(String.format(Locale.ROOT, "%.2f", s), x + w / 2, y + 11);
    }
}
