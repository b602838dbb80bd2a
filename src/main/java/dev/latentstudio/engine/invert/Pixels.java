package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** The image is its own parameter: the identity parameterisation. */
public final class Pixels implements Parameterisation {
    private final INDArray pixels;

    public Pixels(INDArray image) {
        if (image.rank() != 4) throw new IllegalArgumentException("expected an NCHW image, got rank " + image.rank());
        this.pixels = image.castTo(DataType.FLOAT).dup('c');
    }

    /** A start image [1, c, h, w]: {@code base} (CHW, e.g. the data set's mean image) plus N(0, noise²), seeded. */
    public static Pixels around(float[] base, int c, int h, int w, double noise, long seed) {
        if (base.length != c * h * w) throw new IllegalArgumentException(base.length + " values for " + c + "x" + h + "x" + w);
        Random rnd = new Random(seed);
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) (base[i] + noise * rnd.nextGaussian());
        return new Pixels(Nd4j.create(v, new long[]{1, c, h, w}, 'c'));
    }

    @Override
    public INDArray params() {
        return pixels;
    }

    @Override
    public INDArray image() {
        return pixels.dup();
    }

    @Override
    public INDArray paramGradient(INDArray imageGradient) {
        return imageGradient;
    }

    @Override
    public void setImage(INDArray image) {
        pixels.assign(image);
    }
}
