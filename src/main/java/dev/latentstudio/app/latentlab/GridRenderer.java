package dev.latentstudio.app.latentlab;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a grid of small ARGB tiles onto a canvas, each scaled up with nearest-neighbour sampling so
 * the generator's pixels stay sharp, centred in the space given; the picked tile gets an accent frame.
 */
public final class GridRenderer {
    private static final double GAP = 6;
    private static final double FRAME = 3;

    private final int columns;
    private Color accent = Color.web("#58a6ff");
    private List<WritableImage> images = List.of();

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

    public int tileCount() {
        return images.size();
    }

    public void draw(GraphicsContext gc, double width, double height, int picked) {
        gc.clearRect(0, 0, width, height);
        Layout l = layout(width, height);
        if (l == null) return;
        gc.setImageSmoothing(false);
        for (int i = 0; i < images.size(); i++) {
            gc.drawImage(images.get(i), l.tileX(i), l.tileY(i), l.cell(), l.cell());
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
