package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentPrior;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A loaded generator: latent vectors in, images out. Plain arrays at the boundary, for the app and CLI. */
public final class GeneratorModel implements Generator {
    private final MultiLayerNetwork net;
    private final ModelCard card;
    private final InferenceGenerator folded;

    public GeneratorModel(MultiLayerNetwork net, ModelCard card) {
        this.net = net;
        this.card = card;
        this.folded = card.height() == 28 && !Dcgan.COLOUR64_ID.equals(card.architecture()) ? InferenceGenerator.fold(net) : null;
    }

    public static GeneratorModel load(String nameOrPath) throws IOException {
        ModelStore.Entry e = ModelStore.find(nameOrPath);
        if (!ModelCard.GENERATOR.equals(e.card().kind())) {
            throw new IOException(e.dir() + " holds a " + e.card().kind() + ", not a generator");
        }
        return new GeneratorModel(ModelStore.loadNetwork(e), e.card());
    }

    public ModelCard card() {
        return card;
    }

    @Override
    public String name() {
        return card.name();
    }

    /** Length of the latent vectors this generator takes: z, then the class weights of a conditional model. */
    public int latentDim() {
        return prior().dim();
    }

    /** How its latents are drawn; a card with class labels is a class-conditional generator. */
    @Override
    public LatentPrior prior() {
        return new LatentPrior(card.latentDim(), classNames().size());
    }

    /** The classes of a conditional generator (empty for an unconditional one). */
    @Override
    public List<String> classNames() {
        return card.labels() == null ? List.of() : card.labels();
    }

    /** Images for a batch of latent vectors, as NCHW floats in [-1, 1]. */
    @Override
    public synchronized INDArray generate(INDArray z) {
        return folded != null ? folded.output(z) : net.output(z, false);
    }

    /**
     * G's first hidden layer (the output of its first activation layer) for a batch of latents, [n, …]:
     * the features whose principal components are the discovered slider directions.
     */
    @Override
    public synchronized INDArray firstHidden(INDArray z) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer) {
                return net.feedForwardToLayer(i, z, false).get(i + 1);
            }
        }
        throw new IllegalStateException(card.name() + " has no activation layer");
    }

    public List<BufferedImage> images(List<float[]> zs) {
        float[][] m = zs.toArray(new float[0][]);
        INDArray in = Nd4j.create(m), x = generate(in);
        List<BufferedImage> out = toImages(x);
        in.close(); // ours alone: freed now rather than at a garbage collection
        if (x.closeable() && !x.wasClosed()) x.close();
        return out;
    }

    /** Pixels of one image as ARGB ints, the format the studio's canvas draws. */
    public int[] argb(float[] z) {
        INDArray in = Nd4j.create(new float[][]{z});
        INDArray x = generate(in);
        int[] px = Images.toArgb(x.data().asFloat(), card.channels(), card.height(), card.width());
        // the Lab calls this 60 times a second: free both arrays now, not when the collector gets round to them
        in.close();
        if (x.closeable() && !x.wasClosed()) x.close();
        return px;
    }

    public static List<BufferedImage> toImages(INDArray nchw) {
        int n = (int) nchw.size(0), c = (int) nchw.size(1), h = (int) nchw.size(2), w = (int) nchw.size(3);
        INDArray copy = nchw.dup('c');
        float[] all = copy.data().asFloat();
        copy.close();
        List<BufferedImage> out = new ArrayList<>(n);
        int per = c * h * w;
        for (int i = 0; i < n; i++) {
            float[] one = new float[per];
            System.arraycopy(all, i * per, one, 0, per);
            out.add(Images.toImage(one, c, h, w));
        }
        return out;
    }
}
