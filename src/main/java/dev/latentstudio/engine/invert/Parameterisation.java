package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the optimised numbers become a picture. Raw pixels now; a Fourier-space one with decorrelated
 * colour fits the same shape: the optimiser updates {@link #params()} in place, gradients with
 * respect to the image are pulled back through {@link #paramGradient}, and image-space operations
 * (clipping, blur) go through {@link #setImage}.
 */
public interface Parameterisation {

    /** The numbers the optimiser changes, in place. */
    INDArray params();

    /** The picture they stand for, NCHW; a fresh array the caller may keep. */
    INDArray image();

    /** d loss / d params from d loss / d image. */
    INDArray paramGradient(INDArray imageGradient);

    /** Replaces the parameters by the ones that give this image. */
    void setImage(INDArray image);

    /** The picture as its start moved and painted ({@link Moved}), for a caller to move a larger original the same way; null where it is not one. */
    default Moved moved() {
        return null;
    }
}
