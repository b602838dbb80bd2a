package dev.latentstudio.engine.face;

import java.util.List;

/**
 * The 68 face landmarks in iBUG 300-W order (as dlib and face-api's landmark nets give them): jaw 0–16,
 * brows 17–26, nose 27–35, eyes 36–41 and 42–47, mouth 48–67. "Left" and "right" are as seen in the picture:
 * points 36–41 are the eye on the picture's left (the person's right eye).
 */
public record Landmarks68(List<Point2> points) {
    public static final int COUNT = 68;

    public Landmarks68 {
        if (points.size() != COUNT) {
            throw new IllegalArgumentException("need " + COUNT + " landmarks, got " + points.size());
        }
        for (int i = 0; i < COUNT; i++) {
            Point2 p = points.get(i);
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                throw new IllegalArgumentException("landmark " + i + " is not a finite point: " + p);
            }
        }
        points = List.copyOf(points);
    }

    /** From x0, y0, x1, y1, … as landmark networks output them. */
    public static Landmarks68 interleaved(float[] xy) {
        if (xy.length != 2 * COUNT) {
            throw new IllegalArgumentException("need " + 2 * COUNT + " coordinates (x, y per landmark), got " + xy.length);
        }
        Point2[] p = new Point2[COUNT];
        for (int i = 0; i < COUNT; i++) p[i] = new Point2(xy[2 * i], xy[2 * i + 1]);
        return new Landmarks68(List.of(p));
    }

    public Point2 get(int i) {
        return points.get(i);
    }

    /** Centre of the eye on the picture's left, points 36–41. */
    public Point2 leftEye() {
        return mean(36, 42);
    }

    /** Centre of the eye on the picture's right, points 42–47. */
    public Point2 rightEye() {
        return mean(42, 48);
    }

    /** Centre of the mouth, points 48–67 (outer and inner lips). */
    public Point2 mouth() {
        return mean(48, 68);
    }

    private Point2 mean(int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += points.get(i).x();
            y += points.get(i).y();
        }
        return new Point2(x / (to - from), y / (to - from));
    }
}
