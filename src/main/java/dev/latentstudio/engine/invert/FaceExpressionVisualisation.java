package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.nn.InputGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What face-api's expression net calls "happy", "surprised", … (class visualisation on a face network):
 * from the mean face (scaled to the net's 112×112) climb the chosen expressions' logits, with the portrait's
 * colour priors (Fourier spectrum, jitter, zoom and turn, face-api's input normalisation) and drawing.
 */
public final class FaceExpressionVisualisation {
    /** The portrait's settings, 200 steps: the mean face's expression changes within them. */
    public static final IdentityPortrait.Options DEFAULTS = IdentityPortrait.Options.DEFAULTS.withSteps(200);

    private FaceExpressionVisualisation() {
    }

    /** Climbs Σ_k w_k · logit_k over the seven expressions ({@link FaceExpressionNet#LABELS} order). */
    public static Inversion job(FaceExpressionNet net, double[] weights, IdentityPortrait.Options o, int previewEvery) {
        int k = FaceExpressionNet.LABELS.size();
        if (weights.length != k) throw new IllegalArgumentException("expected " + k + " expression weights, got " + weights.length);
        return new Inversion("expression", InputGradient.backprop(net.graph()), new ClassLogits(weights), start(o),
                IdentityPortrait.settings(o, previewEvery)).drawnWith(IdentityPortrait::picture);
    }

    /** The mean face at 112×112 plus the seeded noise (mid-grey noise if the mean face is missing). */
    static Parameterisation start(IdentityPortrait.Options o) {
        int side = FaceExpressionNet.SIZE;
        float[] mean = IdentityPortrait.meanFace();
        if (mean == null) return Fourier.noise(3, side, side, 0.02, o.seed());
        int from = dev.latentstudio.engine.face.FaceRecognitionNet.SIZE;
        INDArray scaled = Bilinear.resize(from, from, side, side).apply(Nd4j.create(mean, new long[]{1, 3, from, from}, 'c'));
        return Recipe.start(scaled.castTo(DataType.FLOAT).data().asFloat(), 3, side, side, 0.02, o.seed(), true);
    }

    /** The picture a job with these options starts from (the same seed gives the same noise). */
    public static INDArray startImage(IdentityPortrait.Options o) {
        return start(o).image();
    }

    /** The net's probabilities of the seven expressions for a picture in [-1, 1]. */
    public static float[] probabilities(FaceExpressionNet net, INDArray picture) {
        return net.predict(picture.castTo(DataType.FLOAT).add(1).muli(127.5)).get(0).probabilities();
    }
}
