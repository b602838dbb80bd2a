package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.job.JobControl;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * face-api's age/gender net ({@value InversionNet#FACE_AGE_GENDER}) with four targets, older, younger, male and female
 * (weights of its age and gender outputs), or a channel; judged by its age estimate and P(male), no class probabilities.
 */
public final class AgeGenderTargetNet extends FaceNet<AgeGenderNet> {
    /** Named only; the weights load on first use. */
    public AgeGenderTargetNet() {
        super(FACE_AGE_GENDER, AgeGenderNet::load, AgeGenderNet::graph, AgeGenderNet.SIZE);
    }

    @Override
    public List<String> classNames() {
        return FaceAttributeVisualisation.AGE_GENDER_LABELS;
    }

    /** Climbs Σ_t w_t · target_t, the targets' weights as weights of the net's [age, male, female]. */
    @Override
    Inversion.Result climb(Goal g, InversionOptions o, JobControl control) throws IOException {
        double[] out = new double[3];
        for (int k = 0; k < g.weights().length; k++) {
            double[] w = FaceAttributeVisualisation.ageGenderTarget(classNames().get(k));
            for (int j = 0; j < 3; j++) out[j] += g.weights()[k] * w[j];
        }
        return FaceAttributeVisualisation.job(net(), out, o.faceOptions(), o.previewEvery()).run(control);
    }

    /** "age 63.2, P(male) 0.12" (a regression and a gender: no class probabilities, a score of 0). */
    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        return t == Technique.CHANNEL ? channelVerdict(g, r, new double[0]) : judged(r.image());
    }

    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        return t == Technique.CHANNEL ? channelBefore(g) : judged(FaceAttributeVisualisation.startImage(o.faceOptions()));
    }

    private Verdict judged(INDArray picture) throws IOException {
        AgeGenderNet.AgeGender a = FaceAttributeVisualisation.ageGender(net(), picture);
        return new Verdict(0, String.format(Locale.ROOT, "age %.1f, P(male) %.3f", a.age(), a.probabilityMale()), new double[0],
                new int[0], Map.of("age", a.age(), "p_male", a.probabilityMale()));
    }
}
