package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DeepDream's objective (Mordvintsev et al., "Inceptionism"): the mean of the squared activations of a
 * layer, so climbing it amplifies whatever that layer already sees in the picture. The mean rather than
 * the sum keeps the score comparable between octaves of different sizes.
 */
public final class Dream implements Objective {

    @Override
    public Value evaluate(INDArray output) {
        double n = output.length();
        INDArray d = output.castTo(DataType.DOUBLE);
        double score = d.mul(d).sumNumber().doubleValue() / n;
        return new Value(score, output.mul(2 / n));
    }
}
