package dev.latentstudio.app.common;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/** Text on a canvas that keeps inside it: a hint in a narrow canvas is broken into lines rather than cut at the edges. */
public final class CanvasText {
    private CanvasText() {
    }

    /** Width of a line in a font, as the canvas draws it. */
    public static double width(String s, Font f) {
        Text t = new Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    /** Words into lines no wider than {@code max} (a single word longer than that stays whole on its line). */
    public static List<String> lines(String text, Font f, double max) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(tried, f) > max) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(tried);
            }
        }
        if (!line.isEmpty()) out.add(line.toString());
        return out;
    }

    /**
     * Draws a hint centred at (cx, cy) in the canvas's current fill and font (text align CENTER, baseline CENTER),
     * broken into lines that fit {@code max} wide.
     */
    public static void centred(GraphicsContext gc, String text, double cx, double cy, double max) {
        List<String> lines = lines(text, gc.getFont(), Math.max(40, max));
        double step = gc.getFont().getSize() * 1.35;
        double y = cy - step * (lines.size() - 1) / 2;
        for (String l : lines) {
            gc.fillText(l, cx, y);
            y += step;
        }
    }
}
