package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.face.FaceAligner;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceDescriber;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.face.FaceLandmarkNet;
import dev.latentstudio.engine.face.FaceLandmarks68;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.face.Landmarks68;
import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.face.Similarity;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.invert.Jitter;
import dev.latentstudio.engine.invert.Objective;
import dev.latentstudio.engine.invert.ScaleRotate;
import dev.latentstudio.engine.invert.Transform;
import dev.latentstudio.engine.nn.InputGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attribute sliders on a real face: finds and aligns the photo's largest face as the booth does (SSD, 68 landmarks,
 * the recogniser's 150 chip), then builds edits ({@link FaceEdit}) whose loss adds the slider terms (the expression
 * and age/gender nets on what FaceAttributeReader will read, {@link AttributeView}), identity
 * ({@link DescriptorDistance}), appearance (a shallow recogniser layer toward the original's activations) and the
 * pixels outside the face mask ({@link OutsidePixels}) and the smoothness of the change ({@link SmoothChange}). Holds the
 * networks: one edit at a time.
 * <p>
 * The defaults ({@link Weights#DEFAULTS}, {@link FaceEdit.Options#DEFAULTS}: 40 steps, Adam 0.02 on the spectrum, a pixel
 * of jitter plus ±3 % zoom and ±3° turn) were measured, with a painted-only climb (the warp came later:
 * {@link FaceEdit#WARP_SPACING}), on the sample photos' faces (all four women; sample2 and sample4
 * are the ones the net calls non-happy, P(happy) 0.004 and 0.144), in the loop and after a JPEG-75 round trip of the
 * pasted photo and re-detection with FacePipeline:
 * <pre>
 * edit                in the loop              after JPEG + re-detection    identity (loop)
 * sample2 happy=0.9   P(happy) 0.004 → 0.988   0.988                        0.14
 * sample4 happy=0.9   P(happy) 0.144 → 0.985   0.952                        0.08
 * sample2 age=+20     19.0 → 40.0              35.6                         0.14
 * sample4 age=+20     30.1 → 51.1              47.7                         0.12
 * sample1 age=+20     26.0 → 45.6              41.6                         0.08
 * sample2 age=-20     19.0 → 3.5 (aim: 2)      7.2                          0.09
 * sample4 age=-20     30.1 → 10.1              9.0                          0.09
 * sample5 age=-20     41.0 → 22.0              22.8                         0.16
 * sample2..6 gender=male  P(male) 0.02–0.11 → 0.95–0.98   0.87–0.90         0.08–0.14
 * </pre>
 * The smoothness weight decided how the edit looks: at 5 the nets were moved by speckle all over the face; at 300 the
 * change was clean but happy reached only 0.74–0.82 in 40 steps; 100 keeps it clean and reaches the sliders. Holding
 * the other age/gender head mattered: gender=male had aged the faces by ~15 years, age=+20 had turned sample4 male.
 */
public final class FaceEditor {
    /** The recogniser layer the appearance term matches: the first residual block's output (37×37×32, after the pool). */
    public static final String APPEARANCE_LAYER = "conv32_1_out";
    /** The youngest age an edit aims at: the age net's estimates of small children (and below) are not ages. */
    public static final double MIN_AGE = 2;
    private static final int CHIP = FaceRecognitionNet.SIZE;
    private static final ScaleRotate MOVES = new ScaleRotate(0.03, 3);

    private final FacePipeline pipeline;
    private final FaceRecognitionNet recogniser;
    private final FaceExpressionNet expressions;
    private final AgeGenderNet ageGender;
    private final InputGradient.Backprop expressionGrad, ageGenderGrad;
    private final RecogniserTerms recogniserTerms;
    private final FaceAligner aligner = FaceAligner.forRecognition();

    public FaceEditor(FacePipeline pipeline, FaceExpressionNet expressions, AgeGenderNet ageGender) {
        this.pipeline = pipeline;
        this.recogniser = pipeline.recognition();
        this.expressions = expressions;
        this.ageGender = ageGender;
        recogniserTerms = new RecogniserTerms(recogniser);
        expressionGrad = InputGradient.backprop(expressions.graph());
        ageGenderGrad = InputGradient.backprop(ageGender.graph());
    }

    /** The shipped networks (models/face-api), SSD for detection. */
    public static FaceEditor load(Path dir) throws IOException {
        return new FaceEditor(FacePipeline.load(dir, FacePipeline.Speed.ACCURATE), FaceExpressionNet.load(dir), AgeGenderNet.load(dir));
    }

    /** The photo's largest face, or an IOException "FILE: no face found" (unreadable files: ImageReading's message). */
    public FaceSubject subject(Path file) throws IOException {
        return subject(ImageReading.read(file)).orElseThrow(() -> new IOException(file + ": no face found"));
    }

    /** The largest face of the photo as an edit's subject; empty when there is none. */
    public synchronized Optional<FaceSubject> subject(BufferedImage photo) {
        return pipeline.largest(photo).map(f -> subject(photo, f));
    }

    /**
     * Every face of the photo as a subject, largest first (the detector and landmarks run once for all of them); empty
     * when there is none.
     */
    public synchronized List<FaceSubject> subjects(BufferedImage photo) {
        List<FacePipeline.Face> faces = new ArrayList<>(pipeline.faces(photo, new FacePipeline.Options(true, true, false, false, true)));
        faces.sort((a, b) -> Double.compare(area(b), area(a)));
        List<FaceSubject> out = new ArrayList<>(faces.size());
        for (FacePipeline.Face f : faces) out.add(subject(photo, f));
        return out;
    }

    /** The held-out check on this editor's pipeline (SSD, as the subjects were found). */
    public HeldOutCheck heldOutCheck() {
        return new HeldOutCheck(pipeline);
    }

    private static double area(FacePipeline.Face f) {
        return f.report().box().width() * f.report().box().height();
    }

    private FaceSubject subject(BufferedImage photo, FacePipeline.Face face) {
        List<FaceReport.Point> pts = face.report().landmarks();
        double[] xy = new double[2 * pts.size()];
        List<Point2> points = new ArrayList<>(pts.size());
        for (int i = 0; i < pts.size(); i++) {
            xy[2 * i] = pts.get(i).x();
            xy[2 * i + 1] = pts.get(i).y();
            points.add(new Point2(pts.get(i).x(), pts.get(i).y()));
        }
        FaceBox box = face.report().box();
        FaceLandmarks68 marks = new FaceLandmarks68(xy, box);
        Similarity toChip = aligner.transform(new Landmarks68(points));
        INDArray chip = Nd4j.create(Images.toChw(face.aligned(), 3), new long[]{1, 3, CHIP, CHIP}, 'c');
        List<Point2> inChip = new ArrayList<>(points.size());
        for (Point2 p : points) inChip.add(toChip.apply(p));
        double[] mask = FaceMask.of(inChip, CHIP);
        AttributeView view = new AttributeView(photo, marks.alignedRect(), toChip, CHIP, AgeGenderNet.SIZE);
        float[] descriptor = recogniserTerms.descriptor(chip);
        INDArray appearance = recogniserTerms.appearance(chip);
        PasteBack paste = new PasteBack(photo, toChip, mask, CHIP);
        Reading original = read(view, chip, descriptor);
        return new FaceSubject(photo, marks, toChip, chip, descriptor, appearance, view, mask, paste, original);
    }

    /** What the nets make of {@code chip} (a picture [1, 3, 150, 150] in [-1, 1]) as the edit's loop sees it. */
    public synchronized Reading read(FaceSubject s, INDArray chip) {
        return read(s.view(), chip, s.descriptor());
    }

    private Reading read(AttributeView view, INDArray chip, float[] reference) {
        INDArray in = rgb(view.view(chip));
        float[] p = expressions.predict(in).get(0).probabilities();
        double[] e = new double[p.length];
        for (int k = 0; k < p.length; k++) e[k] = p[k];
        AgeGenderNet.AgeGender ag = ageGender.predict(in).get(0);
        return new Reading(e, ag.age(), ag.probabilityMale(), FaceDescriber.distance(recogniser.descriptor(rgb(chip)), reference));
    }

    /** An edit of the original face toward the sliders. */
    public FaceEdit edit(FaceSubject s, Sliders sliders, Weights w, FaceEdit.Options o) {
        return new FaceEdit(this, s, sliders, w, o, s.chip());
    }

    /**
     * The whole loss of an edit as one image term on the chip (its score is −loss), each term's own loss reported as
     * a figure under its name. Terms of weight 0, and slider terms not set, are left out (with their networks).
     */
    public ImageTerm objective(FaceSubject s, Sliders sliders, Weights w, int jitter) {
        // what the networks see moves a little each step (a shift, a small zoom and turn), so the edit must be a
        // feature that survives it rather than a pixel pattern tuned to one position
        List<Transform> jittered = jitter > 0 ? List.of(new Jitter(jitter), MOVES) : List.of();
        List<Transform> attributeInput = new ArrayList<>(jittered);
        attributeInput.add(s.view());
        attributeInput.add(new IdentityPortrait.FaceInput(FaceLandmarkNet.meanRgb()));
        List<Transform> recogniserInput = new ArrayList<>(jittered);
        recogniserInput.add(new IdentityPortrait.FaceInput());
        ImageTerm t = new OutsidePixels(s.chip(), s.mask()).times(w.outside());
        if (w.smooth() > 0) t = t.plus(new SmoothChange(s.chip()).times(w.smooth()));
        // the expressions no slider sets are held (w.hold), on age and gender edits too: age=+20 had raised P(happy)
        if ((sliders.hasExpressions() || w.hold() > 0) && w.expression() > 0) {
            ExpressionTargets e = ExpressionTargets.holding(sliders.expressions(), s.original().expressions(), w.hold());
            t = t.plus(reported("expression", ImageTerm.of(expressionGrad, e, attributeInput)).times(w.expression()));
        }
        // the age/gender net runs when either slider is set; the other is then held at the original's, free of cost,
        // since the two heads share the trunk and moving one drags the other (gender → male aged the faces ~15 years)
        Objective ag = null;
        if ((sliders.hasAge() || sliders.hasGender()) && w.age() > 0) {
            double target = s.original().age() + (sliders.hasAge() ? sliders.ageDelta() : 0);
            ag = new AgeTarget(Math.max(MIN_AGE, target), AgeTarget.SCALE_YEARS).times(w.age());
        }
        if ((sliders.hasAge() || sliders.hasGender()) && w.gender() > 0) {
            Objective g = new GenderTarget(sliders.hasGender() ? sliders.pMale() : s.original().pMale()).times(w.gender());
            ag = ag == null ? g : ag.plus(g);
        }
        if (ag != null) t = t.plus(reported("age/gender", ImageTerm.of(ageGenderGrad, ag, attributeInput)));
        if (w.identity() > 0) {
            t = t.plus(recogniserTerms.identity(s.descriptor(), recogniserInput).times(w.identity()));
        }
        if (w.appearance() > 0) {
            t = t.plus(recogniserTerms.appearance(s.appearance(), List.of(new IdentityPortrait.FaceInput())).times(w.appearance()));
        }
        return t;
    }

    /** The term with its own loss (−score, before any weight) as a figure. */
    static ImageTerm reported(String name, ImageTerm term) {
        return (image, rnd) -> {
            ImageTerm.Value v = term.evaluate(image, rnd);
            Map<String, Double> f = new HashMap<>(v.figures());
            f.put(name, -v.score());
            return new ImageTerm.Value(v.score(), v.gradient(), f);
        };
    }

    /** A picture in [-1, 1] as the face nets' callers feed them: RGB 0..255, float. */
    static INDArray rgb(INDArray picture) {
        return picture.castTo(DataType.FLOAT).add(1).muli(127.5);
    }
}
