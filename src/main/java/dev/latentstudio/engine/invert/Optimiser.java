package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Moves the parameters up a gradient (ascent), in place; keeps whatever state it needs between steps. */
public interface Optimiser {
    void ascend(INDArray params, INDArray gradient);
}
