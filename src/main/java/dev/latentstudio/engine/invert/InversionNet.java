package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.job.JobControl;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One network as the Inversion Lab and ./studio invert use it (the fronts never handle the network): which
 * {@link Technique}s it offers and with which defaults, how a picture or file becomes a {@link Start}, how a
 * technique's job is built, and how a result is judged ({@link Verdict}). Naming it is cheap ({@link #of}
 * reads at most a model card); the weights load on first use. Jobs must run one at a time: they share the network.
 * The kinds: {@link ClassifierNet} and the face-api networks ({@link FaceNet}: {@link RecogniserNet}, {@link ExpressionNet},
 * {@link AgeGenderTargetNet}, {@link LandmarkNet}, {@link DetectorNet}).
 */
public sealed interface InversionNet permits ClassifierNet, FaceNet {
    /** The model name that picks face-api's face recogniser (models/face-api) instead of a classifier. */
    String FACE_RECOGNITION = "face-recognition";
    /** The model name that picks face-api's expression net (seven expressions, 112×112 faces). */
    String FACE_EXPRESSION = "face-expression";
    /** The model name that picks face-api's age/gender net (targets older, younger, male, female). */
    String FACE_AGE_GENDER = "face-age-gender";
    /** The model name that picks face-api's 68-point landmark net (moves a photo's landmarks). */
    String FACE_LANDMARKS = "face-landmarks";
    /** The model name that picks face-api's tiny_face_detector (what it calls a face). */
    String FACE_DETECTOR = "face-detector";

    /**
     * A face network by its name above, else a classifier by name or folder (see {@link ClassifierNet#load}):
     * its card says what it was trained on.
     */
    static InversionNet of(String nameOrPath) throws IOException {
        return switch (nameOrPath) {
            case FACE_RECOGNITION -> new RecogniserNet();
            case FACE_EXPRESSION -> new ExpressionNet();
            case FACE_AGE_GENDER -> new AgeGenderTargetNet();
            case FACE_LANDMARKS -> new LandmarkNet();
            case FACE_DETECTOR -> new DetectorNet();
            default -> ClassifierNet.load(nameOrPath);
        };
    }

    /** Whether face-api's networks are installed (models/face-api). */
    static boolean faceNetworksAvailable() {
        for (String m : List.of(FaceRecognitionNet.MODEL, FaceExpressionNet.MODEL, AgeGenderNet.MODEL)) {
            if (!Files.isRegularFile(faceModels().resolve(m + "-weights_manifest.json"))) return false;
        }
        return true;
    }

    /** models/face-api. */
    static Path faceModels() {
        return StudioPaths.models().resolve("face-api");
    }

    String model();

    /** What it offers, in the order a front lists them. */
    List<Technique> techniques();

    /** {@code t}'s defaults on this network (those of its ./studio invert command). */
    InversionOptions defaults(Technique t);

    /** What each class (target) is called: "0".."9", T-shirt/top … Ankle boot, an expression, older…; none for the recogniser. */
    List<String> classNames();

    /** Whether the classes have names rather than digits (a face attribute net, a garment classifier). */
    default boolean namedClasses() {
        return !classNames().isEmpty();
    }

    /** Whether a class target may be a weighted mix of two classes (the classifiers), rather than one named target. */
    default boolean mixesClasses() {
        return false;
    }

    /** How many held-out start pictures there are (1,500 digits, 10,000 garments, 6 sample photos; 0 without pictures). */
    default int heldOutCount() {
        return 0;
    }

    /** The held-out picture index a front should keep when it switches to this network (clamped to a data set's split). */
    default int keepHeldOut(int index) {
        return index;
    }

    /** What the held-out pictures are called: "digit", "garment", "sample photo". */
    default String pictureNoun() {
        return "digit";
    }

    /** Where a start picture comes from without a file of the user's: "held-out digit 12", "sample3.jpg". */
    default String startName(int index) {
        return "held-out " + pictureNoun() + " " + index;
    }

    /** The layers by name, in order (conv1, pool1, …, logits; conv32_down, … for the recogniser). Loads the network. */
    List<String> layerNames() throws IOException;

    /** A layer's own name, given its name or index (an error listing the layers otherwise). Loads the network. */
    String layerName(String nameOrIndex) throws IOException;

    /**
     * The user's picture, or held-out picture {@code heldOut} when {@code file} is null, as the network's start;
     * a clear error for a bad file or index, or for a network that starts from no picture.
     */
    default Start start(Path file, int heldOut) throws IOException {
        throw new IllegalArgumentException(model() + " starts from no picture; it offers " + techniques());
    }

    /** Runs {@code t} toward {@code goal} under {@code control} (a preview every {@code o.previewEvery()} steps). */
    Inversion.Result run(Technique t, Goal goal, InversionOptions o, JobControl control) throws IOException;

    /** What the network makes of a picture {@code t} produced (the first of the batch, for probabilities). */
    Verdict verdict(Technique t, Goal goal, Inversion.Result r) throws IOException;

    /** The same measurements on the picture {@code t} starts from (null when it has none to measure). */
    Verdict before(Technique t, Goal goal, InversionOptions o) throws IOException;

    /** The one way both fronts invert: check that the network offers {@code t}, run it, judge the result. */
    default Outcome invert(Technique t, Goal goal, InversionOptions o, JobControl control) throws IOException {
        offers(t);
        Inversion.Result r = run(t, goal, o, control);
        return new Outcome(r, verdict(t, goal, r));
    }

    /** An error naming what the network offers, when it does not offer {@code t}. */
    default void offers(Technique t) {
        if (!techniques().contains(t)) {
            throw new IllegalArgumentException(t + " is not offered by " + model() + "; it offers " + techniques());
        }
    }

    /** A finished inversion and its verdict. */
    record Outcome(Inversion.Result result, Verdict verdict) {
    }

    /** The first picture of an NCHW batch's softmax (or probability) output as doubles, one per class. */
    static double[] firstRow(INDArray p) {
        double[] out = new double[(int) p.size(1)];
        for (int k = 0; k < out.length; k++) out[k] = p.getDouble(0, k);
        return out;
    }
}
