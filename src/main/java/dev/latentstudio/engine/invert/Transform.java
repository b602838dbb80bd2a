package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * A random, differentiable change of the image before it enters the network each step (jitter,
 * later scale and rotation): the optimum must survive it, which keeps the picture from becoming
 * pixel-exact adversarial noise. The gradient that comes back is mapped through the adjoint.
 */
public interface Transform {

    /** One application: the changed image and the adjoint that maps gradients back. */
    interface Applied {
        INDArray image();

        /** Jᵀ g: a gradient with respect to the changed image, as one with respect to the original. */
        INDArray pullBack(INDArray gradient);
    }

    Applied apply(INDArray image, Random rnd);
}
