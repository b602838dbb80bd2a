package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The talk's pipeline composed as face-api chains it: detect → 68 landmarks → align (a similarity warp that puts
 * eyes and mouth on dlib's template, 150×150) → 128-d descriptor → identity against the enrolled gallery, plus
 * age, gender and expression, and the HOG picture. One instance per thread: the networks hold per-call state.
 */
public final class FacePipeline implements FaceAnalyser {

    /** Which detector: SSD-MobileNetV1 (accurate, ~60 ms a frame here) or tiny_face_detector at 320 (live, ~10 ms). */
    public enum Speed { ACCURATE, LIVE }

    /**
     * What the descriptor is computed on: the rotated 150×150 face chip that {@link FaceAligner} warps (eyes and mouth on
     * dlib's template), or face-api's own input, the landmarks' axis-aligned dlib square ({@link FaceLandmarks68#dlibRect()})
     * resized, which its descriptor net was checked against. evaluate-faces measures both.
     */
    public enum Crop { CHIP, FACE_API }

    /** One face with what an enrollment or an export needs: the report, its descriptor and its aligned crop. */
    public record Face(FaceReport report, float[] descriptor, BufferedImage aligned) {
    }

    public static final int LIVE_INPUT = 320;

    private final FaceDetector detector;
    private final FaceDetector accurate;
    private final FaceLandmarker landmarker;
    private final FaceRecognitionNet recognition;
    private final FaceAttributeReader attributes;
    private final FaceAligner aligner = FaceAligner.forRecognition();
    private final Crop crop;
    private volatile IdentityClassifier identities;

    public FacePipeline(FaceDetector detector, FaceLandmarker landmarker, FaceRecognitionNet recognition,
                        FaceAttributeReader attributes) {
        this(detector, detector, landmarker, recognition, attributes);
    }

    /** With a fast detector for frames and a surer one for {@link Options#accurate} requests. */
    public FacePipeline(FaceDetector detector, FaceDetector accurate, FaceLandmarker landmarker, FaceRecognitionNet recognition,
                        FaceAttributeReader attributes) {
        this(detector, accurate, landmarker, recognition, attributes, Crop.CHIP);
    }

    private FacePipeline(FaceDetector detector, FaceDetector accurate, FaceLandmarker landmarker, FaceRecognitionNet recognition,
                         FaceAttributeReader attributes, Crop crop) {
        this.crop = crop;
        this.detector = detector;
        this.accurate = accurate;
        this.landmarker = landmarker;
        this.recognition = recognition;
        this.attributes = attributes;
    }

    /** The shipped networks (models/face-api): clear IOExceptions for missing or damaged files. */
    public static FacePipeline load(Path dir, Speed speed) throws IOException {
        FaceDetector d = speed == Speed.LIVE ? TinyFaceDetector.load(dir).with(LIVE_INPUT, 0.5) : SsdMobilenetV1.load(dir);
        return new FacePipeline(d, FaceLandmarker.load(dir, FaceLandmarkNet.Variant.FULL), FaceRecognitionNet.load(dir),
                FaceAttributeReader.load(dir));
    }

    /** Both detectors: the live one for frames, SSD for still photos (the booth plays both). */
    public static FacePipeline loadBoth(Path dir) throws IOException {
        return new FacePipeline(TinyFaceDetector.load(dir).with(LIVE_INPUT, 0.5), SsdMobilenetV1.load(dir),
                FaceLandmarker.load(dir, FaceLandmarkNet.Variant.FULL), FaceRecognitionNet.load(dir), FaceAttributeReader.load(dir));
    }

    /** The same networks, describing faces on {@code c}. */
    public FacePipeline withCrop(Crop c) {
        return new FacePipeline(detector, accurate, landmarker, recognition, attributes, c);
    }

    /** The face recogniser (its descriptors are what the identity portrait draws towards). */
    public FaceRecognitionNet recognition() {
        return recognition;
    }

    /** The people to name (null: nobody enrolled, every face is unnamed). */
    public void setIdentities(IdentityClassifier c) {
        identities = c;
    }

