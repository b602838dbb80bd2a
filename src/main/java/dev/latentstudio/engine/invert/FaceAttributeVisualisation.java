package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.nn.InputGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * What face-api's attribute nets call "happy", "surprised", … or "older", "female" (class visualisation on
 * a face network): from the mean face (scaled to the nets' 112×112) climb a weighted sum of the net's
 * outputs, with the portrait's colour priors (Fourier spectrum, jitter, zoom and turn, face-api's input
 * normalisation) and drawing.
 */
public final class FaceAttributeVisualisation {
    /**
     * The age/gender net's targets as weights of its outputs [age in years, male logit, female logit]:
     * older and younger climb or descend the age; male and female the difference of the gender logits.
     */
    public static final Map<String, double[]> AGE_GENDER_TARGETS = Map.of(
            "older", new double[]{1, 0, 0}, "younger", new double[]{-1, 0, 0},
            "male", new double[]{0, 1, -1}, "female", new double[]{0, -1, 1});
    /** The age/gender targets in the order they are offered. */
    public static final List<String> AGE_GENDER_LABELS = List.of("older", "younger", "male", "female");
    /** The portrait's settings, 200 steps: the mean face's expression changes within them. */
    public static final IdentityPortrait.Options DEFAULTS = IdentityPortrait.Options.DEFAULTS.withSteps(200);

    private FaceAttributeVisualisation() {
    }

    /** Climbs Σ_k w_k · logit_k over the seven expressions ({@link FaceExpressionNet#LABELS} order). */
    public static Inversion job(FaceExpressionNet net, double[] weights, IdentityPortrait.Options o, int previewEvery) {
        int k = FaceExpressionNet.LABELS.size();
        if (weights.length != k) throw new IllegalArgumentException("expected " + k + " expression weights, got " + weights.length);
        return job("expression", net.graph(), weights, o, previewEvery);
    }

    /** Climbs Σ_k w_k · output_k of the age/gender net: a weighted sum of {@link #AGE_GENDER_TARGETS}. */
    public static Inversion job(AgeGenderNet net, double[] weights, IdentityPortrait.Options o, int previewEvery) {
        if (weights.length != 3) throw new IllegalArgumentException("expected 3 weights (age, male, female), got " + weights.length);
        return job("age/gender", net.graph(), weights, o, previewEvery);
    }

    private static Inversion job(String name, ComputationGraph graph, double[] weights, IdentityPortrait.Options o, int previewEvery) {
        return new Inversion(name, InputGradient.backprop(graph), new ClassLogits(weights), start(o),
                IdentityPortrait.settings(o, previewEvery)).drawnWith(IdentityPortrait::picture);
    }

    /** The output weights of one age/gender target, or an error naming the known ones. */
    public static double[] ageGenderTarget(String name) {
        double[] w = AGE_GENDER_TARGETS.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (w == null) throw new IllegalArgumentException("no target '" + name + "'; known: " + AGE_GENDER_LABELS);
        return w.clone();
    }

    /** What the age/gender net makes of a picture in [-1, 1]. */
    public static AgeGenderNet.AgeGender ageGender(AgeGenderNet net, INDArray picture) {
        return net.predict(IdentityPortrait.rgb(picture)).get(0);
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
        return net.predict(IdentityPortrait.rgb(picture)).get(0).probabilities();
    }
}
