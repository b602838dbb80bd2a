package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.TinyFaceDetector;
import dev.latentstudio.engine.nn.InputGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What tiny_face_detector looks for (class visualisation of its face score, {@link DetectorScore}): a picture at the
 * booth's live input size climbs the best cell's objectness, from mid-grey noise or from the mean face filling the
 * frame, with the portrait's priors (Fourier spectrum, jitter, zoom and turn) and the detector's own input
 * normalisation. Judged by the detector's score on the picture: σ of that best logit, what it would report.
 */
public final class FaceDetectorVisualisation {
    /** The booth's live detector input: 10×10 cells. */
    public static final int SIDE = FacePipeline.LIVE_INPUT;
    /** The portrait's priors from noise at the channels' rate: a score has no target to stop at. */
    public static final IdentityPortrait.Options DEFAULTS = FaceChannelVisualisation.DEFAULTS;

    private FaceDetectorVisualisation() {
    }

    /** The climb from the mean face ({@code fromMean}; mid-grey noise if it is missing) or from mid-grey noise. */
    public static Inversion job(TinyFaceDetector detector, boolean fromMean, IdentityPortrait.Options o, int previewEvery) {
        return new Inversion("face detector", InputGradient.backprop(detector.graph()), new DetectorScore(TinyFaceDetector.anchors()),
                start(fromMean, o.seed()), IdentityPortrait.settings(o, previewEvery, TinyFaceDetector.meanRgb()))
                .drawnWith(IdentityPortrait::picture);
    }

    /** The start picture: the same seed gives the same noise. */
    static Parameterisation start(boolean fromMean, long seed) {
        float[] mean = fromMean ? IdentityPortrait.meanFace() : null;
        if (mean == null) return Fourier.noise(3, SIDE, SIDE, 0.02, seed);
        int from = FaceRecognitionNet.SIZE;
        INDArray scaled = Bilinear.resize(from, from, SIDE, SIDE).apply(Nd4j.create(mean, new long[]{1, 3, from, from}, 'c'));
        return Recipe.start(scaled.castTo(DataType.FLOAT).data().asFloat(), 3, SIDE, SIDE, 0.02, seed, true);
    }

    /** The picture a job starts from. */
    public static INDArray startImage(boolean fromMean, long seed) {
        return start(fromMean, seed).image();
    }

    /**
     * The detector's face score for a picture in [-1, 1] (any multiple of 32 on a side): σ of the largest objectness
     * logit over cells and anchors, from the detector's own op chain (not the graph the climb went through).
     */
    public static double score(TinyFaceDetector detector, INDArray picture) {
        INDArray nhwc = IdentityPortrait.rgb(picture).permute(0, 2, 3, 1).dup('c');
        float[] head = detector.forward(nhwc).ravel().toFloatVector();
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 4; i < head.length; i += 5) top = Math.max(top, head[i]);
        return 1 / (1 + Math.exp(-top));
    }
}
