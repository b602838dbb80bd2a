package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * −Σ_i ‖T_i − φ_i‖² / ‖T_i‖²: how close the activations φ of a layer are to a target T (Mahendran and
 * Vedaldi's feature inversion, negated because the inversion climbs), image i of a batch against row i
 * of the target. Dividing by ‖T_i‖² makes each term the relative error, so one set of regulariser
 * weights suits layers whose activations differ in scale by orders of magnitude, and each image of a
 * batch weighs as much against its regularisers as it would alone; an all-zero target row is not divided.
 */
public final class LayerTarget implements Objective {
    private final INDArray target;
    private final double[] norm;

    public LayerTarget(INDArray target) {
        if (target.rank() < 2) throw new IllegalArgumentException("expected a target [n, ...], got rank " + target.rank());
        this.target = target.dup('c');
        norm = new double[(int) target.size(0)];
        INDArray rows = rows(this.target);
        for (int i = 0; i < norm.length; i++) {
            double sq = rows.getRow(i).norm2Number().doubleValue();
            norm[i] = sq > 0 ? sq * sq : 1;
        }
    }

    @Override
    public Value evaluate(INDArray output) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException("activations " + Arrays.toString(output.shape())
                    + " do not match the target " + Arrays.toString(target.shape()));
        }
        // a fresh c-ordered copy (castTo may return the target itself), so the row view below writes through
        INDArray diff = target.castTo(output.dataType()).dup('c').subi(output);
        INDArray rows = rows(diff);
        double score = 0;
        for (int i = 0; i < norm.length; i++) {
            INDArray row = rows.getRow(i);
            double d = row.norm2Number().doubleValue();
            score -= d * d / norm[i];
            row.muli(2 / norm[i]);
        }
        return new Value(score, diff);
    }

    /** A [n, d] view of a c-ordered [n, ...] array, so row scaling writes through. */
    private static INDArray rows(INDArray x) {
        return x.reshape('c', x.size(0), x.length() / x.size(0));
    }
}
