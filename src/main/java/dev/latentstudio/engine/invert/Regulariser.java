package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A penalty R(image) that the inversion subtracts from its objective, with its exact gradient. */
public interface Regulariser {

    /** The name its value is reported under in progress events. */
    String name();

    double value(INDArray image);

    /** dR / d image, shaped like the image. */
    INDArray gradient(INDArray image);
}
