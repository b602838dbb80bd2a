package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.TinyFaceDetector;
import dev.latentstudio.engine.job.JobControl;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * face-api's tiny_face_detector ({@value InversionNet#FACE_DETECTOR}): what it looks for, as a class visualisation of its
 * one class, "face" ({@link FaceDetectorVisualisation}: from mid-grey noise, or from the mean face with
 * {@link InversionOptions#fromMean}), and channels at its layers; judged by its own face score on the picture and how
 * many faces it finds there.
 */
public final class DetectorNet extends FaceNet<TinyFaceDetector> {
    /** Named only; the weights load on first use. */
    public DetectorNet() {
        super(FACE_DETECTOR, TinyFaceDetector::load, TinyFaceDetector::graph, FaceDetectorVisualisation.SIDE);
    }

    @Override
    public List<String> classNames() {
        return List.of("face");
    }

    /** The channels' defaults, or the face score's: from mid-grey noise. */
    @Override
    public InversionOptions defaults(Technique t) {
        return t == Technique.CHANNEL ? super.defaults(t) : InversionOptions.of(FaceDetectorVisualisation.DEFAULTS).withFromMean(false);
    }

    @Override
    Inversion.Result climb(Goal g, InversionOptions o, JobControl control) throws IOException {
        return FaceDetectorVisualisation.job(net(), o.fromMean(), o.faceOptions(), o.previewEvery()).run(control);
    }

    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        double s = FaceDetectorVisualisation.score(net(), r.image());
        if (t == Technique.CHANNEL) return channelVerdict(g, r, new double[]{s});
        return judged(s, faces(r.image()));
    }

    /** The face score of the start picture (noise or the mean face); a channel's activation on mid-grey. */
    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        if (t == Technique.CHANNEL) return channelBefore(g);
        INDArray start = FaceDetectorVisualisation.startImage(o.fromMean(), o.seed());
        return judged(FaceDetectorVisualisation.score(net(), start), faces(start));
    }

    /** How many faces the detector finds in the picture at face-api's threshold 0.5. */
    private int faces(INDArray picture) throws IOException {
        return net().detect(Inversion.picture(picture), FaceDetectorVisualisation.SIDE, 0.5).size();
    }

    private static Verdict judged(double score, int faces) {
        return new Verdict(score, String.format(Locale.ROOT, "face score %.4f, %d face%s found", score, faces, faces == 1 ? "" : "s"),
                new double[]{score}, new int[0], Map.of("score", score, "faces", (double) faces));
    }
}
