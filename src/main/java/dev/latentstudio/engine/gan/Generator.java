package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.latent.LatentPrior;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** What the slider fit and its evaluation need of a generator: how latents are drawn, and batches rendered. */
public interface Generator {
    String name();

    LatentPrior prior();

    /** The classes of a conditional generator (empty for an unconditional one). */
    List<String> classNames();

    /** Pictures [n, c, h, w] in [-1, 1] for latents [n, prior().dim()]. */
    INDArray generate(INDArray latents);

    /** The features of G's first hidden layer for latents, [n, …]. */
    INDArray firstHidden(INDArray latents);
}
