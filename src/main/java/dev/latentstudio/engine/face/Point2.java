package dev.latentstudio.engine.face;

/** A point in pixel coordinates (x right, y down; OpenCV's convention: pixel centres at whole numbers). */
public record Point2(double x, double y) {
    public double distance(Point2 o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