    @Override
    public FrameReport analyse(BufferedImage frame, Options o) {
        long t0 = System.nanoTime();
        List<Face> faces = faces(frame, o);
        List<FaceReport> reports = new ArrayList<>(faces.size());
        for (Face f : faces) reports.add(f.report());
        BufferedImage hog = o.hog() ? Hog.picture(frame) : null;
        return new FrameReport(reports, hog, (System.nanoTime() - t0) / 1e6);
    }

    /**
     * Every face with the parts asked for; descriptors and aligned crops come with identify. Any image type will
     * do: every network input reads pixels through getRGB or OpenCv.toMat.
     */
    public List<Face> faces(BufferedImage img, Options o) {
        List<FaceDetection> found = (o.accurate() ? accurate : detector).detect(img);
        List<Face> out = new ArrayList<>(found.size());
        if (found.isEmpty()) return out;
        boolean needLandmarks = o.landmarks() || o.identify() || o.attributes();
        List<FaceBox> boxes = new ArrayList<>();
        for (FaceDetection d : found) boxes.add(d.box());
        List<FaceLandmarks68> marks = needLandmarks ? landmarker.landmarks(img, boxes) : List.of();
        List<FaceReport.Attributes> attrs = o.attributes() ? attributes.attributes(img, marks) : List.of();
        for (int i = 0; i < found.size(); i++) {
            FaceDetection d = found.get(i);
            List<FaceReport.Point> points = new ArrayList<>();
            if (o.landmarks()) for (int k = 0; k < FaceLandmarks68.POINTS; k++) points.add(new FaceReport.Point(marks.get(i).x(k), marks.get(i).y(k)));
            float[] descriptor = null;
            BufferedImage aligned = null;
            FaceReport.Identity who = null;
            if (o.identify()) {
                aligned = aligner.crop(img, toLandmarks(marks.get(i)));
                INDArray input = crop == Crop.CHIP ? FaceTensors.rgb(aligned)
                        : FaceTensors.netInput(img, marks.get(i).dlibRect(), FaceRecognitionNet.SIZE);
                descriptor = recognition.descriptor(input);
                Buffers.close(input); // per face per frame
                who = identify(descriptor);
            }
            out.add(new Face(new FaceReport(d.box(), d.score(), points, who, o.attributes() ? attrs.get(i) : null), descriptor, aligned));
        }
        return out;
    }

    /** The largest face in the picture with its descriptor and aligned crop, for enrolling; empty when none. */
    public java.util.Optional<Face> largest(BufferedImage frame) {
        Face best = null;
        for (Face f : faces(frame, new Options(true, true, false, false, true))) {
            FaceBox b = f.report().box();
            if (best == null || b.width() * b.height() > best.report().box().width() * best.report().box().height()) best = f;
        }
        return java.util.Optional.ofNullable(best);
    }

    /**
     * The face's crop on another aligner than the recogniser's (another size, e.g. a training set's), warped by the same
     * landmarks-to-template fit; the face must have been found with its landmarks.
     */
    public static BufferedImage aligned(BufferedImage img, Face face, FaceAligner aligner) {
        List<FaceReport.Point> points = face.report().landmarks();
        if (points.isEmpty()) throw new IllegalArgumentException("the face was found without its landmarks: ask for them in the options");
        List<Point2> p = new ArrayList<>(points.size());
        for (FaceReport.Point q : points) p.add(new Point2(q.x(), q.y()));
        return aligner.crop(img, new Landmarks68(p));
    }

    private FaceReport.Identity identify(float[] descriptor) {
        IdentityClassifier c = identities;
        if (c == null) return new FaceReport.Identity(FaceReport.Identity.UNKNOWN, 0, Double.NaN);
        IdentityClassifier.Identity id = c.identify(descriptor);
        double p = id.known() ? id.probabilities().getOrDefault(id.name(), 0.0) : 0;
        return new FaceReport.Identity(id.known() ? id.name() : FaceReport.Identity.UNKNOWN, p, id.distance());
    }

    static Landmarks68 toLandmarks(FaceLandmarks68 m) {
        List<Point2> p = new ArrayList<>(FaceLandmarks68.POINTS);
        for (int k = 0; k < FaceLandmarks68.POINTS; k++) p.add(new Point2(m.x(k), m.y(k)));
        return new Landmarks68(p);
    }
}
