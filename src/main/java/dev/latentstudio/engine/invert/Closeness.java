package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * weight/2 · Σ (x − x₀)²: keeps a picture edited by an inversion close to the one it started from, so that only
 * what the objective needs changes (the rest of a face whose landmarks move).
 */
final class Closeness implements Regulariser {
    private final double weight;
    private final INDArray original;

    Closeness(double weight, INDArray original) {
        if (!(weight >= 0)) throw new IllegalArgumentException("closeness weight must be >= 0, got " + weight);
        this.weight = weight;
        this.original = original.castTo(DataType.FLOAT).dup('c');
    }

    @Override
    public String name() {
        return "closeness";
    }

    @Override
    public double value(INDArray image) {
        INDArray d = image.castTo(DataType.DOUBLE).sub(original.castTo(DataType.DOUBLE));
        return 0.5 * weight * d.mul(d).sumNumber().doubleValue();
    }

    @Override
    public INDArray gradient(INDArray image) {
        return image.sub(original.castTo(image.dataType())).muli(weight);
    }
}
