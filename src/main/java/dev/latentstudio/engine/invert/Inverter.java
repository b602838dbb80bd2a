package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.GraphLayers;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One loaded network as the Inversion Lab uses it: a digit classifier (class, channel, reconstruction,
 * DeepDream and cGMM jobs, the classifier's verdict on a picture, held-out digits or the user's picture
 * to start from), or {@value #FACE_RECOGNITION}, face-api's face recogniser (channel jobs at its named
 * layers and the identity portrait of the largest face in a photo). The screen never handles a network.
 * Jobs must run one at a time: they share the network.
 */
public final class Inverter {
    /** The model name that picks face-api's face recogniser (models/face-api) instead of a digit classifier. */
    public static final String FACE_RECOGNITION = "face-recognition";
    /** The model name that picks face-api's expression net (seven expressions, 112×112 faces). */
    public static final String FACE_EXPRESSION = "face-expression";
    /** The model name that picks face-api's age/gender net (targets older, younger, male, female). */
    public static final String FACE_AGE_GENDER = "face-age-gender";
    /** How many of the training images a cGMM is fitted on (the first ones): all 8,500 digits, 8,500 of the garments. */
    public static final int CGMM_FIT_IMAGES = 8_500;

    private final String model;
    private final MultiLayerNetwork classifier;
    private final MultiLayerNetwork logits;
    private final LayerNetworks layers;
    private final float[] mean;
    private final Dataset data; // what the classifier was trained on; null for the face networks
    private final FaceRecognitionNet faces;
    private final FaceExpressionNet expressions;
    private final AgeGenderNet ageGender;
    private final GraphLayers faceLayers; // of whichever face network this is
    private Digits test;
    private Cgmm cgmm;
    private FacePipeline pipeline;

    /** A classifier of the bundled digits. */
    public Inverter(String model, MultiLayerNetwork classifier, float[] mean) {
        this(model, classifier, mean, Dataset.DIGITS);
    }

    /** A classifier trained on {@code data}: its held-out pictures and cGMM fit come from there; {@code mean} starts class jobs. */
    public Inverter(String model, MultiLayerNetwork classifier, float[] mean, Dataset data) {
        this.model = model;
        this.classifier = classifier;
        this.logits = InputGradient.logitsNetwork(classifier);
        this.layers = new LayerNetworks(classifier);
        this.mean = mean.clone();
        this.data = data;
        this.faces = null;
        this.expressions = null;
        this.ageGender = null;
        this.faceLayers = null;
    }

    private Inverter(FaceRecognitionNet faces, FaceExpressionNet expressions, AgeGenderNet ageGender) {
        this.model = faces != null ? FACE_RECOGNITION : expressions != null ? FACE_EXPRESSION : FACE_AGE_GENDER;
        this.classifier = null;
        this.logits = null;
        this.layers = null;
        this.mean = null;
        this.data = null;
        this.faces = faces;
        this.expressions = expressions;
        this.ageGender = ageGender;
        this.faceLayers = new GraphLayers(faces != null ? faces.graph() : expressions != null ? expressions.graph() : ageGender.graph());
    }

    /**
     * Loads a classifier by name or folder (see {@link DigitClassifier#load}) and the mean training image of the
     * data set its card names ({@link Dataset#of(dev.latentstudio.engine.model.ModelCard)}: the mean digit, or the
     * mean garment for a Fashion-MNIST classifier), or the face recogniser for {@value #FACE_RECOGNITION}.
     */
    public static Inverter load(String nameOrPath) throws IOException {
        if (nameOrPath.equals(FACE_RECOGNITION)) return new Inverter(FaceRecognitionNet.load(faceModels()), null, null);
        if (nameOrPath.equals(FACE_EXPRESSION)) return new Inverter(null, FaceExpressionNet.load(faceModels()), null);
        if (nameOrPath.equals(FACE_AGE_GENDER)) return new Inverter(null, null, AgeGenderNet.load(faceModels()));
        Dataset data = Dataset.ofClassifier(nameOrPath);
        return new Inverter(nameOrPath, DigitClassifier.load(nameOrPath), ClassVisualisation.meanImage(data.train()), data);
    }

    /** The data set a classifier was trained on (digits or garments); null for the face networks. */
    public Dataset data() {
        return data;
    }

    /** What each class is called: a classifier's data set's class names ("0".."9", T-shirt/top … Ankle boot), a face net's targets. */
    public List<String> classNames() {
        if (expressions != null) return FaceExpressionNet.LABELS;
        if (ageGender != null) return FaceAttributeVisualisation.AGE_GENDER_LABELS;
        return data == null ? List.of() : data.classNames();
    }

