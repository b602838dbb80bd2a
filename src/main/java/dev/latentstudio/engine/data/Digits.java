package dev.latentstudio.engine.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A set of 28×28 grey digits, pixels scaled to [-1, 1] (the generator's tanh range), with labels. */
public record Digits(float[] pixels, int[] labels) implements TrainingData {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int side() {
        return SIDE;
    }

    @Override
    public String describe() {
        return "MNIST-10k digits (assets/mnist), " + size() + " records (the training split is the first 8,500)";
    }

    public float[] image(int i) {
        float[] out = new float[PIXELS];
        System.arraycopy(pixels, i * PIXELS, out, 0, PIXELS);
        return out;
    }

    /** The images at the given indices as an NCHW batch [n, 1, 28, 28]. */
    @Override
    public INDArray batch(int[] idx) {
        float[] buf = new float[idx.length * PIXELS];
        for (int k = 0; k < idx.length; k++) System.arraycopy(pixels, idx[k] * PIXELS, buf, k * PIXELS, PIXELS);
        return Nd4j.create(buf, new long[]{idx.length, 1, SIDE, SIDE}, 'c');
    }

    public INDArray batch(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return batch(idx);
    }

    /** One-hot labels [n, 10] for the given indices. */
    public INDArray oneHot(int[] idx) {
        INDArray y = Nd4j.zeros(idx.length, 10);
        for (int k = 0; k < idx.length; k++) y.putScalar(k, labels[idx[k]], 1f);
        return y;
    }
}
