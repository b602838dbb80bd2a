package dev.latentstudio.engine.face;

import java.util.List;

/**
 * A similarity transform (rotation, uniform scale, shift): (x, y) ↦ (a·x − b·y + tx, b·x + a·y + ty),
 * where a = s·cos θ and b = s·sin θ. Aligning a face needs no more: it keeps the face's proportions.
 */
public record Similarity(double a, double b, double tx, double ty) {

    public static Similarity of(double scale, double angleRadians, double tx, double ty) {
        return new Similarity(scale * Math.cos(angleRadians), scale * Math.sin(angleRadians), tx, ty);
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    public double angle() {
        return Math.atan2(b, a);
    }

    public Point2 apply(Point2 p) {
        return new Point2(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
    }

    public Similarity inverse() {
        double d = a * a + b * b;
        double ia = a / d;
        double ib = -b / d;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /** Where the pixel corners of a w×h picture go: {min x, min y, max x, max y} of the four mapped corners. */
    public double[] bounds(int w, int h) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Point2 c : new Point2[]{new Point2(0, 0), new Point2(w - 1, 0), new Point2(0, h - 1), new Point2(w - 1, h - 1)}) {
            Point2 p = apply(c);
            b[0] = Math.min(b[0], p.x());
            b[1] = Math.min(b[1], p.y());
            b[2] = Math.max(b[2], p.x());
            b[3] = Math.max(b[3], p.y());
        }
        return b;
    }

    /** The 2×3 matrix, row by row, as OpenCV's warpAffine takes it. */
    public double[] matrix() {
        return new double[] {a, -b, tx, b, a, ty};
    }

    /**
     * The similarity that maps {@code from} onto {@code to} with the least summed squared error (closed form:
     * with both point sets centred, a = Σ(p·q)/Σ|p|², b = Σ(p×q)/Σ|p|², then the shift matches the centroids).
     */
    public static Similarity fit(List<Point2> from, List<Point2> to) {
        if (from.size() != to.size()) {
            throw new IllegalArgumentException(from.size() + " source points but " + to.size() + " target points");
        }
        if (from.size() < 2) throw new IllegalArgumentException("need at least 2 point pairs, got " + from.size());
        int n = from.size();
        double fx = 0, fy = 0, gx = 0, gy = 0;
        for (int i = 0; i < n; i++) {
            fx += from.get(i).x();
            fy += from.get(i).y();
            gx += to.get(i).x();
            gy += to.get(i).y();
        }
        fx /= n;
        fy /= n;
        gx /= n;
        gy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from.get(i).x() - fx;
            double py = from.get(i).y() - fy;
            double qx = to.get(i).x() - gx;
            double qy = to.get(i).y() - gy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm < 1e-12) throw new IllegalArgumentException("the source points all coincide; no transform can be fitted");
        double a = dot / norm;
        double b = cross / norm;
        return new Similarity(a, b, gx - (a * fx - b * fy), gy - (b * fx + a * fy));
    }
}
