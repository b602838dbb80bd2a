package dev.latentstudio.engine.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A set of 28×28 grey images (digits, or Fashion-MNIST's garments: {@code source} says which) with pixels
 * scaled to [-1, 1] (the generator's tanh range) and class labels 0..9.
 */
public record Digits(float[] pixels, int[] labels, Dataset source) implements TrainingData {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    public Digits {
        if (source == null) throw new IllegalArgumentException("say which data set the images are from");
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + labels.length + " images of 28×28");
        }
    }

    /** Bundled digits ({@link Dataset#DIGITS}). */
    public Digits(float[] pixels, int[] labels) {
        this(pixels, labels, Dataset.DIGITS);
    }

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
        String name = source == Dataset.FASHION ? "Fashion-MNIST garments (assets/fashion-mnist)" : "MNIST-10k digits (assets/mnist)";
        return name + ", " + String.format(java.util.Locale.ROOT, "%,d", size()) + (size() == source.trainSize() ? ": its training split" : " records");
    }

    @Override
    public java.util.List<String> classNames() {
        return source.classNames();
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive), copied, from the same data set. */
    public Digits slice(int from, int to) {
        if (from < 0 || to > size() || from > to) throw new IllegalArgumentException("no records " + from + ".." + to + " of " + size());
        return new Digits(Arrays.copyOfRange(pixels, from * PIXELS, to * PIXELS), Arrays.copyOfRange(labels, from, to), source);
    }

    /** The first {@code n} records (all of them when there are fewer). */
    public Digits head(int n) {
        return n >= size() ? this : slice(0, n);
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
