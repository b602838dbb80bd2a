package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.OpenCv;
import dev.latentstudio.engine.face.Point2;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * The soft face mask in chip pixels: the convex hull of the jaw line and the brows (landmarks 0–26), filled, then
 * feathered by a Gaussian blur so that the paste-back fades into the photo instead of showing a seam. Values below
 * 1/255 become 0 and above 254/255 become 1: outside the mask the photo must stay exactly as it was.
 */
public final class FaceMask {
    /** The feather's standard deviation as a fraction of the chip's side (4.5 px on a 150 chip). */
    public static final double FEATHER = 0.03;

    private FaceMask() {
    }

    /** The mask [side·side] in 0..1, row by row, for the 68 landmarks already in chip pixels. */
    public static double[] of(List<Point2> chipLandmarks, int side) {
        if (chipLandmarks.size() < 27) throw new IllegalArgumentException("68 landmarks expected, got " + chipLandmarks.size());
        OpenCv.load();
        List<Point> outline = new ArrayList<>();
        for (int i = 0; i <= 26; i++) outline.add(new Point(chipLandmarks.get(i).x(), chipLandmarks.get(i).y()));
        MatOfPoint points = new MatOfPoint(outline.toArray(Point[]::new));
        org.opencv.core.MatOfInt hullIndex = new org.opencv.core.MatOfInt();
        Mat m = Mat.zeros(side, side, CvType.CV_32F);
        try {
            Imgproc.convexHull(points, hullIndex);
            int[] idx = hullIndex.toArray();
            Point[] hull = new Point[idx.length];
            for (int i = 0; i < idx.length; i++) hull[i] = outline.get(idx[i]);
            Imgproc.fillConvexPoly(m, new MatOfPoint(hull), new Scalar(1), Imgproc.LINE_AA, 0);
            double sigma = FEATHER * side;
            int k = 2 * (int) Math.ceil(3 * sigma) + 1;
            Imgproc.GaussianBlur(m, m, new Size(k, k), sigma);
            float[] v = new float[side * side];
            m.get(0, 0, v);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i] < 1 / 255.0 ? 0 : v[i] > 254 / 255.0 ? 1 : v[i];
            return out;
        } finally {
            points.release();
            hullIndex.release();
            m.release();
        }
    }
}
