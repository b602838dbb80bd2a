package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.nn.Buffers;
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
        INDArray copy = x.dup('c');
        double[] v = copy.data().asDouble();
        Buffers.close(copy); // several times a step (jitter, zoom, blur, TV): not left for the collector
        return v;
    }

    /** Values laid out like {@code like} (shape and data type). */
    static INDArray like(double[] v, INDArray like) {
        return like(v, like.shape(), like.dataType());
    }

    /** Values of this shape and data type; the double copy a cast leaves is freed now (made per step). */
    static INDArray like(double[] v, long[] shape, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray d = Nd4j.create(v, shape, 'c'), out = d.castTo(type);
        if (out != d) Buffers.close(d);
        return out;
    }
}
