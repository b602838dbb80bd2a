package dev.latentstudio.app.latentlab;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the map of z-space: each point as its own small picture at its projected position, picks
 * framed in the accent colour, the selected point larger. Converts between canvas and map units.
 */
public final class MapRenderer {
    static final double THUMB = 30;
    private static final double MARGIN = THUMB / 2 + 6;
    private final Color accent = Color.web("#58a6ff");
    private final Map<int[], WritableImage> cache = new IdentityHashMap<>();

    /** Where a map x is drawn; a point beyond the view is held at its edge. */
    public double toCanvasX(MapViewModel.Bounds b, double x, double width) {
        return clamp(MARGIN + (x - b.minX()) / (b.maxX() - b.minX()) * (width - 2 * MARGIN), MARGIN, width - MARGIN);
    }

    public double toCanvasY(MapViewModel.Bounds b, double y, double height) {
        return clamp(height - MARGIN - (y - b.minY()) / (b.maxY() - b.minY()) * (height - 2 * MARGIN), MARGIN, height - MARGIN);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** "PC1 · 7% of variance": an axis's name and the share of the points' variance it shows. */
    static String axisLabel(int axis, double explained) {
        return "PC" + axis + (Double.isNaN(explained) ? "" : String.format(java.util.Locale.ROOT, " · %.0f%% of variance", 100 * explained));
    }

    public double toMapX(MapViewModel.Bounds b, double cx, double width) {
        return b.minX() + (cx - MARGIN) / (width - 2 * MARGIN) * (b.maxX() - b.minX());
    }

    public double toMapY(MapViewModel.Bounds b, double cy, double height) {
        return b.minY() + (height - MARGIN - cy) / (height - 2 * MARGIN) * (b.maxY() - b.minY());
    }

    /** The topmost point under a canvas position (picks and the selection are drawn last, so they win), or -1. */
    public int pointAt(List<MapViewModel.Point> points, MapViewModel.Bounds b, int selected, double cx, double cy, double w, double h) {
        if (b == null) return -1;
        if (selected >= 0 && selected < points.size() && hit(points.get(selected), b, cx, cy, w, h, THUMB * 1.6)) return selected;
        for (int i = points.size() - 1; i >= 0; i--) if (hit(points.get(i), b, cx, cy, w, h, THUMB)) return i;
        return -1;
    }

    private boolean hit(MapViewModel.Point p, MapViewModel.Bounds b, double cx, double cy, double w, double h, double size) {
        return Math.abs(cx - toCanvasX(b, p.x(), w)) <= size / 2 && Math.abs(cy - toCanvasY(b, p.y(), h)) <= size / 2;
    }

    public void draw(GraphicsContext gc, double w, double h, List<MapViewModel.Point> points, MapViewModel.Bounds b, int selected) {
        gc.setFill(Color.web("#0d1117"));
        gc.fillRect(0, 0, w, h);
        if (b == null || w < 2 * MARGIN || h < 2 * MARGIN) return;
        // the axes through the mean of the points: the two principal directions
        gc.setStroke(Color.web("#30363d"));
        gc.setLineWidth(1);
        double ox = toCanvasX(b, 0, w), oy = toCanvasY(b, 0, h);
        gc.strokeLine(MARGIN, oy, w - MARGIN, oy);
        gc.strokeLine(ox, MARGIN, ox, h - MARGIN);
        gc.setFill(Color.web("#8b949e"));
        gc.setFont(javafx.scene.text.Font.font(11));
        gc.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
        gc.setTextBaseline(javafx.geometry.VPos.BOTTOM);
        gc.fillText(axisLabel(1, b.explainedX()) + " →", w - 4, h - 2);
        gc.save(); // the vertical axis's name runs up its left edge
        gc.translate(12, MARGIN);
        gc.rotate(-90);
        gc.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
        gc.setTextBaseline(javafx.geometry.VPos.CENTER);
        gc.fillText(axisLabel(2, b.explainedY()) + " →", 0, 0);
        gc.restore();
        gc.setImageSmoothing(false);
        for (int pass = 0; pass < 2; pass++) { // samples first, picks on top
            for (int i = 0; i < points.size(); i++) {
                MapViewModel.Point p = points.get(i);
                if (p.pick() != (pass == 1) || i == selected) continue;
                drawPoint(gc, p, b, w, h, THUMB, p.pick() ? accent : Color.web("#484f58"));
            }
        }
        if (selected >= 0 && selected < points.size()) {
            drawPoint(gc, points.get(selected), b, w, h, THUMB * 1.6, Color.web("#f0883e"));
        }
        // forget pictures no point shows any more (a drag replaces one every frame)
        java.util.Set<int[]> shown = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (MapViewModel.Point p : points) shown.add(p.argb());
        cache.keySet().retainAll(shown);
    }

    private void drawPoint(GraphicsContext gc, MapViewModel.Point p, MapViewModel.Bounds b, double w, double h, double size, Color frame) {
        double x = toCanvasX(b, p.x(), w) - size / 2, y = toCanvasY(b, p.y(), h) - size / 2;
        gc.setStroke(frame);
        gc.setLineWidth(2);
        gc.strokeRect(x - 1, y - 1, size + 2, size + 2);
        if (p.argb() == null) {
            gc.setFill(frame);
            gc.fillRect(x, y, size, size);
            return;
        }
        gc.drawImage(image(p), x, y, size, size);
    }

    private WritableImage image(MapViewModel.Point p) {
        return cache.computeIfAbsent(p.argb(), px -> {
            WritableImage img = new WritableImage(p.width(), p.height());
            img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), px, 0, p.width());
            return img;
        });
    }
}
