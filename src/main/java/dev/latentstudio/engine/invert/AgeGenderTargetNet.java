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
public final class AgeGenderTargetNet implements InversionNet {
    private AgeGenderNet net;
    private FaceLayers layers;

    /** Named only; the weights load on first use. */
    public AgeGenderTargetNet() {
    }

    private synchronized FaceLayers layers() throws IOException {
        if (net == null) {
            net = AgeGenderNet.load(InversionNet.faceModels());
            layers = new FaceLayers(net.graph(), AgeGenderNet.SIZE);
        }
        return layers;
    }

    @Override
    public String model() {
        return FACE_AGE_GENDER;
    }

    @Override
    public List<Technique> techniques() {
        return FaceLayers.ATTRIBUTE_TECHNIQUES;
    }

    @Override
    public InversionOptions defaults(Technique t) {
        return FaceLayers.attributeDefaults(t);
    }

    @Override
    public List<String> classNames() {
        return FaceAttributeVisualisation.AGE_GENDER_LABELS;
    }

    @Override
    public List<String> layerNames() throws IOException {
        return layers().names();
    }

    @Override
    public String layerName(String nameOrIndex) throws IOException {
        return layers().name(nameOrIndex);
    }

    /** A class job climbs Σ_t w_t · target_t, the targets' weights as weights of the net's [age, male, female]. */
    @Override
    public Inversion.Result run(Technique t, Goal g, InversionOptions o, JobControl control) throws IOException {
        if (t == Technique.CHANNEL) return layers().channel(g, o, control);
        layers();
        double[] out = new double[3];
        for (int k = 0; k < g.weights().length; k++) {
            double[] w = FaceAttributeVisualisation.ageGenderTarget(classNames().get(k));
            for (int j = 0; j < 3; j++) out[j] += g.weights()[k] * w[j];
        }
        return FaceAttributeVisualisation.job(net, out, o.faceOptions(), o.previewEvery()).run(control);
    }

    /** "age 63.2, P(male) 0.12" (a regression and a gender: no class probabilities, a score of 0). */
    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        return t == Technique.CHANNEL ? layers().channelVerdict(g, r, new double[0]) : judged(r.image());
    }

    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        return t == Technique.CHANNEL ? layers().channelBefore(g) : judged(FaceAttributeVisualisation.startImage(o.faceOptions()));
    }

    private Verdict judged(INDArray picture) throws IOException {
        layers();
        AgeGenderNet.AgeGender a = FaceAttributeVisualisation.ageGender(net, picture);
        return new Verdict(0, String.format(Locale.ROOT, "age %.1f, P(male) %.3f", a.age(), a.probabilityMale()), new double[0],
                new int[0], Map.of("age", a.age(), "p_male", a.probabilityMale()));
    }
}
