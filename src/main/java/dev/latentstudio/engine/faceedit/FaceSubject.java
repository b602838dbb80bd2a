package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceLandmarks68;
import dev.latentstudio.engine.face.Similarity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;

/**
 * The face an edit starts from and keeps as its reference: the photo, its largest face's landmarks and alignment
 * (photo → 150 chip), the aligned chip ([1, 3, 150, 150] in [-1, 1]), the recogniser's descriptor and shallow
 * activations of it, what the attribute nets see ({@link AttributeView}), the face mask in chip pixels, the
 * paste-back, and the nets' reading of the original. Built by {@link FaceEditor#subject}; successive edits share it.
 */
public record FaceSubject(BufferedImage photo, FaceLandmarks68 landmarks, Similarity photoToChip, INDArray chip,
                          float[] descriptor, INDArray appearance, AttributeView view, double[] mask, PasteBack paste,
                          Reading original) {
    public FaceSubject {
        descriptor = descriptor.clone();
        mask = mask.clone();
    }

    @Override
    public float[] descriptor() {
        return descriptor.clone();
    }

    @Override
    public double[] mask() {
        return mask.clone();
    }

    @Override
    public INDArray chip() {
        return chip.dup();
    }
}
