package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class FaceAlignerTest {
    private final FaceAligner aligner = FaceAligner.forRecognition();

    @org.junit.jupiter.api.BeforeAll
    static void natives() {
        OpenCv.load();
    }

    /** A face in crop coordinates: eye rings and the mouth centred exactly on the template, other points anywhere. */
    private List<Point2> templateFace() {
        List<Point2> t = aligner.targets();
        Random r = new Random(5);
        Point2[] p = new Point2[68];
        for (int i = 0; i < 68; i++) p[i] = new Point2(20 + r.nextDouble() * 110, 20 + r.nextDouble() * 110);
        ring(p, 36, 6, t.get(0), 9, 4);
        ring(p, 42, 6, t.get(1), 9, 4);
        ring(p, 48, 20, t.get(2), 22, 9);
        return List.of(p);
    }

    private static void ring(Point2[] p, int from, int n, Point2 centre, double rx, double ry) {
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            p[from + k] = new Point2(centre.x() + rx * Math.cos(a), centre.y() + ry * Math.sin(a));
        }
    }

    private static List<Point2> map(Similarity s, List<Point2> pts) {
        return pts.stream().map(s::apply).toList();
    }

    private static void assertSame(Similarity expected, Similarity actual, double tol) {
        assertEquals(expected.a(), actual.a(), tol);
        assertEquals(expected.b(), actual.b(), tol);
        assertEquals(expected.tx(), actual.tx(), tol);
        assertEquals(expected.ty(), actual.ty(), tol);
    }

    @Test
    void recoversTheTransformOfARotatedScaledShiftedFace() {
        for (double[] c : new double[][] {{2.7, 23, 210, 95}, {0.8, -40, 30, 300}, {1.0, 180, 500, 400}, {4.2, 0, -50, 12}}) {
            Similarity cropToFrame = Similarity.of(c[0], Math.toRadians(c[1]), c[2], c[3]);
            Landmarks68 inFrame = new Landmarks68(map(cropToFrame, templateFace()));
            Similarity found = aligner.transform(inFrame);
            assertSame(cropToFrame.inverse(), found, 1e-9);
            assertEquals(1 / c[0], found.scale(), 1e-9);
            assertEquals(0, inFrame.leftEye().distance(cropToFrame.apply(aligner.targets().get(0))), 1e-9);
        }
    }

    @Test
    void fitIsTheLeastSquaresSolutionForNoisyPoints() {
        Random r = new Random(3);
        List<Point2> from = new ArrayList<>();
        List<Point2> to = new ArrayList<>();
        Similarity truth = Similarity.of(1.6, 0.4, 12, -7);
        for (int i = 0; i < 30; i++) {
            Point2 p = new Point2(r.nextDouble() * 100, r.nextDouble() * 100);
            Point2 q = truth.apply(p);
            from.add(p);
            to.add(new Point2(q.x() + r.nextGaussian(), q.y() + r.nextGaussian()));
        }
        Similarity fit = Similarity.fit(from, to);
        assertEquals(1.6, fit.scale(), 0.02);
        assertEquals(0.4, fit.angle(), 0.02);
        double best = error(fit, from, to);
        double h = 1e-4;
        for (int k = 0; k < 4; k++) {
            for (double sign : new double[] {-1, 1}) {
                double[] v = {fit.a(), fit.b(), fit.tx(), fit.ty()};
                v[k] += sign * h;
                assertTrue(error(new Similarity(v[0], v[1], v[2], v[3]), from, to) > best, "moving parameter " + k + " adds error");
            }
        }
    }

    private static double error(Similarity s, List<Point2> from, List<Point2> to) {
        double e = 0;
        for (int i = 0; i < from.size(); i++) {
            Point2 p = s.apply(from.get(i));
            e += Math.pow(p.x() - to.get(i).x(), 2) + Math.pow(p.y() - to.get(i).y(), 2);
        }
        return e;
    }

    @Test
    void inverseUndoesAndMatrixMatchesApply() {
        Similarity s = Similarity.of(2.5, 1.1, -30, 44);
        Point2 p = new Point2(17, -3);
        Point2 back = s.inverse().apply(s.apply(p));
        assertEquals(p.x(), back.x(), 1e-12);
        assertEquals(p.y(), back.y(), 1e-12);
        double[] m = s.matrix();
        Point2 q = s.apply(p);
        assertEquals(m[0] * p.x() + m[1] * p.y() + m[2], q.x(), 1e-12);
        assertEquals(m[3] * p.x() + m[4] * p.y() + m[5], q.y(), 1e-12);
    }

    @Test
    void cropPutsTheEyesAndMouthOnTheTemplate() {
        Similarity cropToFrame = Similarity.of(2.4, Math.toRadians(-28), 160, 150);
        Landmarks68 face = new Landmarks68(map(cropToFrame, templateFace()));
        BufferedImage frame = new BufferedImage(520, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        dot(g, face.leftEye(), Color.RED);
        dot(g, face.rightEye(), Color.GREEN);
        dot(g, face.mouth(), Color.BLUE);
        g.dispose();

        BufferedImage crop = aligner.crop(frame, face);
        assertEquals(150, crop.getWidth());
        assertEquals(150, crop.getHeight());
        assertNear(aligner.targets().get(0), centroid(crop, rgb -> (rgb >> 16 & 0xFF) > 128), "left eye");
        assertNear(aligner.targets().get(1), centroid(crop, rgb -> (rgb >> 8 & 0xFF) > 128), "right eye");
        assertNear(aligner.targets().get(2), centroid(crop, rgb -> (rgb & 0xFF) > 128), "mouth");
    }

    @Test
    void faceAtTheFrameEdgeOrOutsideGivesBlackWhereThereIsNoPicture() {
        BufferedImage frame = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        // crop pixel (x, y) shows frame pixel (x - 75, y): the crop's left half lies off the frame
        BufferedImage half = aligner.crop(frame, new Similarity(1, 0, 75, 0));
        assertEquals(0, half.getRGB(40, 75) & 0xFFFFFF);
        assertEquals(0xFFFFFF, half.getRGB(110, 75) & 0xFFFFFF);
        BufferedImage none = aligner.crop(frame, new Similarity(1, 0, 1000, 1000));
        assertEquals(150, none.getWidth());
        assertEquals(0, none.getRGB(75, 75) & 0xFFFFFF);
    }

    @Test
    void croppingFromTheSampledRegionMatchesWarpingTheWholeFrame() {
        BufferedImage photo = new BufferedImage(300, 260, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(2);
        for (int y = 0; y < 260; y++) for (int x = 0; x < 300; x++) photo.setRGB(x, y, r.nextInt(0x1000000));
        Similarity s = Similarity.of(0.7, 0.3, -40, -60);
        BufferedImage ours = aligner.crop(photo, s);
        Mat src = OpenCv.toMat(photo);
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, s.matrix());
        Mat dst = new Mat();
        Imgproc.warpAffine(src, dst, m, new Size(150, 150), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
        BufferedImage whole = OpenCv.toImage(dst);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                int p = ours.getRGB(x, y);
                int q = whole.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    // OpenCV's fixed-point interpolation may round a level differently at another origin
                    assertTrue(Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)) <= 1, "pixel " + x + "," + y);
                }
            }
        }
    }

    /** A disc of radius 12 centred on p, in OpenCV's convention (Java2D's pixel centres sit at +0.5). */
    private static void dot(Graphics2D g, Point2 p, Color c) {
        g.setColor(c);
        g.fill(new Ellipse2D.Double(p.x() + 0.5 - 12, p.y() + 0.5 - 12, 24, 24));
    }

    private static Point2 centroid(BufferedImage img, IntPredicate on) {
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (on.test(img.getRGB(x, y))) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 10, "the dot should be in the crop");
        return new Point2(sx / n, sy / n);
    }

    private static void assertNear(Point2 expected, Point2 actual, String what) {
        assertTrue(expected.distance(actual) < 0.5, what + ": expected " + expected + ", found " + actual);
    }

    @Test
    void templateIsUprightAndCentred() {
        List<Point2> t = aligner.targets();
        assertEquals(t.get(0).y(), t.get(1).y(), 1e-9, "eyes level");
        assertEquals(75, (t.get(0).x() + t.get(1).x()) / 2, 1.0, "eyes centred");
        assertTrue(t.get(2).y() > t.get(0).y() + 50, "mouth below the eyes");
    }

    @Test
    void badLandmarksAreRefused() {
        List<Point2> pts = new ArrayList<>(Collections.nCopies(67, new Point2(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Landmarks68(pts));
        pts.add(new Point2(Double.NaN, 2));
        assertThrows(IllegalArgumentException.class, () -> new Landmarks68(pts));
        assertThrows(IllegalArgumentException.class, () -> Landmarks68.interleaved(new float[135]));
        float[] xy = new float[136];
        for (int i = 36; i < 42; i++) xy[2 * i] = 6;
        assertEquals(6, Landmarks68.interleaved(xy).leftEye().x(), 1e-9);
        // every landmark at one spot: no face to align
        Landmarks68 collapsed = new Landmarks68(Collections.nCopies(68, new Point2(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> aligner.transform(collapsed));
    }
}
