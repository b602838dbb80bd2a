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

    /** Each image's class (0..classNames().size()−1), or null for unlabelled data. */
    default int[] labels() {
        return null;
    }

    /** The classes of the records at {@code idx} (labelled data only). */
    default int[] labelsAt(int[] idx) {
        int[] all = labels(), out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = all[idx[i]];
        return out;
    }

    /** Names of the classes that {@link #labels} index, or null for unlabelled data. */
    default java.util.List<String> classNames() {
        return null;
    }
}
