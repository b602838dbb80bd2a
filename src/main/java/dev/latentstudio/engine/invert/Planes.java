package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NCHW arrays as plain double arrays for the small per-pixel operations (shifts, blur, TV): at
 * these image sizes a Java loop is clear, exact in double, and fast enough next to the network.
 */
final class Planes {
    private Planes() {
    }

    static double[] values(INDArray x) {
        if (x.rank() != 4) throw new IllegalArgumentException("expected an NCHW array, got rank " + x.rank());
        return x.dup('c').data().asDouble();
    }

    /** Values laid out like {@code like} (shape and data type). */
    static INDArray like(double[] v, INDArray like) {
        return Nd4j.create(v, like.shape(), 'c').castTo(like.dataType());
    }
}
