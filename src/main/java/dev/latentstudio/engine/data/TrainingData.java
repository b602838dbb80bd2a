package dev.latentstudio.engine.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Images a GAN trains on: square, channels×side×side, pixels in [-1, 1] (the generator's tanh range). */
public interface TrainingData {
    int size();

    int channels();

    int side();

    /** The images at the given indices as an NCHW float batch [n, channels, side, side]. */
    INDArray batch(int[] idx);

    /** What the data are, for the model card's data field. */
    String describe();
}
