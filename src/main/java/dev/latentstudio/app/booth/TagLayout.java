package dev.latentstudio.app.booth;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the booth's face labels go: each as near its face as it can be while inside the canvas, clear of the
 * labels placed before it and of the other faces' boxes (a name at the right edge moves left; the labels of two
 * faces side by side move apart).
 */
final class TagLayout {
    private TagLayout() {
    }

    /** A box on the canvas and the face it belongs to. */
    record Box(double x, double y, double w, double h, int face) {
        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }
    }

    /** A label wanted at {@code at}; {@code up}: above its face, nudged upwards (else below, nudged down). */
    record Tag(Box at, boolean up) {
    }

    /** The labels' boxes, in order, moved inside a width × height canvas and off one another and the other faces. */
    static List<Box> place(List<Tag> wanted, List<Box> faces, double width, double height) {
        List<Box> placed = new ArrayList<>(wanted.size());
        for (Tag t : wanted) {
            Box b = t.at();
            Box own = faces.stream().filter(f -> f.face() == b.face()).findFirst().orElse(b);
            // left-aligned with the face, then right-aligned with it; the wanted row, then rows away from the face
            double[] xs = {clamp(b.x(), 0, width - b.w()), clamp(own.x() + own.w() - b.w(), 0, width - b.w())};
            Box best = null;
            for (int dir : new int[]{t.up() ? -1 : 1, t.up() ? 1 : -1}) {
                for (int k = 0; k < 12 && best == null; k++) {
                    double y = b.y() + dir * k * (b.h() + 2);
                    if (y < 0 || y + b.h() > height) break;
                    for (double x : xs) {
                        Box c = new Box(x, y, b.w(), b.h(), b.face());
                        if (best == null && free(c, placed, faces)) best = c;
                    }
                }
                if (best != null) break;
            }
            // too crowded for every label to be clear: inside the canvas at least
            placed.add(best != null ? best : new Box(xs[0], clamp(b.y(), 0, height - b.h()), b.w(), b.h(), b.face()));
        }
        return placed;
    }

    private static boolean free(Box c, List<Box> placed, List<Box> faces) {
        for (Box p : placed) if (c.overlaps(p)) return false;
        for (Box f : faces) if (f.face() != c.face() && c.overlaps(f)) return false;
        return true;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(Math.max(lo, hi), v));
    }
}
