package dev.latentstudio.engine.face;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Histograms of oriented gradients, the first step of the classic face detector, drawn for students:
 * the picture's brightness gradients, summed per cell into orientation histograms, shown as a glyph per cell
 * whose strokes run along the edges (perpendicular to the gradient), longer and brighter for stronger bins.
 * Orientations are unsigned (0–180°, dark-to-light and light-to-dark edges alike), as in Dalal &amp; Triggs.
 */
public final class Hog {
    public static final int DEFAULT_CELL = 8;
    public static final int DEFAULT_BINS = 9;
    public static final int DEFAULT_GLYPH = 16;
    /** Lengths are scaled to this percentile of the non-zero bins, so one very strong edge does not blank the rest. */
    private static final double SCALE_PERCENTILE = 0.99;

    private Hog() {
    }

    /**
     * Per-cell histograms: {@code values[(row * cols + col) * bins + bin]}, the gradient magnitude that voted for
     * orientation bin {@code bin}. Bin b is centred on b·180°/bins of gradient direction; 0° is a horizontal
     * gradient (so a vertical edge), 90° a vertical one.
     */
    public record Cells(int cols, int rows, int cellSize, int bins, float[] values) {
        public float value(int col, int row, int bin) {
            return values[(row * cols + col) * bins + bin];
        }

        /** The gradient direction bin b stands for, in degrees. */
        public double binDegrees(int bin) {
            return bin * 180.0 / bins;
        }

        /**
         * A cell's dominant gradient direction in degrees [0,180): the mean of its votes on the doubled-angle
         * circle (so 179° and 1° average to 0°, not 90°). NaN for a cell without gradient.
         */
        public double meanDegrees(int col, int row) {
            double s = 0;
            double c = 0;
            for (int b = 0; b < bins; b++) {
                double a = Math.toRadians(2 * binDegrees(b));
                s += value(col, row, b) * Math.sin(a);
                c += value(col, row, b) * Math.cos(a);
            }
            if (s == 0 && c == 0) return Double.NaN;
            double deg = Math.toDegrees(Math.atan2(s, c)) / 2;
            return deg < 0 ? deg + 180 : deg;
        }

        public float total(int col, int row) {
            float t = 0;
            for (int b = 0; b < bins; b++) t += value(col, row, b);
            return t;
        }
    }

    /** Histograms of the whole cells that fit in the picture (a ragged right or bottom strip is left out). */
    public static Cells histograms(BufferedImage img, int cellSize, int bins) {
        if (cellSize < 2 || bins < 2) {
            throw new IllegalArgumentException("need a cell of at least 2 pixels and at least 2 bins, got " + cellSize + ", " + bins);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int cols = w / cellSize;
        int rows = h / cellSize;
        if (cols == 0 || rows == 0) {
            throw new IllegalArgumentException("a " + w + "x" + h + " picture holds no " + cellSize + "x" + cellSize + " cell");
        }
        float[] grey = luminance(img);
        float[] values = new float[cols * rows * bins];
        double binWidth = Math.PI / bins;
        for (int y = 0; y < rows * cellSize; y++) {
            int up = Math.max(0, y - 1) * w;
            int down = Math.min(h - 1, y + 1) * w;
            int row = y * w;
            for (int x = 0; x < cols * cellSize; x++) {
                // centred differences, clamped at the border so a flat picture has no gradient anywhere
                float gx = grey[row + Math.min(w - 1, x + 1)] - grey[row + Math.max(0, x - 1)];
                float gy = grey[down + x] - grey[up + x];
                float mag = (float) Math.sqrt(gx * gx + gy * gy);
                if (mag == 0) continue;
                double theta = Math.atan2(gy, gx);
                if (theta < 0) theta += Math.PI;
                // split the vote between the two nearest bin centres, so a small turn changes the histogram smoothly
                double pos = theta / binWidth;
                int lo = (int) Math.floor(pos);
                double frac = pos - lo;
                int base = ((y / cellSize) * cols + x / cellSize) * bins;
                values[base + Math.floorMod(lo, bins)] += (float) (mag * (1 - frac));
                values[base + Math.floorMod(lo + 1, bins)] += (float) (mag * frac);
            }
        }
        return new Cells(cols, rows, cellSize, bins, values);
    }

    /** The HOG picture of a frame with the usual settings: 8-pixel cells, 9 bins, 16-pixel glyphs. */
    public static BufferedImage picture(BufferedImage img) {
        return picture(histograms(img, DEFAULT_CELL, DEFAULT_BINS), DEFAULT_GLYPH);
    }

    /** One glyph of {@code glyph}×{@code glyph} pixels per cell on black. */
    public static BufferedImage picture(Cells cells, int glyph) {
        if (glyph < 3) throw new IllegalArgumentException("glyphs need at least 3 pixels, got " + glyph);
        BufferedImage out = new BufferedImage(cells.cols() * glyph, cells.rows() * glyph, BufferedImage.TYPE_INT_RGB);
        float scale = scale(cells.values());
        if (scale == 0) return out;
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(Math.max(1f, glyph / 10f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double half = glyph / 2.0;
            for (int row = 0; row < cells.rows(); row++) {
                for (int col = 0; col < cells.cols(); col++) {
                    double cx = col * glyph + half;
                    double cy = row * glyph + half;
                    for (int b = 0; b < cells.bins(); b++) {
                        float v = Math.min(1f, cells.value(col, row, b) / scale);
                        if (v < 0.02f) continue;
                        // the stroke runs along the edge, at right angles to the gradient
                        double edge = Math.toRadians(cells.binDegrees(b)) + Math.PI / 2;
                        double dx = Math.cos(edge) * half * v;
                        double dy = Math.sin(edge) * half * v;
                        int level = Math.round(255 * v);
                        g.setColor(new Color(level, level, level));
                        g.draw(new Line2D.Double(cx - dx, cy - dy, cx + dx, cy + dy));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static float scale(float[] values) {
        float[] nonZero = new float[values.length];
        int n = 0;
        for (float v : values) if (v > 0) nonZero[n++] = v;
        if (n == 0) return 0;
        Arrays.sort(nonZero, 0, n);
        return nonZero[(int) Math.min(n - 1, Math.floor(SCALE_PERCENTILE * n))];
    }

    /** Rec. 601 luminance in 0..1. */
    private static float[] luminance(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] grey = new float[w * h];
        for (int i = 0; i < grey.length; i++) {
            int p = rgb[i];
            grey[i] = (0.299f * (p >> 16 & 0xFF) + 0.587f * (p >> 8 & 0xFF) + 0.114f * (p & 0xFF)) / 255f;
        }
        return grey;
    }
}
