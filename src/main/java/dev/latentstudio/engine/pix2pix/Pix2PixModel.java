package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.model.NetArchive;
import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A trained pix2pix generator from a model folder: pictures in, translated pictures out. */
public final class Pix2PixModel {
    /** Saved beside the generator so `evaluate-pix2pix` can ask the paper's question: can the final D still tell? */
    public static final String DISCRIMINATOR = "discriminator.zip";
    private final ModelStore.Entry entry;
    private final ComputationGraph g;
    private final Pix2PixNets.Spec spec;

    private Pix2PixModel(ModelStore.Entry entry, ComputationGraph g, Pix2PixNets.Spec spec) {
        this.entry = entry;
        this.g = g;
        this.spec = spec;
    }

    public static Pix2PixModel load(String nameOrPath) throws IOException {
        ModelStore.Entry e = ModelStore.find(nameOrPath);
        ModelCard c = e.card();
        if (!Pix2PixTrainer.KIND.equals(c.kind())) throw new IOException(e.dir() + " holds a " + c.kind() + ", not a pix2pix model");
        ComputationGraph g = OneDnn.accelerate(NetArchive.readGraph(StudioPaths.inside(e.dir(), c.weights()), false));
        int in = (int) ((ConvolutionLayer) g.getLayer("down0").conf().getLayer()).getNIn();
        Pix2PixNets.Spec spec;
        try {
            spec = new Pix2PixNets.Spec(c.height(), c.baseWidth() == null ? 64 : c.baseWidth(), in, c.channels(), Pix2PixNets.normOf(g));
        } catch (IllegalArgumentException ex) {
            throw new IOException(e.dir().resolve(ModelCard.FILE) + ": " + ex.getMessage(), ex);
        }
        return new Pix2PixModel(e, g, spec);
    }

    public Pix2PixNets.Spec spec() {
        return spec;
    }

    public ModelCard card() {
        return entry.card();
    }

    public Path dir() {
        return entry.dir();
    }

    /** The final discriminator when the folder has one, else null. */
    public MultiLayerNetwork discriminator() throws IOException {
        Path d = dir().resolve(DISCRIMINATOR);
        return Files.isRegularFile(d) ? ModelStore.loadNetwork(d) : null;
    }

    /** G(A) for NCHW pictures in [-1, 1], in chunks to bound memory. */
    public INDArray translate(INDArray a) {
        long n = a.size(0);
        int chunk = 64;
        if (n <= chunk) return g.outputSingle(false, a);
        INDArray out = Nd4j.create(a.dataType(), n, spec.outChannels(), spec.side(), spec.side());
        for (long i = 0; i < n; i += chunk) {
            long j = Math.min(n, i + chunk);
            out.get(NDArrayIndex.interval(i, j)).assign(g.outputSingle(false, a.get(NDArrayIndex.interval(i, j))));
        }
        return out;
    }

    /** A picture translated: its centre square at the model's side and channels in, G's picture out. */
    public BufferedImage translate(BufferedImage picture) {
        INDArray a = Nd4j.create(chw(picture), new long[]{1, spec.inChannels(), spec.side(), spec.side()});
        return Pix2PixTrainer.picture(translate(a), 0);
    }

    /** The model's input as it sees it (centre square, side, channels), for showing beside the result. */
    public BufferedImage input(BufferedImage picture) {
        return Images.toImage(chw(picture), spec.inChannels(), spec.side(), spec.side());
    }

    private float[] chw(BufferedImage picture) {
        int side = Math.min(picture.getWidth(), picture.getHeight());
        BufferedImage square = picture.getSubimage((picture.getWidth() - side) / 2, (picture.getHeight() - side) / 2, side, side);
        return Images.toChw(Pairs.resize(square, spec.side()), spec.inChannels());
    }
}
