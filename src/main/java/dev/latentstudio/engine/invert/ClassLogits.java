package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Σ_i Σ_k w_k · logit[i, k]: one class (a single weight of 1) or several with weights. Raw logits
 * rather than log-probabilities, as Simonyan et al. do: maximising a probability can be won by
 * pushing the other classes down instead of drawing the wanted one.
 */
public final class ClassLogits implements Objective {
    private final double[] weights;

    public ClassLogits(double[] weights) {
        this.weights = weights.clone();
    }

    public static ClassLogits of(int cls) {
        if (cls < 0) throw new IllegalArgumentException("class index must be >= 0, got " + cls);
        double[] w = new double[cls + 1];
        w[cls] = 1;
        return new ClassLogits(w);
    }

    @Override
    public Value evaluate(INDArray logits) {
        if (logits.rank() != 2 || logits.size(1) < weights.length) {
            throw new IllegalArgumentException("expected logits [n, >=" + weights.length + "], got "
                    + java.util.Arrays.toString(logits.shape()));
        }
        long n = logits.size(0), k = logits.size(1);
        INDArray grad = Nd4j.zeros(logits.dataType(), n, k);
        double score = 0;
        for (int c = 0; c < weights.length; c++) {
            if (weights[c] == 0) continue;
            grad.getColumn(c).assign(weights[c]);
            score += weights[c] * logits.getColumn(c).sumNumber().doubleValue();
        }
        return new Value(score, grad);
    }
}
