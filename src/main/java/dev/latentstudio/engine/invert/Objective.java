package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an inversion climbs: a scalar score of the network's output for a batch of images, and its
 * gradient with respect to that output (the inversion backpropagates it to the pixels). Objectives
 * are small values that add and scale, as Lucid's do: {@code classLogit(3).plus(classLogit(8).times(0.5))}.
 */
public interface Objective {

    /** A score and d score / d output, shaped like the output. */
    record Value(double score, INDArray gradient) {
    }

    Value evaluate(INDArray output);

    default Objective plus(Objective other) {
        Objective self = this;
        return output -> {
            Value a = self.evaluate(output), b = other.evaluate(output);
            return new Value(a.score() + b.score(), a.gradient().add(b.gradient()));
        };
    }

    default Objective times(double weight) {
        Objective self = this;
        return output -> {
            Value a = self.evaluate(output);
            return new Value(weight * a.score(), a.gradient().mul(weight));
        };
    }

    /** The raw (pre-softmax) logit of one class, summed over the batch. */
    static Objective classLogit(int cls) {
        return ClassLogits.of(cls);
    }

    /** −‖T − φ‖² / ‖T‖² for a layer's activations φ (the network's output is the layer: see LayerNetworks). */
    static Objective layerTarget(INDArray target) {
        return new LayerTarget(target);
    }

    /** DeepDream's: the mean squared activation of a layer. */
    static Objective dream() {
        return new Dream();
    }

    /** The mean activation of one channel (one neuron of a dense layer). */
    static Objective channel(int channel) {
        return new Channel(channel);
    }

    /** Cosine similarity of the output embedding to a target embedding (a face network's descriptor). */
    static Objective embeddingSimilarity(INDArray target) {
        return new EmbeddingSimilarity(target);
    }
}
