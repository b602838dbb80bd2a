package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.GraphLayers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A face-api network (models/face-api) as an {@link InversionNet}: loaded on first use, channels at its named layers
 * (from mid-grey noise, with the portrait's colour priors), and its own technique ({@link #climb}): the attribute nets'
 * targets unless a kind says otherwise.
 */
public abstract sealed class FaceNet<N> implements InversionNet permits PhotoFaceNet, ExpressionNet, AgeGenderTargetNet, DetectorNet {
    /** How a face network is read from its folder. */
    interface Loader<N> {
        N load(Path dir) throws IOException;
    }

    private final String model;
    private final Loader<N> loader;
    private final Function<N, ComputationGraph> graph;
    private final int side;
    private N net;
    private GraphLayers layers;

    FaceNet(String model, Loader<N> loader, Function<N, ComputationGraph> graph, int side) {
        this.model = model;
        this.loader = loader;
        this.graph = graph;
        this.side = side;
    }

    /** The network, loaded on first use. */
    final synchronized N net() throws IOException {
        if (net == null) {
            net = loader.load(InversionNet.faceModels());
            layers = new GraphLayers(graph.apply(net));
        }
        return net;
    }

    private GraphLayers layers() throws IOException {
        net();
        return layers;
    }

    @Override
    public final String model() {
        return model;
    }

    /** The attribute nets' offer: their targets, and channels. */
    @Override
    public List<Technique> techniques() {
        return List.of(Technique.CLASS, Technique.CHANNEL);
    }

    /** The attribute nets' defaults: the class visualisation's on faces, or the channels'. */
    @Override
    public InversionOptions defaults(Technique t) {
        return InversionOptions.of(t == Technique.CHANNEL ? FaceChannelVisualisation.DEFAULTS : FaceAttributeVisualisation.DEFAULTS);
    }

    @Override
    public final List<String> layerNames() throws IOException {
        return layers().names();
    }

    @Override
    public final String layerName(String nameOrIndex) throws IOException {
        return layers().name(layers().index(nameOrIndex));
    }

    @Override
    public final Inversion.Result run(Technique t, Goal g, InversionOptions o, JobControl control) throws IOException {
        if (t != Technique.CHANNEL) return climb(g, o, control);
        GraphLayers l = layers();
        return FaceChannelVisualisation.job(l, l.index(g.layer()), g.channel(), side, o.faceOptions(), o.previewEvery()).run(control);
    }

    /** The kind's own technique (a class visualisation, or the portrait), toward {@code g}. */
    abstract Inversion.Result climb(Goal g, InversionOptions o, JobControl control) throws IOException;

    /** A channel's verdict: the climbed activation, and the channel's own on the picture. */
    final Verdict channelVerdict(Goal g, Inversion.Result r, double[] probabilities) throws IOException {
        return Verdict.activation(r, probabilities, new int[0], "activation", activation(g, r.image()));
    }

    /** The channel's activation on mid-grey. */
    final Verdict channelBefore(Goal g) throws IOException {
        return Verdict.figure("activation", activation(g, Nd4j.zeros(DataType.FLOAT, 1, 3, side, side)));
    }

    private double activation(Goal g, INDArray image) throws IOException {
        GraphLayers l = layers();
        return FaceChannelVisualisation.activation(l, l.index(g.layer()), g.channel(), image);
    }
}
