package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.nn.GraphLayers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * What one channel of a face recogniser's layer responds to most (Lucid's channel objective on the
 * ComputationGraph): from mid-grey noise held as a Fourier spectrum with decorrelated colour, through the
 * portrait's transforms and face-api's input normalisation, climbing the channel's mean activation.
 */
public final class FaceChannelVisualisation {
    /** The portrait's priors, but from noise and at a larger rate: a channel's activation has no target to stop at. */
    public static final IdentityPortrait.Options DEFAULTS = new IdentityPortrait.Options(200, 0, 0.002, 0, 4, 0.05);

    private FaceChannelVisualisation() {
    }

    public static Inversion job(GraphLayers layers, int layer, int channel, IdentityPortrait.Options o, int previewEvery) {
        return job(layers, layer, channel, FaceRecognitionNet.SIZE, o, previewEvery);
    }

    /** The same for a face network whose input is side×side (112 for face-api's attribute nets). */
    public static Inversion job(GraphLayers layers, int layer, int channel, int side, IdentityPortrait.Options o, int previewEvery) {
        Parameterisation start = Fourier.noise(3, side, side, 0.02, o.seed());
        long channels = activations(layers, layer, start.image()).size(1);
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("layer " + layers.name(layer) + " has channels 0.." + (channels - 1) + ", got " + channel);
        }
        return new Inversion(layers.name(layer) + " channel " + channel, layers.upTo(layer), Objective.channel(channel), start,
                IdentityPortrait.settings(o, previewEvery)).drawnWith(IdentityPortrait::picture);
    }

    /** The layer's activations for a picture in [-1, 1] (normalised as the recogniser's input first). */
    public static INDArray activations(GraphLayers layers, int layer, INDArray picture) {
        return layers.activations(layer, new IdentityPortrait.FaceInput().apply(picture, new Random(0)).image());
    }

    /** The channel's mean activation for a picture in [-1, 1]. */
    public static double activation(GraphLayers layers, int layer, int channel, INDArray picture) {
        return Objective.channel(channel).evaluate(activations(layers, layer, picture)).score();
    }
}
