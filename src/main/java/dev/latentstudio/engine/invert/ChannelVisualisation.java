package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.nn.LayerNetworks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The picture one channel of a layer responds to most (Lucid's channel objective): climb the channel's
 * mean activation through the network cut at that layer. Works on any network {@link LayerNetworks} can
 * cut, grey or colour, at its input size.
 */
public final class ChannelVisualisation {
    /**
     * Class visualisation's defaults without its L2 and TV: those are sums over the pixels, weighed against
     * a logit of about 10, while a channel's mean activation is 0.01–1, so they won (measured: conv2 channel
     * 5 of the digit classifier fell from 0.014 to 0.009 in 10 steps with them, rose to 0.27 without).
     * Jitter and blur remain the priors.
     */
    public static final ClassVisualisation.Options DEFAULTS = new ClassVisualisation.Options(200, 0, 0, 0, 2, 4, 0.05, 0.1);

    private ChannelVisualisation() {
    }

    /**
     * The job for {@code channel} of {@code layer}, starting from {@code base} (CHW, c×h×w: the data set's
     * mean image, or zeros for mid-grey) plus the options' noise; L2 pulls towards {@code background}.
     */
    public static Inversion job(LayerNetworks layers, int layer, int channel, float[] base, int c, int h, int w,
                                ClassVisualisation.Options o, double background) {
        String name = layers.name(layer);
        Parameterisation start = o.start(base, c, h, w);
        long channels = layers.activations(layer, start.image()).size(1);
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("layer " + name + " has channels 0.." + (channels - 1) + ", got " + channel);
        }
        return new Inversion(name + " channel " + channel, layers.upTo(layer), Objective.channel(channel), start,
                o.settings(10, background));
    }

    /** The job's start image (the same seed gives the same noise). */
    public static INDArray start(float[] base, int c, int h, int w, ClassVisualisation.Options o) {
        return o.start(base, c, h, w).image();
    }
}
