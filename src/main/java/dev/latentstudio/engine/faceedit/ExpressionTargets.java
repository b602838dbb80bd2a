package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.invert.Objective;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The expression sliders on the expression net's seven logits: −Σ_k BCE(p_k, t_k) over the set expressions, p the
 * softmax. Cross-entropy rather than squared error because its gradient does not vanish where the net is sure and
 * wrong (p near 0 for a wanted expression), and it stops pulling once p reaches the slider. Unset expressions (NaN)
 * are left to the softmax. With a_k = p_k · dBCE/dp_k (0 for unset ones), dL/dz_j = a_j − p_j Σ_k a_k.
 */
public final class ExpressionTargets implements Objective {
    private final double[] targets;

    /** {@code targets}: one per {@link FaceExpressionNet#LABELS}, in 0..1, or NaN where unset. */
    public ExpressionTargets(double[] targets) {
        if (targets.length != FaceExpressionNet.LABELS.size()) {
            throw new IllegalArgumentException("expected " + FaceExpressionNet.LABELS.size() + " targets, got " + targets.length);
        }
        for (double t : targets) if (!Double.isNaN(t) && !(t >= 0 && t <= 1)) throw new IllegalArgumentException("targets are in 0..1, got " + t);
        this.targets = targets.clone();
    }

    @Override
    public Value evaluate(INDArray logits) {
        int n = (int) logits.size(0), k = targets.length;
        double[][] z = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] g = new double[n][k];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] p = softmax(z[i]);
            double[] a = new double[k];
            double sumA = 0;
            for (int j = 0; j < k; j++) {
                if (Double.isNaN(targets[j])) continue;
                double pj = clamp(p[j]), t = targets[j];
                loss -= t * Math.log(pj) + (1 - t) * Math.log(1 - pj);
                // dBCE/dp · p = −t + (1 − t)·p/(1 − p)
                a[j] = -t + (1 - t) * pj / (1 - pj);
                sumA += a[j];
            }
            for (int j = 0; j < k; j++) g[i][j] = -(a[j] - p[j] * sumA) / n; // the score is −loss
        }
        return new Value(-loss / n, Nd4j.createFromArray(g).castTo(logits.dataType()));
    }

    static double[] softmax(double[] z) {
        double top = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) top = Math.max(top, v);
        double[] p = new double[z.length];
        for (int j = 0; j < z.length; j++) sum += p[j] = Math.exp(z[j] - top);
        for (int j = 0; j < z.length; j++) p[j] /= sum;
        return p;
    }

    /** Keeps log finite where the net is certain; the gradient uses the same clamped p, so it stays consistent. */
    private static double clamp(double p) {
        return Math.max(1e-7, Math.min(1 - 1e-7, p));
    }
}
