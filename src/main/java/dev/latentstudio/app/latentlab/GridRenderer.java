package dev.latentstudio.app.latentlab;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a grid of small ARGB tiles onto a canvas, each scaled up with nearest-neighbour sampling so
 * the generator's pixels stay sharp, centred in the space given; the clicked tile gets an accent frame
 * and every picked tile a numbered badge (its place among the picks).
 */
public final class GridRenderer {
    private static final double GAP = 6;
    private static final double FRAME = 3;

    private final int columns;
    private Color accent = Color.web("#58a6ff");
    private List<WritableImage> images = List.of();
    private List<String> captions = List.of();

    /** Where the grid sits in a canvas: top-left corner and the size of one tile, in canvas units. */
    record Layout(double x, double y, double cell, int columns, int rows) {
        double tileX(int i) {
            return x + (i % columns) * (cell + GAP);
        }

        double tileY(int i) {
            return y + (i / columns) * (cell + GAP);
        }
    }

    public GridRenderer(int columns) {
        if (columns < 1) throw new IllegalArgumentException("a grid needs at least one column, got " + columns);
        this.columns = columns;
    }

    public void setAccent(Color c) {
        accent = c;
    }

    /** The pictures to draw, or null for none. */
    public void setTiles(LatentLabViewModel.Tiles tiles) {
        if (tiles == null) {
            images = List.of();
            return;
        }
        List<WritableImage> out = new ArrayList<>(tiles.argb().size());
        for (int[] px : tiles.argb()) {
            WritableImage img = new WritableImage(tiles.width(), tiles.height());
            img.getPixelWriter().setPixels(0, 0, tiles.width(), tiles.height(), PixelFormat.getIntArgbInstance(),
                    px, 0, tiles.width());
            out.add(img);
        }
        images = out;
    }

    /** Words drawn on the first tiles (one per tile, in order), e.g. "A", "B", "A − B + C". */
    public void setCaptions(List<String> c) {
        captions = List.copyOf(c);
    }

    public int tileCount() {
        return images.size();
    }

    public void draw(GraphicsContext gc, double width, double height, int picked, int[] pickNumbers) {
        gc.clearRect(0, 0, width, height);
        Layout l = layout(width, height);
        if (l == null) return;
        gc.setImageSmoothing(false);
        for (int i = 0; i < images.size(); i++) {
            gc.drawImage(images.get(i), l.tileX(i), l.tileY(i), l.cell(), l.cell());
        }
        gc.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, Math.max(10, Math.min(14, l.cell() / 8))));
        gc.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        gc.setTextBaseline(javafx.geometry.VPos.BOTTOM);
        for (int i = 0; i < Math.min(images.size(), captions.size()); i++) {
            gc.setFill(Color.web("#0d1117", 0.7));
            double th = Math.max(10, Math.min(14, l.cell() / 8)) + 6;
            gc.fillRect(l.tileX(i), l.tileY(i) + l.cell() - th, l.cell(), th);
            gc.setFill(Color.WHITE);
            gc.fillText(captions.get(i), l.tileX(i) + 4, l.tileY(i) + l.cell() - 2);
        }
        if (pickNumbers != null) {
            double r = Math.max(7, Math.min(12, l.cell() / 6));
            gc.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, r * 1.2));
            gc.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            gc.setTextBaseline(javafx.geometry.VPos.CENTER);
            for (int i = 0; i < Math.min(images.size(), pickNumbers.length); i++) {
                if (pickNumbers[i] < 1) continue;
                double cx = l.tileX(i) + l.cell() - r - 2, cy = l.tileY(i) + r + 2;
                gc.setFill(accent);
                gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
                gc.setFill(Color.WHITE);
                gc.fillText(String.valueOf(pickNumbers[i]), cx, cy);
            }
        }
        if (picked >= 0 && picked < images.size()) {
            gc.setStroke(accent);
            gc.setLineWidth(FRAME);
            double o = FRAME / 2 + 1;
            gc.strokeRect(l.tileX(picked) - o, l.tileY(picked) - o, l.cell() + 2 * o, l.cell() + 2 * o);
        }
    }

    /** The tile under a point of the canvas, or -1 for none (a gap, the margin, or no tiles). */
    public int indexAt(double px, double py, double width, double height) {
        Layout l = layout(width, height);
        if (l == null) return -1;
        double pitch = l.cell() + GAP;
        int col = (int) Math.floor((px - l.x()) / pitch);
        int row = (int) Math.floor((py - l.y()) / pitch);
        if (col < 0 || row < 0 || col >= l.columns() || row >= l.rows()) return -1;
        if (px - l.tileX(col) > l.cell() || py - (l.y() + row * pitch) > l.cell()) return -1;
        int i = row * l.columns() + col;
        return i < images.size() ? i : -1;
    }

    Layout layout(double width, double height) {
        int n = images.size();
        if (n == 0) return null;
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        double margin = GAP + FRAME;
        double cell = Math.floor(Math.min((width - 2 * margin - (cols - 1) * GAP) / cols,
                (height - 2 * margin - (rows - 1) * GAP) / rows));
        if (cell < 1) return null;
        double gridW = cols * cell + (cols - 1) * GAP;
        double gridH = rows * cell + (rows - 1) * GAP;
        return new Layout(Math.floor((width - gridW) / 2), Math.floor((height - gridH) / 2), cell, cols, rows);
    }
}
