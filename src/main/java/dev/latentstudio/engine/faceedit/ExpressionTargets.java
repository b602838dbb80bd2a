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
 * are left to the softmax, or held ({@link #holding}): their shares among themselves, q_j = p_j / Σ_unset p, kept at
 * the original face's by h · m · KL(q0 ‖ q), m = Σ_unset p the mass they share (0 when held). The shares, not
 * the probabilities: the unset ones must give up the mass a raised slider takes (held at p0 itself, the seven could not
 * sum to 1 and the hold would fight the slider), but "happy" should not also make the face "surprised". The shares do
 * not depend on the set logits, so only the weight m ties the hold to a slider.
 * With a_k = p_k · dBCE/dp_k (0 for unset ones), the sliders' dL/dz_j = a_j − p_j Σ_k a_k.
 */
public final class ExpressionTargets implements Objective {
    private final double[] targets;
    private final double[] shares; // the original's shares among the unset expressions (0 for set ones), or null
    private final double hold;

    /** {@code targets}: one per {@link FaceExpressionNet#LABELS}, in 0..1, or NaN where unset (left free). */
    public ExpressionTargets(double[] targets) {
        this(targets, null, 0);
    }

    private ExpressionTargets(double[] targets, double[] shares, double hold) {
        if (targets.length != FaceExpressionNet.LABELS.size()) {
            throw new IllegalArgumentException("expected " + FaceExpressionNet.LABELS.size() + " targets, got " + targets.length);
        }
        for (double t : targets) if (!Double.isNaN(t) && !(t >= 0 && t <= 1)) throw new IllegalArgumentException("targets are in 0..1, got " + t);
        this.targets = targets.clone();
        this.shares = shares;
        this.hold = hold;
    }

    /**
     * The set expressions toward their targets, and the unset ones' shares among themselves held at {@code original}'s
     * (the face's probabilities) with weight {@code hold}; 0 (or every expression set) leaves them free.
     */
    public static ExpressionTargets holding(double[] targets, double[] original, double hold) {
        if (original.length != targets.length) throw new IllegalArgumentException("expected " + targets.length + " original probabilities, got " + original.length);
        if (!(hold >= 0 && Double.isFinite(hold))) throw new IllegalArgumentException("the hold's weight must be finite and >= 0, got " + hold);
        double mass = 0;
        for (int k = 0; k < targets.length; k++) if (Double.isNaN(targets[k])) mass += original[k];
        if (hold == 0 || !(mass > 0)) return new ExpressionTargets(targets);
        double[] q = new double[targets.length];
        for (int k = 0; k < q.length; k++) q[k] = Double.isNaN(targets[k]) ? original[k] / mass : 0;
        return new ExpressionTargets(targets, q, hold);
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
            if (shares != null) loss += hold(p, g[i], n);
        }
        return new Value(-loss / n, Nd4j.createFromArray(g).castTo(logits.dataType()));
    }

    /**
     * The hold's loss for one row ({@code p} its softmax), h · m · KL(q0 ‖ q) with m = Σ_unset p (the KL of the shares, weighted by the mass they
     * share: once a slider has taken nearly all of it, the shares of what is left must not outvote the slider), its
     * gradient added into {@code g} (on −loss / n). dm/dz_j = p_j (1[j unset] − m), dKL/dz_j = (q_j − q0_j) 1[j unset].
     */
    private double hold(double[] p, double[] g, int n) {
        double m = 0, kl = 0;
        for (int j = 0; j < p.length; j++) if (Double.isNaN(targets[j])) m += p[j];
        if (!(m > 0)) return 0;
        for (int j = 0; j < p.length; j++) {
            if (Double.isNaN(targets[j]) && shares[j] > 0) kl += shares[j] * (Math.log(shares[j]) - Math.log(Math.max(1e-300, p[j] / m)));
        }
        for (int j = 0; j < p.length; j++) {
            boolean unset = Double.isNaN(targets[j]);
            double d = kl * p[j] * ((unset ? 1 : 0) - m) + (unset ? p[j] - m * shares[j] : 0);
            g[j] -= hold * d / n;
        }
        return hold * m * kl;
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
