package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.invert.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The age slider on the age/gender net's output [age, male logit, female logit]: −((age − target) / scale)², the
 * squared error in units of {@code scale} years, so a 10-year miss costs about what a clear expression miss does
 * in cross-entropy and the pull weakens as the estimate arrives (a plain climb of the age would not stop).
 */
public final class AgeTarget implements Objective {
    /** The age error counted as one unit of loss. */
    public static final double SCALE_YEARS = 10;

    private final double target, scale;

    public AgeTarget(double targetYears, double scaleYears) {
        if (!Double.isFinite(targetYears) || !(scaleYears > 0)) throw new IllegalArgumentException("a finite age and a positive scale");
        this.target = targetYears;
        this.scale = scaleYears;
    }

    @Override
    public Value evaluate(INDArray output) {
        int n = (int) output.size(0);
        INDArray g = output.ulike().assign(0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double e = (output.getDouble(i, 0) - target) / scale;
            loss += e * e;
            g.putScalar(i, 0, -2 * e / scale / n);
        }
        return new Value(-loss / n, g);
    }
}
