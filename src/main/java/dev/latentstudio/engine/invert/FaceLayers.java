package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.GraphLayers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** A face network's layers as its channel visualisations use them: the job, and the channel's activation on a picture. */
final class FaceLayers {
    /** What face-api's attribute nets offer: their targets, and channels. */
    static final List<Technique> ATTRIBUTE_TECHNIQUES = List.of(Technique.CLASS, Technique.CHANNEL);

    private final GraphLayers layers;
    private final int side;

    FaceLayers(ComputationGraph graph, int side) {
        this.layers = new GraphLayers(graph);
        this.side = side;
    }

    /** The attribute nets' defaults: the class visualisation's on faces, or the channels'. */
    static InversionOptions attributeDefaults(Technique t) {
        return InversionOptions.of(t == Technique.CHANNEL ? FaceChannelVisualisation.DEFAULTS : FaceAttributeVisualisation.DEFAULTS);
    }

    List<String> names() {
        return layers.names();
    }

    String name(String nameOrIndex) {
        return layers.name(layers.index(nameOrIndex));
    }

    Inversion.Result channel(Goal g, InversionOptions o, JobControl control) {
        return FaceChannelVisualisation.job(layers, layers.index(g.layer()), g.channel(), side, o.faceOptions(), o.previewEvery()).run(control);
    }

    /** The climbed activation, and the channel's own on the picture. */
    Verdict channelVerdict(Goal g, Inversion.Result r, double[] probabilities) {
        return Verdict.activation(r, probabilities, new int[0], "activation", activation(g, r.image()));
    }

    /** The channel's activation on mid-grey. */
    Verdict channelBefore(Goal g) {
        return Verdict.figure("activation", activation(g, Nd4j.zeros(DataType.FLOAT, 1, 3, side, side)));
    }

    private double activation(Goal g, org.nd4j.linalg.api.ndarray.INDArray image) {
        return FaceChannelVisualisation.activation(layers, layers.index(g.layer()), g.channel(), image);
    }
}
