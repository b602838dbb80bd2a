package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.invert.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gender slider on the age/gender net's output [age, male logit, female logit]: −BCE(P(male), target) with
 * P(male) = σ(male − female), the net's own softmax of two logits. Its gradient is (target − P) on the male logit and
 * the opposite on the female one: it fades as P reaches the slider, and a target of 0 or 1 pushes on until the
 * other weights hold it back.
 */
public final class GenderTarget implements Objective {
    private final double target;

    /** {@code pMale}: the wanted P(male), 0..1. */
    public GenderTarget(double pMale) {
        if (!(pMale >= 0 && pMale <= 1)) throw new IllegalArgumentException("P(male) is in 0..1, got " + pMale);
        this.target = pMale;
    }

    @Override
    public Value evaluate(INDArray output) {
        int n = (int) output.size(0);
        INDArray g = output.ulike().assign(0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double d = output.getDouble(i, 1) - output.getDouble(i, 2);
            double p = 1 / (1 + Math.exp(-d));
            // log σ(d) and log(1 − σ(d)) written to stay finite for large |d|
            double logP = -Math.log1p(Math.exp(-Math.abs(d))) + Math.min(d, 0), logQ = logP - d;
            loss -= target * logP + (1 - target) * logQ;
            g.putScalar(i, 1, (target - p) / n);
            g.putScalar(i, 2, -(target - p) / n);
        }
        return new Value(-loss / n, g);
    }
}
