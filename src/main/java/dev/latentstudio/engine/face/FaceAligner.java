package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Warps a face so that its eye centres and mouth centre land on fixed points of a square crop, the input the
 * recognition network expects: a least-squares similarity from the three landmark centres to the template,
 * then OpenCV's bilinear warpAffine (outside the frame is black).
 */
public final class FaceAligner {

    /** Where the eyes and the mouth go, as fractions of the crop's side. */
    public record Template(Point2 leftEye, Point2 rightEye, Point2 mouth) {
    }

    /**
     * dlib's face-chip template (used to train the ResNet descriptor that face-api's recognition net ports):
     * the eye and mouth centres of dlib's mean face shape, with its default padding of 0.25 on each side.
     */
    public static final Template DLIB = new Template(
            new Point2(0.3170, 0.3107), new Point2(0.6698, 0.3107), new Point2(0.4934, 0.7028));

    /** The recognition network's input side. */
    public static final int RECOGNITION_SIZE = 150;

    private final int size;
    private final List<Point2> targets;

    public FaceAligner(int size, Template template) {
        if (size < 8) throw new IllegalArgumentException("aligned crops need at least 8 pixels, got " + size);
        this.size = size;
        this.targets = List.of(scaled(template.leftEye()), scaled(template.rightEye()), scaled(template.mouth()));
    }

    /** 150×150 crops on dlib's template, for the 128-d recognition network. */
    public static FaceAligner forRecognition() {
        return new FaceAligner(RECOGNITION_SIZE, DLIB);
    }

    public int size() {
        return size;
    }

    /** The template's left eye, right eye and mouth in crop pixels. */
    public List<Point2> targets() {
        return targets;
    }

    /** The transform from frame pixels to crop pixels for this face. */
    public Similarity transform(Landmarks68 face) {
        return Similarity.fit(List.of(face.leftEye(), face.rightEye(), face.mouth()), targets);
    }

    /** The aligned size×size crop of the face in {@code frame}. */
    public BufferedImage crop(BufferedImage frame, Landmarks68 face) {
        return crop(frame, transform(face));
    }

    /**
     * The size×size crop that {@code frameToCrop} maps the frame onto. Only the part of the frame the crop
     * samples is handed to OpenCV, so a face costs the same in a 640×480 frame as in a 4K photo.
     */
    public BufferedImage crop(BufferedImage frame, Similarity frameToCrop) {
        Similarity cropToFrame = frameToCrop.inverse();
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Point2 corner : List.of(new Point2(0, 0), new Point2(size, 0), new Point2(0, size), new Point2(size, size))) {
            Point2 p = cropToFrame.apply(corner);
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        // two pixels of margin for bilinear sampling at the crop's edge
        int x0 = (int) Math.max(0, Math.floor(minX) - 2);
        int y0 = (int) Math.max(0, Math.floor(minY) - 2);
        int x1 = (int) Math.min(frame.getWidth(), Math.ceil(maxX) + 3);
        int y1 = (int) Math.min(frame.getHeight(), Math.ceil(maxY) + 3);
        if (x1 <= x0 || y1 <= y0) {
            return new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR); // the face is wholly outside the frame
        }
        // sub-image pixel p is frame pixel p + (x0, y0)
        Similarity fromRegion = new Similarity(frameToCrop.a(), frameToCrop.b(),
                frameToCrop.tx() + frameToCrop.a() * x0 - frameToCrop.b() * y0,
                frameToCrop.ty() + frameToCrop.b() * x0 + frameToCrop.a() * y0);
        return warp(frame.getSubimage(x0, y0, x1 - x0, y1 - y0), fromRegion);
    }

    private BufferedImage warp(BufferedImage region, Similarity transform) {
        OpenCv.load();
        Mat src = OpenCv.toMat(region);
        Mat m = new Mat(2, 3, CvType.CV_64F);
        Mat dst = new Mat();
        try {
            m.put(0, 0, transform.matrix());
            Imgproc.warpAffine(src, dst, m, new Size(size, size), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
            return OpenCv.toImage(dst);
        } finally {
            src.release();
            m.release();
            dst.release();
        }
    }

    private Point2 scaled(Point2 fraction) {
        return new Point2(fraction.x() * size, fraction.y() * size);
    }
}
