package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * −‖T − φ‖² / ‖T‖²: how close the activations φ of a layer are to a target T (Mahendran and Vedaldi's
 * feature inversion, negated because the inversion climbs). Dividing by ‖T‖² makes the score the
 * relative error, so one set of regulariser weights suits layers whose activations differ in scale
 * by orders of magnitude; a target of all zeros is not divided.
 */
public final class LayerTarget implements Objective {
    private final INDArray target;
    private final double norm;

    public LayerTarget(INDArray target) {
        this.target = target.dup();
        double sq = target.norm2Number().doubleValue();
        this.norm = sq > 0 ? sq * sq : 1;
    }

    @Override
    public Value evaluate(INDArray output) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException("activations " + Arrays.toString(output.shape())
                    + " do not match the target " + Arrays.toString(target.shape()));
        }
        INDArray diff = target.castTo(output.dataType()).sub(output);
        double d = diff.norm2Number().doubleValue();
        return new Value(-d * d / norm, diff.muli(2 / norm));
    }
}
