package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.invert.Objective;
import dev.latentstudio.engine.invert.Transform;
import dev.latentstudio.engine.nn.GraphLayers;
import dev.latentstudio.engine.nn.InputGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

/**
 * The recogniser's two terms that hold a face while something else changes it: identity (descriptor distance² to the
 * original's, {@link DescriptorDistance}) and appearance (the shallow layer {@value FaceEditor#APPEARANCE_LAYER} toward
 * the original's activations). One per recogniser: it holds the backprops, which the face edit and the landmark moves share.
 */
final class RecogniserTerms {
    private final FaceRecognitionNet recogniser;
    private final InputGradient.Backprop identityGrad, appearanceGrad;
    private final GraphLayers layers;
    private final int appearanceLayer;

    RecogniserTerms(FaceRecognitionNet recogniser) {
        this.recogniser = recogniser;
        identityGrad = InputGradient.backprop(recogniser.graph());
        layers = new GraphLayers(recogniser.graph());
        appearanceLayer = layers.index(FaceEditor.APPEARANCE_LAYER);
        appearanceGrad = layers.upTo(appearanceLayer);
    }

    /** The descriptor of a chip ([1, 3, 150, 150] in [-1, 1]). */
    float[] descriptor(INDArray chip) {
        return recogniser.descriptor(FaceEditor.rgb(chip));
    }

    /** The appearance layer's activations on a chip ([1, 3, 150, 150] in [-1, 1]), as the appearance term reads them. */
    INDArray appearance(INDArray chip) {
        return layers.activations(appearanceLayer, new IdentityPortrait.FaceInput().apply(chip.castTo(DataType.FLOAT), new Random(0)).image());
    }

    /** Descriptor distance² to {@code reference}, the picture seen through {@code input}, reported as "identity". */
    ImageTerm identity(float[] reference, List<Transform> input) {
        return FaceEditor.reported("identity", ImageTerm.of(identityGrad, new DescriptorDistance(reference), input));
    }

    /** The appearance layer toward {@code reference}, the picture seen through {@code input}, reported as "appearance". */
    ImageTerm appearance(INDArray reference, List<Transform> input) {
        return FaceEditor.reported("appearance", ImageTerm.of(appearanceGrad, Objective.layerTarget(reference), input));
    }
}
