package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;

/**
 * A picture a reconstruction, dream or portrait starts from, loaded once as the network's input
 * ({@link InversionNet#start}); a front holds it and shows {@link #picture()} without touching the array.
 */
public final class Start {
    final INDArray image; // null for a portrait of a descriptor alone (an enrolled person)
    final float[] descriptor; // the face's, for a portrait; else null
    private final int label;

    Start(INDArray image, float[] descriptor, int label) {
        this.image = image;
        this.descriptor = descriptor;
        this.label = label;
    }

    /** A portrait's start from a 128-d face descriptor alone (an enrolled person's mean): no picture. */
    public static Start ofDescriptor(float[] descriptor) {
        return new Start(null, descriptor.clone(), -1);
    }

    /** As the network sees it: 28×28 grey, or the aligned 150×150 face; null for a descriptor alone. */
    public BufferedImage picture() {
        return image == null ? null : Inversion.picture(image);
    }

    /** A held-out picture's class in its data set; -1 for the user's own picture or a face. */
    public int label() {
        return label;
    }
}
