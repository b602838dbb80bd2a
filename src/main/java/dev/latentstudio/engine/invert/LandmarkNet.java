package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceLandmarkNet;
import dev.latentstudio.engine.face.FaceLandmarker;
import dev.latentstudio.engine.face.SsdMobilenetV1;
import dev.latentstudio.engine.job.JobControl;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * face-api's 68-point landmark net, full variant ({@value InversionNet#FACE_LANDMARKS}): a photo's largest face with
 * chosen landmarks moved ({@link LandmarkEdit}; the goal's weights are the displacement, {@link LandmarkMoves}), and
 * channels at its layers; judged by the net's own points on the result against the targets, in photo pixels.
 */
public final class LandmarkNet extends PhotoFaceNet<FaceLandmarkNet> {

    private final Map<Start, LandmarkEdit.Cut> cuts = new WeakHashMap<>(); // Start has identity equality
    private SsdMobilenetV1 detector;
    private Hold rest;
    private double others = LandmarkEdit.OTHERS;

    /**
     * What holds the rest of the face in a landmark move besides the pixel pull (the face edit's identity and appearance,
     * {@code faceedit.LandmarkHold}), and what it measures on a result for the verdict (the descriptor distance).
     */
    public interface Hold {
        /** The term added to the climb on this cut's picture; null for none (the hold only measures). */
        ImageTerm term(LandmarkEdit.Cut cut);

        /** Its figures on an edit of the cut (a picture as {@link LandmarkEdit.Cut#picture}), by name. */
        Map<String, Double> figures(LandmarkEdit.Cut cut, org.nd4j.linalg.api.ndarray.INDArray edited);
    }

    /** Named only; the weights load on first use. */
    public LandmarkNet() {
        super(FACE_LANDMARKS, dir -> FaceLandmarkNet.load(dir, FaceLandmarkNet.Variant.FULL), FaceLandmarkNet::graph, FaceLandmarkNet.SIZE);
    }

    @Override
    public List<Technique> techniques() {
        return List.of(Technique.LANDMARKS, Technique.CHANNEL);
    }

    @Override
    public InversionOptions defaults(Technique t) {
        // no zoom and turn: they would move the points with the picture (see LandmarkEdit.DEFAULTS)
        return t == Technique.CHANNEL ? super.defaults(t) : InversionOptions.of(LandmarkEdit.DEFAULTS).withParameterisation(true, false);
    }

    /** The largest face SSD-MobileNetV1 (the booth's still-photo detector) finds; empty when none. */
    @Override
    public synchronized Optional<Start> face(BufferedImage photo) throws IOException {
        if (detector == null) detector = SsdMobilenetV1.load(InversionNet.faceModels());
        Optional<LandmarkEdit.Cut> cut = LandmarkEdit.largest(photo, detector, net());
        if (cut.isEmpty()) return Optional.empty();
        Start s = new Start(cut.get().picture(), null, -1);
        cuts.put(s, cut.get());
        return Optional.of(s);
    }

    /** The goal of a landmark move: the face and the displacement of each point in photo pixels ({@link LandmarkMoves}). */
    public static Goal move(Start face, double[] displacement) {
        LandmarkMoves.moved(displacement); // checks the length
        return new Goal(displacement.clone(), null, 0, face, null, 1);
    }

    /** What holds the rest of the face in the moves from now on ({@link Hold}); null for the pixel pull alone. */
    public synchronized void restOfFace(Hold hold) {
        rest = hold;
    }

    private synchronized Hold hold() {
        return rest;
    }

    /** The weight that holds the points not moved at their original places from now on (0: off; {@link LandmarkEdit#OTHERS}). */
    public synchronized void holdOthers(double weight) {
        if (!(weight >= 0)) throw new IllegalArgumentException("the weight of the points not moved must be >= 0, got " + weight);
        others = weight;
    }

    private synchronized double others() {
        return others;
    }

    /** The face a start stands for (one this net made). */
    public synchronized LandmarkEdit.Cut cut(Start start) {
        LandmarkEdit.Cut c = start == null ? null : cuts.get(start);
        if (c == null) throw new IllegalArgumentException("a landmark move starts from a face this network cut (see start)");
        return c;
    }

    @Override
    Inversion.Result climb(Goal g, InversionOptions o, JobControl control) throws IOException {
        LandmarkEdit.Cut c = cut(g.start());
        Hold h = hold();
        return LandmarkEdit.job(net(), c, g.weights(), o.faceOptions(), o.scaleRotate(), o.previewEvery(), h == null ? null : h.term(c),
                others()).run(control);
    }

    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        if (t == Technique.CHANNEL) return channelVerdict(g, r, new double[0]);
        LandmarkEdit.Cut c = cut(g.start());
        Verdict v = judged(LandmarkEdit.errors(net(), c, g.weights(), r.image()));
        Hold h = hold();
        if (h == null) return v;
        Map<String, Double> figures = new java.util.LinkedHashMap<>(v.figures()), held = h.figures(c, r.image());
        figures.putAll(held);
        StringBuilder words = new StringBuilder(v.words());
        held.forEach((k, x) -> words.append(String.format(Locale.ROOT, "; %s %.3f", k.replace('_', ' '), x)));
        return new Verdict(v.score(), words.toString(), v.probabilities(), v.labels(), Map.copyOf(figures));
    }

    /** The start's errors: how far the targets are from the net's points on the original face. */
    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        if (t == Technique.CHANNEL) return channelBefore(g);
        LandmarkEdit.Cut c = cut(g.start());
        return judged(LandmarkEdit.errors(c, g.weights(), c.points()));
    }

    /** The net's points on a result, in the photo's pixels (as if the edit were pasted into it). */
    public double[] points(Goal g, Inversion.Result r) throws IOException {
        return LandmarkEdit.pixels(cut(g.start()), LandmarkEdit.raw(net(), r.image()));
    }

    /** The net's points on a result in its own picture's pixels (112×112, x, y interleaved), where a front draws them. */
    public double[] picturePoints(Inversion.Result r) throws IOException {
        float[] raw = LandmarkEdit.raw(net(), r.image());
        double[] p = new double[raw.length];
        for (int i = 0; i < p.length; i++) p[i] = raw[i] * LandmarkEdit.SIDE;
        return p;
    }

    /** The photo with the result pasted in ({@link LandmarkEdit#paste(LandmarkEdit.Cut, Inversion.Result)}). */
    public BufferedImage edited(Goal g, Inversion.Result r) {
        return LandmarkEdit.paste(cut(g.start()), r);
    }

    /**
     * The held-out check of a result as the booth would see it: pasted into the photo, JPEG quality 75, rescaled by 0.9,
     * re-detected by SSD-MobileNetV1 and re-landmarked by this net; empty when the detector loses the face.
     */
    public synchronized Optional<LandmarkEdit.Errors> heldOut(Goal g, Inversion.Result r) throws IOException {
        return heldOut(g, edited(g, r));
    }

    /** The same check on any picture of the face (the unedited photo, with no move, says how much the check itself moves the points). */
    public synchronized Optional<LandmarkEdit.Errors> heldOut(Goal g, BufferedImage photo) throws IOException {
        if (detector == null) detector = SsdMobilenetV1.load(InversionNet.faceModels());
        return LandmarkEdit.heldOut(cut(g.start()), g.weights(), photo, detector,
                new FaceLandmarker(net()));
    }

    static Verdict judged(LandmarkEdit.Errors e) {
        return new Verdict(e.mean(), String.format(Locale.ROOT, "%.2f px from the targets (max %.2f); other points moved %.2f px (max %.2f)",
                e.mean(), e.max(), e.othersMean(), e.othersMax()), new double[0], new int[0],
                Map.of("mean_error", e.mean(), "max_error", e.max(), "others_mean", e.othersMean(), "others_max", e.othersMax()));
    }
}