    /** Whether face-api's networks are installed (models/face-api). */
    public static boolean faceNetworksAvailable() {
        return Files.isRegularFile(faceModels().resolve(FaceRecognitionNet.MODEL + "-weights_manifest.json"))
                && Files.isRegularFile(faceModels().resolve(FaceExpressionNet.MODEL + "-weights_manifest.json"))
                && Files.isRegularFile(faceModels().resolve(AgeGenderNet.MODEL + "-weights_manifest.json"));
    }

    private static Path faceModels() {
        return StudioPaths.models().resolve("face-api");
    }

    public String model() {
        return model;
    }

    /** The layers by name, in order (conv1, pool1, …, logits; conv32_down, pool, … for the face recogniser). */
    public List<String> layerNames() {
        return faceLayers != null ? faceLayers.names() : layers.names();
    }

    /** A layer by name or index, with an error listing the layers otherwise. */
    public int layer(String name) {
        return faceLayers != null ? faceLayers.index(name) : layers.index(name);
    }

    /** How many classes (targets) the network offers (7 expressions, 4 age/gender targets; 0 for the face recogniser). */
    public int classes() {
        if (faceLayers != null) {
            return expressions != null ? FaceExpressionNet.LABELS.size()
                    : ageGender != null ? FaceAttributeVisualisation.AGE_GENDER_LABELS.size() : 0;
        }
        return (int) logits.layerSize(logits.getnLayers() - 1);
    }

    private void digitsOnly(String what) {
        if (faceLayers != null) throw new IllegalArgumentException(what + " needs a digit classifier; " + model + " offers "
                + (faces != null ? "Channel / neuron and Identity portrait" : "Class visualisation and Channel / neuron"));
    }

    /** A face network's knobs: its colour priors (Fourier spectrum, zoom and turn) are fixed, blur is not used. */
    private static IdentityPortrait.Options faceOptions(ClassVisualisation.Options o) {
        return new IdentityPortrait.Options(o.steps(), o.seed(), o.tv(), o.l2(), o.jitter(), o.lr());
    }

    /** Climbs Σ_k w_k · logit_k (one class: a single non-zero weight), a preview every {@code previewEvery} steps. */
    public Inversion classJob(double[] weights, ClassVisualisation.Options o, int previewEvery) {
        if (expressions != null) return FaceAttributeVisualisation.job(expressions, weights, faceOptions(o), previewEvery);
        if (ageGender != null) {
            double[] out = new double[3]; // the targets' weights as weights of the net's [age, male, female]
            for (int t = 0; t < weights.length; t++) {
                double[] w = FaceAttributeVisualisation.ageGenderTarget(FaceAttributeVisualisation.AGE_GENDER_LABELS.get(t));
                for (int j = 0; j < 3; j++) out[j] += weights[t] * w[j];
            }
            return FaceAttributeVisualisation.job(ageGender, out, faceOptions(o), previewEvery);
        }
        if (faces != null) digitsOnly("Class visualisation");
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
        if (faceLayers != null) {
            int side = faces != null ? FaceRecognitionNet.SIZE : FaceExpressionNet.SIZE;
            return FaceChannelVisualisation.job(faceLayers, faceLayers.index(layer), channel, side, faceOptions(o), 10);
        }
        return ChannelVisualisation.job(layers, layers.index(layer), channel, mean, 1, Digits.SIDE, Digits.SIDE, o, -1);
    }

    /** Rebuilds the start picture from its activations at {@code layer}. */
    public Inversion reconstructionJob(String layer, Start start, FeatureInversion.Options o) {
        digitsOnly("Reconstruction");
        return FeatureInversion.job(layers, layers.index(layer), start.image, mean, o);
    }

    /** Amplifies what {@code layer} sees in the start picture. */
    public DeepDream dreamJob(String layer, Start start, DeepDream.Options o) {
        digitsOnly("DeepDream");
        return new DeepDream(layers, layers.index(layer), start.image, o);
    }

