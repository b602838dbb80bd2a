package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * −Σ_selected ‖p_k − t_k‖² on the landmark net's output [n, 136] (x, y interleaved, fractions of its square input),
 * for the first picture, scaled by side² so that the score reads in the input's pixels squared (the rest of the
 * inversion's terms are sized in pixels too). Each point's term has its own weight: a point not moved can be held at
 * its original place (its target) with a small one, or have no say with 0.
 */
final class LandmarkTargets implements Objective {
    private final double[] targets;
    private final double[] weights;
    private final double side2;
    private final java.util.function.Supplier<double[]> shift;

    /** {@code targets} as the net's outputs (136), {@code selected} per point (68), the input's side. */
    LandmarkTargets(float[] targets, boolean[] selected, int side) {
        this(targets, selected, side, () -> new double[2]);
    }

    /**
     * The same with the targets moved by {@code shift} (dx, dy in the net's output units) at each evaluation: the shift
     * the picture was jittered by this step, which moves its points with it.
     */
    LandmarkTargets(float[] targets, boolean[] selected, int side, java.util.function.Supplier<double[]> shift) {
        this(targets, weights(selected, 0), side, shift);
    }

    /** Per-point {@code weights} (68, each ≥ 0) instead of a selection. */
    LandmarkTargets(float[] targets, double[] weights, int side, java.util.function.Supplier<double[]> shift) {
        this.shift = shift;
        if (targets.length != 2 * weights.length) throw new IllegalArgumentException(targets.length + " targets for " + weights.length + " points");
        for (double w : weights) if (!(w >= 0)) throw new IllegalArgumentException("landmark weights must be >= 0, got " + w);
        this.targets = new double[targets.length];
        for (int i = 0; i < targets.length; i++) this.targets[i] = targets[i];
        this.weights = weights.clone();
        this.side2 = (double) side * side;
    }

    /** Weight 1 for the selected points, {@code others} for the rest. */
    static double[] weights(boolean[] selected, double others) {
        double[] w = new double[selected.length];
        for (int k = 0; k < w.length; k++) w[k] = selected[k] ? 1 : others;
        return w;
    }

    @Override
    public Value evaluate(INDArray output) {
        if (output.rank() != 2 || output.size(1) != targets.length) {
            throw new IllegalArgumentException("expected landmark outputs [n, " + targets.length + "], got " + java.util.Arrays.toString(output.shape()));
        }
        double score = 0;
        double[] d = shift.get();
        double[] g = new double[(int) output.length()]; // only the first row is non-zero
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] == 0) continue;
            for (int j = 2 * k; j <= 2 * k + 1; j++) {
                double e = output.getDouble(0, j) - targets[j] - d[j % 2];
                score -= weights[k] * side2 * e * e;
                g[j] = -2 * weights[k] * side2 * e;
            }
        }
        return new Value(score, Nd4j.create(g, output.shape(), 'c').castTo(output.dataType()));
    }
}
