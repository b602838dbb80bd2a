package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A classifier of 28×28 grey pictures (digits, garments): class visualisation from the mean training image, channels,
 * reconstruction and DeepDream of a held-out picture or the user's, and cGMM attributes; judged by its softmax. Or,
 * without a data set ({@link #colour}), any MultiLayerNetwork on c×side×side input whose channels are climbed from mid-grey.
 */
public final class ClassifierNet implements InversionNet {
    /** How many of the training images a cGMM is fitted on (the first ones): all 8,500 digits, 8,500 of the garments. */
    public static final int CGMM_FIT_IMAGES = 8_500;
    private static final List<Technique> TECHNIQUES = List.of(Technique.CLASS, Technique.CHANNEL, Technique.RECONSTRUCT,
            Technique.DREAM, Technique.CGMM);

    private final String model;
    private final Dataset data; // what it was trained on; null for a colour net without data
    private final int channels, side;
    private MultiLayerNetwork classifier, logits;
    private LayerNetworks layers;
    private float[] base; // the mean training image, or mid-grey
    private Cgmm cgmm;

    private ClassifierNet(String model, Dataset data, int channels, int side, MultiLayerNetwork classifier, float[] base) {
        this.model = model;
        this.data = data;
        this.channels = channels;
        this.side = side;
        if (classifier != null) loaded(classifier, base);
    }

    /** A classifier by name or folder (see {@link DigitClassifier#load}), trained on the data set its card names; weights load on first use. */
    public static ClassifierNet load(String nameOrPath) throws IOException {
        return named(nameOrPath, Dataset.ofClassifier(nameOrPath));
    }

    /** A classifier named {@code model} trained on {@code data} (its card read elsewhere); weights load on first use. */
    public static ClassifierNet named(String model, Dataset data) {
        return new ClassifierNet(model, data, 1, Digits.SIDE, null, null);
    }

    /** A loaded classifier trained on {@code data}; {@code mean} starts class jobs. */
    public static ClassifierNet of(String model, MultiLayerNetwork classifier, float[] mean, Dataset data) {
        return new ClassifierNet(model, data, 1, Digits.SIDE, classifier, mean.clone());
    }

    /** A network on {@code channels}×{@code side}×{@code side} colour with no data set: its channels, from mid-grey (L2 towards grey). */
    public static ClassifierNet colour(String model, MultiLayerNetwork net, int channels, int side) {
        return new ClassifierNet(model, null, channels, side, net, new float[channels * side * side]);
    }

    private void loaded(MultiLayerNetwork net, float[] start) {
        classifier = net;
        logits = data == null ? null : InputGradient.logitsNetwork(net); // a colour net has no output layer
        layers = new LayerNetworks(net);
        base = start;
    }

    private synchronized LayerNetworks layers() throws IOException {
        if (layers == null) loaded(DigitClassifier.load(model), ClassVisualisation.meanImage(data.train()));
        return layers;
    }

    /** The data set it was trained on (digits or garments); null for a colour net. */
    public Dataset data() {
        return data;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<Technique> techniques() {
        return data == null ? List.of(Technique.CHANNEL) : TECHNIQUES;
    }

    @Override
    public InversionOptions defaults(Technique t) {
        return switch (t) {
            case CHANNEL -> InversionOptions.of(ChannelVisualisation.DEFAULTS);
            case RECONSTRUCT -> InversionOptions.of(FeatureInversion.Options.DEFAULTS);
            case DREAM -> InversionOptions.of(DeepDream.Options.DEFAULTS);
            case CGMM -> InversionOptions.of(CgmmVisualisation.DEFAULTS);
            default -> InversionOptions.of(ClassVisualisation.Options.DEFAULTS);
        };
    }

    @Override
    public List<String> classNames() {
        return data == null ? List.of() : data.classNames();
    }

    @Override
    public boolean namedClasses() {
        return data != null && data != Dataset.DIGITS;
    }

    @Override
    public boolean mixesClasses() {
        return true;
    }

    @Override
    public int heldOutCount() {
        return data == null ? 0 : data.records() - data.trainSize();
    }

    @Override
    public int keepHeldOut(int index) {
        return Math.min(index, heldOutCount() - 1);
    }

    @Override
    public String pictureNoun() {
        return data == Dataset.FASHION ? "garment" : "digit";
    }

    @Override
    public List<String> layerNames() throws IOException {
        return layers().names();
    }

    @Override
    public String layerName(String nameOrIndex) throws IOException {
        return layers().name(layers().index(nameOrIndex));
    }

    /** The user's picture (grey, centre square, 28×28; a clear error for a bad file), or held-out picture {@code heldOut} of the test split. */
    @Override
    public Start start(Path file, int heldOut) throws IOException {
        if (data == null) return InversionNet.super.start(file, heldOut);
        if (file != null) {
            float[] chw = ImageFolder.loadImage(file, Digits.SIDE, 1);
            return new Start(Nd4j.create(chw, new long[]{1, 1, Digits.SIDE, Digits.SIDE}, 'c'), null, -1);
        }
        Digits test = data.test();
        INDArray image = FeatureInversion.heldOut(test, heldOut); // checks the index
        return new Start(image, null, test.labels()[heldOut]);
    }

    @Override
    public Inversion.Result run(Technique t, Goal g, InversionOptions o, JobControl control) throws IOException {
        LayerNetworks l = layers();
        return switch (t) {
            case CLASS -> classJob(g.weights(), o).run(control);
            case CHANNEL -> ChannelVisualisation.job(l, l.index(g.layer()), g.channel(), base, channels, side, side, o.classOptions(),
                    data == null ? 0 : -1).previewingEvery(o.previewEvery()).run(control);
            case RECONSTRUCT -> FeatureInversion.job(l, l.index(g.layer()), g.start().image, base, o.featureOptions())
                    .previewingEvery(o.previewEvery()).run(control);
            case DREAM -> new DeepDream(l, l.index(g.layer()), g.start().image, o.dreamOptions()).previewingEvery(o.previewEvery()).run(control);
            case CGMM -> CgmmVisualisation.job(l, cgmm(g.layer(), control), g.attributes(), g.samples(), base,
                    o.featureOptions()).previewingEvery(o.previewEvery()).run(control);
            case PORTRAIT, LANDMARKS -> throw new IllegalArgumentException(t + " needs a face network");
        };
    }

    private Inversion classJob(double[] weights, InversionOptions o) {
        int classes = (int) logits.layerSize(logits.getnLayers() - 1);
        if (weights.length == 0 || weights.length > classes) {
            throw new IllegalArgumentException("expected 1.." + classes + " class weights, got " + weights.length);
        }
        boolean any = false;
        for (double w : weights) any |= w != 0;
        if (!any) throw new IllegalArgumentException("at least one class needs a non-zero weight");
        ClassVisualisation.Options c = o.classOptions();
        return new Inversion("class visualisation", logits, new ClassLogits(weights), c.start(base, 1, Digits.SIDE, Digits.SIDE),
                c.settings(o.previewEvery()));
    }

    /**
     * The cGMM at {@code layer}: the one in use if it models that layer, else fitted on the first {@value #CGMM_FIT_IMAGES}
     * training images (a few seconds) and kept. Cancelling {@code control} stops the fit too; its own events are not reported.
     */
    private Cgmm cgmm(String layer, JobControl control) throws IOException {
        LayerNetworks l = layers();
        Cgmm m = cgmm;
        if (m == null || !m.layer().equals(l.name(l.index(layer)))) {
            // the fit's own events are not steps of the inversion: keep them off its chart, but honour cancel
            m = fitCgmm(layer, CGMM_FIT_IMAGES, new JobControl().onProgress(p -> control.checkpoint()));
        }
        return m;
    }

    /** Fits a cGMM at {@code layer} on the first {@code images} training images under {@code control}, and uses it from now on. */
    public Cgmm fitCgmm(String layer, int images, JobControl control) throws IOException {
        LayerNetworks l = layers();
        cgmm = new CgmmFit(l, l.index(layer), model, data.train().head(images), CgmmFit.Options.DEFAULTS).run(control);
        return cgmm;
    }

    /** Feature inversion's fidelity: the mean SSIM of the first {@code digits} held-out pictures rebuilt from every layer. */
    public FidelityCurve.Curve fidelity(int digits, InversionOptions o, JobControl control) throws IOException {
        return FidelityCurve.measure(layers(), data.test(), digits, base, o.featureOptions(), control);
    }

    /** Uses {@code m} (a cGMM saved earlier, or fitted elsewhere) for cGMM jobs at its layer. */
    public void useCgmm(Cgmm m) {
        cgmm = m;
    }

    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        LayerNetworks l = layers();
        INDArray p = data == null ? null : classifier.output(r.image().castTo(DataType.FLOAT), false);
        double[] probs = p == null ? new double[0] : InversionNet.firstRow(p);
        int[] labels = p == null ? new int[0] : p.argMax(1).toIntVector();
        return switch (t) {
            case CLASS -> Verdict.classes(g.weights(), probs, labels);
            case CGMM -> {
                int a = g.attributes()[0]; // the class, when one is asked for
                String name = a >= probs.length ? DigitAttributes.NAMES.get(a) : namedClasses() ? classNames().get(a) : Integer.toString(a);
                double p1 = a < probs.length ? probs[a] : Double.NaN;
                yield new Verdict(p1, String.format(Locale.ROOT, "p(%s) = %.4f", name, p1), probs, labels, Map.of());
            }
            case RECONSTRUCT -> {
                double ssim = FeatureInversion.ssim(g.start().image, r.image());
                yield new Verdict(ssim, String.format(Locale.ROOT, "SSIM %.3f", ssim), probs, labels, Map.of("ssim", ssim));
            }
            case DREAM -> Verdict.activation(r, probs, labels, "dream", dream(l, g, r.image()));
            default -> Verdict.activation(r, probs, labels, "activation", channel(l, g, r.image()));
        };
    }

    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        LayerNetworks l = layers();
        return switch (t) {
            case CHANNEL -> Verdict.figure("activation", channel(l, g, ChannelVisualisation.start(base, channels, side, side, o.classOptions())));
            case DREAM -> Verdict.figure("dream", dream(l, g, g.start().image));
            default -> null;
        };
    }

    private static double channel(LayerNetworks l, Goal g, INDArray image) {
        return Objective.channel(g.channel()).evaluate(l.activations(l.index(g.layer()), image)).score();
    }

    /** The mean square of the layer's activations, what DeepDream climbs. */
    private static double dream(LayerNetworks l, Goal g, INDArray image) {
        return Objective.dream().evaluate(l.activations(l.index(g.layer()), image)).score();
    }
}
