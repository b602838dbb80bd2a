package dev.latentstudio.app.common;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/**
 * Draws two curves on a canvas (D's and G's loss while training, the objective and the penalty of an
 * inversion): axes with a few labelled ticks (below zero too, when a value is negative), one line per
 * series (points not measured, NaN, are skipped, so a sparser curve joins its own measurements), and a
 * legend with the latest value of each.
 */
public final class LossChartRenderer {
    public static final Color D_COLOR = Color.web("#f0883e");
    public static final Color G_COLOR = Color.web("#58a6ff");
    private static final Color AXIS = Color.web("#6e7681");
    private static final Color TEXT = Color.web("#c9d1d9");
    private static final Font FONT = Font.font(11);
    private static final double LEFT = 44, RIGHT = 12, TOP = 26, BOTTOM = 24;
    private static final int TICKS = 4;

    private final String xLabel;
    private final String empty;
    private final String aName;
    private final String bName;

    /** D's loss (first value, orange) and G's loss (second, blue). */
    public LossChartRenderer(String xLabel, String empty) {
        this(xLabel, empty, "D loss", "G loss");
    }

    /**
     * @param xLabel what the x axis counts; @param empty the line shown before there are points; the series' legend names
     * ({@code bName} null for a chart of one curve: the second values are then all NaN and get no legend entry)
     */
    public LossChartRenderer(String xLabel, String empty, String aName, String bName) {
        this.xLabel = xLabel;
        this.empty = empty;
        this.aName = aName;
        this.bName = bName;
    }

    public void draw(GraphicsContext gc, double width, double height, List<LossPoint> points) {
        gc.clearRect(0, 0, width, height);
        gc.setFont(FONT);
        double pw = width - LEFT - RIGHT, ph = height - TOP - BOTTOM;
        if (pw < 20 || ph < 20) return;
        if (points.isEmpty()) {
            gc.setFill(AXIS);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            CanvasText.centred(gc, empty, width / 2, height / 2, width - 24);
            return;
        }
        double x0 = points.get(0).x(), x1 = points.get(points.size() - 1).x();
        if (x1 <= x0) x1 = x0 + 1;
        double yMax = 0, yMin = 0;
        for (LossPoint p : points) {
            yMax = Math.max(yMax, Math.max(finite(p.a()), finite(p.b())));
            yMin = Math.min(yMin, Math.min(finite(p.a()), finite(p.b())));
        }
        double[] axis = axis(yMin, yMax);
        Frame f = new Frame(LEFT, TOP, pw, ph, x0, x1, axis[0], axis[1], axis[2]);

        axes(gc, f);
        curve(gc, f, points, true, D_COLOR);
        curve(gc, f, points, false, G_COLOR);
        legend(gc, width, points);
    }

    private record Frame(double left, double top, double w, double h, double x0, double x1, double yMin, double yMax, double yStep) {
        double px(double x) {
            return left + (x - x0) / (x1 - x0) * w;
        }

        double py(double y) {
            return top + h - (Math.max(yMin, Math.min(y, yMax)) - yMin) / (yMax - yMin) * h;
        }
    }

    private void axes(GraphicsContext gc, Frame f) {
        gc.setStroke(AXIS);
        gc.setLineWidth(1);
        gc.strokeLine(f.left(), f.top(), f.left(), f.top() + f.h());
        gc.strokeLine(f.left(), f.top() + f.h(), f.left() + f.w(), f.top() + f.h());
        gc.setFill(TEXT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        int ticks = (int) Math.round((f.yMax() - f.yMin()) / f.yStep());
        for (int i = 0; i <= ticks; i++) {
            double v = f.yMin() + f.yStep() * i;
            double y = f.py(v);
            gc.setStroke(AXIS.deriveColor(0, 1, 1, 0.35));
            if (i > 0) gc.strokeLine(f.left(), y, f.left() + f.w(), y);
            gc.fillText(tick(v), f.left() - 6, y);
        }
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(String.format(Locale.ROOT, "%.0f", f.x0()), f.left(), f.top() + f.h() + 5);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(String.format(Locale.ROOT, "%.0f", f.x1()), f.left() + f.w(), f.top() + f.h() + 5);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.fillText(xLabel, f.left() + f.w() / 2, f.top() + f.h() + 5);
    }

    private static void curve(GraphicsContext gc, Frame f, List<LossPoint> points, boolean d, Color c) {
        gc.setStroke(c);
        gc.setFill(c);
        gc.setLineWidth(2);
        gc.beginPath();
        boolean started = false;
        int drawn = 0;
        double lx = 0, ly = 0;
        for (LossPoint p : points) {
            double v = d ? p.a() : p.b();
            if (!Double.isFinite(v)) continue;
            lx = f.px(p.x());
            ly = f.py(v);
            if (started) gc.lineTo(lx, ly);
            else gc.moveTo(lx, ly);
            started = true;
            drawn++;
        }
        gc.stroke();
        if (drawn == 1) gc.fillOval(lx - 3, ly - 3, 6, 6); // a single measurement is a dot, not nothing
    }

    private void legend(GraphicsContext gc, double width, List<LossPoint> points) {
        double d = Double.NaN, g = Double.NaN;
        for (LossPoint p : points) {
            if (Double.isFinite(p.a())) d = p.a();
            if (Double.isFinite(p.b())) g = p.b();
        }
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        double x = bName == null ? width - RIGHT - 20 - 6.5 * (aName.length() + 7) // one entry: "name 0.123"
                : width - RIGHT - 250 - 6.5 * (aName.length() + bName.length() - 12);
        x = Math.max(LEFT, x);
        x = entry(gc, x, aName + " " + value(d), D_COLOR);
        if (bName != null) entry(gc, x + 16, bName + " " + value(g), G_COLOR);
    }

    private static double entry(GraphicsContext gc, double x, String text, Color c) {
        gc.setFill(c);
        gc.fillRect(x, TOP / 2 - 2, 14, 4);
        gc.setFill(TEXT);
        gc.fillText(text, x + 20, TOP / 2);
        return x + 20 + text.length() * 6.5;
    }

    /**
     * The y axis for values in [min, max] (min ≤ 0 ≤ max): {bottom, top, tick step}. Without negatives it
     * runs from 0 to a round top in {@value #TICKS} steps; with them, a round step and both ends on
     * whole steps, so zero is a tick.
     */
    public static double[] axis(double min, double max) {
        if (!(min < 0)) {
            double top = niceCeiling(max);
            return new double[]{0, top, top / TICKS};
        }
        double step = niceCeiling((max - min) / TICKS);
        return new double[]{Math.floor(min / step) * step, Math.max(step, Math.ceil(max / step) * step), step};
    }

    /** A tick value with at most two decimals and no trailing zeros: 1.25, 2.5, 5. */
    public static String tick(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public static String value(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above v, so tick labels are round numbers. */
    public static double niceCeiling(double v) {
        if (!(v > 0)) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) if (m * mag >= v) return m * mag;
        return 10 * mag;
    }
}
