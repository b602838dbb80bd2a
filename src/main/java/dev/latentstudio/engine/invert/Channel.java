package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mean activation of one channel of a layer (over the batch and, for a convolutional layer, over
 * all positions): Lucid's channel objective. For a dense layer a channel is a single neuron.
 */
public final class Channel implements Objective {
    private final int channel;

    public Channel(int channel) {
        if (channel < 0) throw new IllegalArgumentException("channel must be >= 0, got " + channel);
        this.channel = channel;
    }

    @Override
    public Value evaluate(INDArray output) {
        if (output.rank() != 2 && output.rank() != 4) {
            throw new IllegalArgumentException("expected activations [n, c] or [n, c, h, w], got rank " + output.rank());
        }
        if (channel >= output.size(1)) {
            throw new IllegalArgumentException("channel " + channel + " of a layer with " + output.size(1));
        }
        INDArrayIndex[] at = new INDArrayIndex[output.rank()];
        for (int i = 0; i < at.length; i++) at[i] = NDArrayIndex.all();
        at[1] = NDArrayIndex.point(channel);
        INDArray slice = output.get(at);
        double count = slice.length();
        INDArray grad = Nd4j.zeros(output.dataType(), output.shape());
        grad.get(at).assign(1 / count);
        return new Value(slice.sumNumber().doubleValue() / count, grad);
    }
}
