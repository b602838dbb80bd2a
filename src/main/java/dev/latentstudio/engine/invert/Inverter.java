package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One loaded digit classifier as the Inversion Lab uses it: it makes the inversion jobs of every kind
 * (class, channel, reconstruction, DeepDream) on that network, reads the classifier's verdict on a
 * picture, and supplies the pictures to start from (held-out digits, the user's own). The screen never
 * handles a network. Jobs must run one at a time: they share the network.
 */
public final class Inverter {
    private final String model;
    private final MultiLayerNetwork classifier;
    private final MultiLayerNetwork logits;
    private final LayerNetworks layers;
    private final float[] mean;
    private Digits test;
    private Cgmm cgmm;

    public Inverter(String model, MultiLayerNetwork classifier, float[] mean) {
        this.model = model;
        this.classifier = classifier;
        this.logits = InputGradient.logitsNetwork(classifier);
        this.layers = new LayerNetworks(classifier);
        this.mean = mean.clone();
    }

    /** Loads a classifier by name or folder (see {@link DigitClassifier#load}) and the bundled digits' mean. */
    public static Inverter load(String nameOrPath) throws IOException {
        return new Inverter(nameOrPath, DigitClassifier.load(nameOrPath), ClassVisualisation.meanImage(MnistData.train()));
    }

    public String model() {
        return model;
    }

    /** The layers by name, in order (conv1, pool1, …, logits). */
    public List<String> layerNames() {
        return layers.names();
    }

    /** A layer by name or index, with an error listing the layers otherwise. */
    public int layer(String name) {
        return layers.index(name);
    }

    /** How many classes the classifier tells apart. */
    public int classes() {
        return (int) logits.layerSize(logits.getnLayers() - 1);
    }

    /** Climbs Σ_k w_k · logit_k (one class: a single non-zero weight), a preview every {@code previewEvery} steps. */
    public Inversion classJob(double[] weights, ClassVisualisation.Options o, int previewEvery) {
        if (weights.length == 0 || weights.length > classes()) {
            throw new IllegalArgumentException("expected 1.." + classes() + " class weights, got " + weights.length);
        }
        boolean any = false;
        for (double w : weights) any |= w != 0;
        if (!any) throw new IllegalArgumentException("at least one class needs a non-zero weight");
        return new Inversion("class visualisation", logits, new ClassLogits(weights), o.start(mean, 1, Digits.SIDE, Digits.SIDE),
                o.settings(previewEvery));
    }

    /** The picture one channel of a layer (a neuron of a dense layer) responds to most. */
    public Inversion channelJob(String layer, int channel, ClassVisualisation.Options o) {
        return ChannelVisualisation.job(layers, layers.index(layer), channel, mean, 1, Digits.SIDE, Digits.SIDE, o, -1);
    }

    /** Rebuilds the start picture from its activations at {@code layer}. */
    public Inversion reconstructionJob(String layer, Start start, FeatureInversion.Options o) {
        return FeatureInversion.job(layers, layers.index(layer), start.image, mean, o);
    }

    /** Amplifies what {@code layer} sees in the start picture. */
    public DeepDream dreamJob(String layer, Start start, DeepDream.Options o) {
        return new DeepDream(layers, layers.index(layer), start.image, o);
    }

    /**
     * A picture with the attributes {@code attrs} (a class, maybe thin/thick and a slant): a target drawn from
     * the cGMM at {@code layer} (fitted on the training digits on first use, a few seconds, then kept) and
     * feature-inverted. Cancelling {@code control} stops the fit too.
     */
    public Inversion cgmmJob(String layer, int[] attrs, long seed, FeatureInversion.Options o, JobControl control) throws IOException {
        Cgmm m = cgmm;
        if (m == null || !m.layer().equals(layers.name(layers.index(layer)))) {
            // the fit's own events are not steps of the inversion: keep them off its chart, but honour cancel
            JobControl fit = new JobControl().onProgress(p -> control.checkpoint());
            m = new CgmmFit(layers, layers.index(layer), model, MnistData.train(), CgmmFit.Options.DEFAULTS).run(fit);
            cgmm = m;
        }
        return CgmmVisualisation.job(layers, m, attrs, 1, mean, o.withSeed(seed));
    }

    /**
     * A picture a reconstruction or dream starts from, loaded once as the classifier's input; the screen
     * holds it and shows {@link #picture()} without touching the array.
     */
    public static final class Start {
        private final INDArray image;

        private Start(INDArray image) {
            this.image = image;
        }

        /** As the classifier sees it: 28×28 grey. */
        public BufferedImage picture() {
            return Inversion.picture(image);
        }
    }

    /**
     * The user's picture (grey, centre square, 28×28; a clear error for a bad file), or held-out digit
     * {@code heldOut} (0..1,499) of the bundled test split when {@code file} is null.
     */
    public synchronized Start start(Path file, int heldOut) throws IOException {
        if (file != null) {
            float[] chw = ImageFolder.loadImage(file, Digits.SIDE, 1);
            return new Start(Nd4j.create(chw, new long[]{1, 1, Digits.SIDE, Digits.SIDE}, 'c'));
        }
        if (test == null) test = MnistData.test();
        return new Start(FeatureInversion.heldOut(test, heldOut));
    }

    /** The SSIM between a start picture and a result (1 = identical). */
    public double ssim(Start start, Inversion.Result r) {
        return FeatureInversion.ssim(start.image, r.image());
    }

    /** The classifier's softmax probabilities for a result's picture, one per class. */
    public double[] probabilities(Inversion.Result r) {
        INDArray p = classifier.output(r.image().castTo(DataType.FLOAT), false);
        double[] out = new double[(int) p.size(1)];
        for (int k = 0; k < out.length; k++) out[k] = p.getDouble(0, k);
        return out;
    }
}
