package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.job.JobControl;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.List;

/**
 * face-api's expression net ({@value InversionNet#FACE_EXPRESSION}): the mean face changed until it shows the wanted
 * expressions (their logits climb together), or a channel; judged by its seven probabilities.
 */
public final class ExpressionNet extends FaceNet<FaceExpressionNet> {
    /** Named only; the weights load on first use. */
    public ExpressionNet() {
        super(FACE_EXPRESSION, FaceExpressionNet::load, FaceExpressionNet::graph, FaceExpressionNet.SIZE);
    }

    @Override
    public List<String> classNames() {
        return FaceExpressionNet.LABELS;
    }

    @Override
    Inversion.Result climb(Goal g, InversionOptions o, JobControl control) throws IOException {
        return FaceAttributeVisualisation.job(net(), g.weights(), o.faceOptions(), o.previewEvery()).run(control);
    }

    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        double[] p = probabilities(r.image());
        return t == Technique.CHANNEL ? channelVerdict(g, r, p) : judged(g, p);
    }

    /** The expressions' probabilities for the start face (the mean face); a channel's activation on mid-grey. */
    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        if (t == Technique.CHANNEL) return channelBefore(g);
        return judged(g, probabilities(FaceAttributeVisualisation.startImage(o.faceOptions())));
    }

    private static Verdict judged(Goal g, double[] p) {
        int top = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[top]) top = k;
        return Verdict.classes(g.weights(), p, new int[]{top});
    }

    private double[] probabilities(INDArray picture) throws IOException {
        float[] p = FaceAttributeVisualisation.probabilities(net(), picture);
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) out[k] = p[k];
        return out;
    }
}
