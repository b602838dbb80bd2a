package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * weight/2 · Σ (x − anchor)²: holds a picture near another one (a morph's previous frame), where {@link L2Decay}
 * pulls every pixel to one value.
 */
final class Tether implements Regulariser {
    private final double weight;
    private final INDArray anchor;

    Tether(double weight, INDArray anchor) {
        if (!(weight >= 0)) throw new IllegalArgumentException("the tether's weight must be >= 0, got " + weight);
        this.weight = weight;
        this.anchor = anchor.castTo(DataType.DOUBLE).dup();
    }

    @Override
    public String name() {
        return "tether";
    }

    @Override
    public double value(INDArray image) {
        INDArray d = image.castTo(DataType.DOUBLE).sub(anchor);
        return 0.5 * weight * d.mul(d).sumNumber().doubleValue();
    }

    @Override
    public INDArray gradient(INDArray image) {
        return image.castTo(DataType.DOUBLE).sub(anchor).muli(weight).castTo(image.dataType());
    }
}