    /**
     * A picture with the attributes {@code attrs} (a class, maybe thin/thick and a slant): a target drawn from
     * the cGMM at {@code layer} (fitted on the first {@value #CGMM_FIT_IMAGES} training images of the classifier's
     * data set on first use, a few seconds, then kept) and
     * feature-inverted. Cancelling {@code control} stops the fit too.
     */
    public Inversion cgmmJob(String layer, int[] attrs, long seed, FeatureInversion.Options o, JobControl control) throws IOException {
        digitsOnly("cGMM");
        Cgmm m = cgmm;
        if (m == null || !m.layer().equals(layers.name(layers.index(layer)))) {
            // the fit's own events are not steps of the inversion: keep them off its chart, but honour cancel
            JobControl fit = new JobControl().onProgress(p -> control.checkpoint());
            m = new CgmmFit(layers, layers.index(layer), model, data.train().head(CGMM_FIT_IMAGES), CgmmFit.Options.DEFAULTS).run(fit);
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
        private final float[] descriptor; // the face's, for a portrait; else null

        private Start(INDArray image, float[] descriptor) {
            this.image = image;
            this.descriptor = descriptor;
        }

        /** As the network sees it: 28×28 grey, or the aligned 150×150 face. */
        public BufferedImage picture() {
            return Inversion.picture(image);
        }
    }

    /** The identity portrait of a start picture's face (the face recogniser only). */
    public Inversion portraitJob(Start start, IdentityPortrait.Options o, int previewEvery) {
        if (faces == null || start.descriptor == null) throw new IllegalArgumentException("the identity portrait needs the face recogniser");
        return IdentityPortrait.job(faces, start.descriptor, o, previewEvery);
    }

    /** What the age/gender net makes of a result: "age 63.2, P(male) 0.12" (empty for other networks). */
    public String ageGenderVerdict(Inversion.Result r) {
        if (ageGender == null) return "";
        AgeGenderNet.AgeGender a = FaceAttributeVisualisation.ageGender(ageGender, r.image());
        return String.format(java.util.Locale.ROOT, "age %.1f, P(male) %.3f", a.age(), a.probabilityMale());
    }

    /** How far a portrait's own descriptor is from its start face's (face-api: below 0.6 is the same person). */
    public double distance(Start start, Inversion.Result r) {
        return IdentityPortrait.distance(faces, r.image(), start.descriptor);
    }

    /**
     * The user's picture (grey, centre square, 28×28; a clear error for a bad file), or held-out image
     * {@code heldOut} of the classifier's data set's test split (0..1,499 digits, 0..9,999 garments) when
     * {@code file} is null.
     */
    public synchronized Start start(Path file, int heldOut) throws IOException {
        if (faces != null) return faceStart(file, heldOut);
        digitsOnly("A start picture");
        if (file != null) {
            float[] chw = ImageFolder.loadImage(file, Digits.SIDE, 1);
            return new Start(Nd4j.create(chw, new long[]{1, 1, Digits.SIDE, Digits.SIDE}, 'c'), null);
        }
        if (test == null) test = data.test();
        return new Start(FeatureInversion.heldOut(test, heldOut), null);
    }

    /** The largest face of the user's photo, or of sample photo heldOut % 6 + 1 when there is none: aligned, described. */
    private Start faceStart(Path file, int heldOut) throws IOException {
        Path photo = file != null ? file : StudioPaths.assets().resolve("faces").resolve("sample" + (Math.floorMod(heldOut, 6) + 1) + ".jpg");
        BufferedImage img = ImageReading.read(photo);
        if (pipeline == null) pipeline = FacePipeline.load(faceModels(), FacePipeline.Speed.ACCURATE);
        FacePipeline.Face face = pipeline.largest(img).orElseThrow(() -> new IOException(photo.getFileName() + ": no face found"));
        int side = FaceRecognitionNet.SIZE;
        return new Start(Nd4j.create(Images.toChw(face.aligned(), 3), new long[]{1, 3, side, side}, 'c'), face.descriptor());
    }

    /** The SSIM between a start picture and a result (1 = identical). */
    public double ssim(Start start, Inversion.Result r) {
        digitsOnly("SSIM");
        return FeatureInversion.ssim(start.image, r.image());
    }

    /** The classifier's softmax probabilities for a result's picture, one per class (none for the face recogniser). */
    public double[] probabilities(Inversion.Result r) {
        if (faces != null || ageGender != null) return new double[0];
        if (expressions != null) {
            float[] p = FaceAttributeVisualisation.probabilities(expressions, r.image());
            double[] out = new double[p.length];
            for (int k = 0; k < p.length; k++) out[k] = p[k];
            return out;
        }
        INDArray p = classifier.output(r.image().castTo(DataType.FLOAT), false);
        double[] out = new double[(int) p.size(1)];
        for (int k = 0; k < out.length; k++) out[k] = p.getDouble(0, k);
        return out;
    }
}
