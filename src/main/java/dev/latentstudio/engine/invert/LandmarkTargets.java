package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * −Σ_selected ‖p_k − t_k‖² on the landmark net's output [n, 136] (x, y interleaved, fractions of its square input),
 * for the first picture, scaled by side² so that the score reads in the input's pixels squared (the rest of the
 * inversion's terms are sized in pixels too). Points not selected have no say.
 */
final class LandmarkTargets implements Objective {
    private final double[] targets;
    private final boolean[] selected;
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
        this.shift = shift;
        if (targets.length != 2 * selected.length) throw new IllegalArgumentException(targets.length + " targets for " + selected.length + " points");
        this.targets = new double[targets.length];
        for (int i = 0; i < targets.length; i++) this.targets[i] = targets[i];
        this.selected = selected.clone();
        this.side2 = (double) side * side;
    }

    @Override
    public Value evaluate(INDArray output) {
        if (output.rank() != 2 || output.size(1) != targets.length) {
            throw new IllegalArgumentException("expected landmark outputs [n, " + targets.length + "], got " + java.util.Arrays.toString(output.shape()));
        }
        double score = 0;
        double[] d = shift.get();
        double[] g = new double[(int) output.length()]; // only the first row is non-zero
        for (int k = 0; k < selected.length; k++) {
            if (!selected[k]) continue;
            for (int j = 2 * k; j <= 2 * k + 1; j++) {
                double e = output.getDouble(0, j) - targets[j] - d[j % 2];
                score -= side2 * e * e;
                g[j] = -2 * side2 * e;
            }
        }
        return new Value(score, Nd4j.create(g, output.shape(), 'c').castTo(output.dataType()));
    }
}
