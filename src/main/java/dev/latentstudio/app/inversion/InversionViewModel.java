package dev.latentstudio.app.inversion;

import dev.latentstudio.app.common.EventPump;
import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.invert.DigitAttributes;
import dev.latentstudio.engine.invert.ClassifierNet;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.LandmarkEdit;
import dev.latentstudio.engine.invert.LandmarkMoves;
import dev.latentstudio.engine.invert.LandmarkNet;
import dev.latentstudio.engine.faceedit.LandmarkHold;
import dev.latentstudio.engine.invert.Start;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.invert.Verdict;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Inversion Lab's state: which classifier, which objective and target, the regularisers' knobs, the
 * running inversion's progress (previews, loss terms) and a gallery of finished results with their
 * settings, exported as PNG or as a GIF of the optimisation. No scene-graph types; all properties
 * change on the FX thread (or the test's queue).
 *
 * <p>The objective is one of the {@link Technique}s the chosen network offers; the network
 * ({@link InversionNet}) builds the job, its start picture and its verdict, as it does for ./studio invert.
 */
public final class InversionViewModel {

    public enum State { IDLE, RUNNING, DONE, CANCELLED, FAILED }

    /** The knobs of one run, as they were when it started; {@code target} says what was asked in words. */
    public record Settings(Technique objective, String model, String target, double[] weights, String layer, int channel,
                           Path picture, int heldOut, int[] attributes, InversionOptions knobs, double identity, double appearance,
                           double others) {
        /** One line for the gallery: the kind, the target, steps and the regularisers. */
        public String describe() {
            InversionOptions k = knobs;
            return String.format(Locale.ROOT, "%s: %s · %d steps · L2 %.3f · TV %.4f · jitter %d · blur/%d · lr %.3f%s%s%s%s · seed %d",
                    objective, target, k.steps(), k.l2(), k.tv(), k.jitter(), k.blurEvery(), k.lr(), k.fourier() ? " · Fourier" : "",
                    k.scaleRotate() ? " · zoom+turn" : "", objective == Technique.DREAM ? " · " + k.octaves() + " octaves" : "",
                    objective == Technique.LANDMARKS ? String.format(Locale.ROOT, " · identity %.0f · appearance %.2f · others %.2f", identity, appearance, others) : "",
                    k.seed());
        }
    }

    /**
     * A finished run: the picture, its settings, the figure that says how well it went ({@code score}, worded
     * in {@code verdict}: the target's probability, a reconstruction's SSIM, an activation), the classifier's
     * probability of every class for the picture, the picture it started from (reconstruction, dream; else
     * null), the previews in order, and the loss terms of every step with the last step's figures.
     */
    public record Result(int number, Picture picture, Settings settings, double score, String verdict, double[] probabilities,
                         Picture original, List<BufferedImage> frames, double msPerStep, List<LossPoint> losses,
                         Map<String, Double> metrics, double[] points, Loaded next) {
        Result withLosses(List<LossPoint> l, Map<String, Double> m) {
            return new Result(number, picture, settings, score, verdict, probabilities, original, frames, msPerStep, List.copyOf(l), m, points, next);
        }

        /** The class the classifier gives the picture and its probability. */
        public int topClass() {
            int best = 0;
            for (int k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
            return best;
        }
    }

    /** The model name of face-api's face recogniser, offered beside the digit classifiers. */
    public static final String FACE_MODEL = InversionNet.FACE_RECOGNITION;
    /** The model name of face-api's expression net; its classes are {@link #EXPRESSIONS}. */
    public static final String EXPRESSION_MODEL = InversionNet.FACE_EXPRESSION;
    public static final List<String> EXPRESSIONS = dev.latentstudio.engine.face.FaceExpressionNet.LABELS;
    /** The model name of face-api's age/gender net; its targets are older, younger, male, female. */
    public static final String AGE_GENDER_MODEL = InversionNet.FACE_AGE_GENDER;
    /** The model name of face-api's 68-point landmark net: a sample photo's face with landmarks moved. */
    public static final String LANDMARKS_MODEL = InversionNet.FACE_LANDMARKS;
    /** The model name of face-api's tiny face detector: its one class, "face". */
    public static final String DETECTOR_MODEL = InversionNet.FACE_DETECTOR;
    /** The landmark moves offered (mouth_open, brows_up, eyes_wide, smile). */
    public static final List<String> MOVES = LandmarkMoves.NAMES;
    /** The move of the landmark dragged on the canvas ({@link #dragLandmark}), offered after {@link #MOVES}. */
    public static final String POINT_MOVE = "dragged point";
    public static final List<String> MOVE_CHOICES = java.util.stream.Stream.concat(MOVES.stream(), java.util.stream.Stream.of(POINT_MOVE)).toList();

    /** Each network named so far, unloaded (its card read once; {@link #refreshModels} reads them again): what it offers. */
    private static final Map<String, InversionNet> NETS = new ConcurrentHashMap<>();
    /** What is offered before a model is chosen: a digit classifier's techniques and defaults. */
    private static final InversionNet NO_MODEL = ClassifierNet.named("", Dataset.DIGITS);

    /** The network a model names, unloaded; a classifier whose card cannot be read counts as digits (loading it will say what is wrong). */
    static InversionNet net(String model) {
        if (model == null) return NO_MODEL;
        return NETS.computeIfAbsent(model, m -> {
            try {
                return InversionNet.of(m);
            } catch (java.io.IOException e) {
                return ClassifierNet.named(m, Dataset.DIGITS);
            }
        });
    }

    /** Whether the model is one of face-api's attribute nets (expressions, age/gender): one named target, no mixes. */
    static boolean isFaceAttributes(String model) {
        return !net(model).mixesClasses() && net(model).namedClasses();
    }

    /** The data set a classifier was trained on (its card's labels: {@link Dataset#of(ModelCard)}), null for the face networks. */
    public static Dataset dataset(String model) {
        return model != null && net(model) instanceof ClassifierNet c ? c.data() : null;
    }

    /** Whether the model's classes have names (a face attribute net, or a garment classifier) rather than digits. */
    public static boolean hasNamedClasses(String model) {
        return net(model).namedClasses();
    }

    /** The named classes of a face attribute net or of a Fashion-MNIST classifier (empty for a digit classifier). */
    public static List<String> classLabels(String model) {
        return hasNamedClasses(model) ? net(model).classNames() : List.of();
    }

    /** What class k of a model is called: a digit, a garment, an expression or an age/gender target. */
    public static String classLabel(String model, int k) {
        return hasNamedClasses(model) ? classLabels(model).get(k) : Integer.toString(k);
    }

    /** What the model's held-out pictures are called: "digit", "garment" ("sample photo" for the face recogniser). */
    public static String pictureNoun(String model) {
        return net(model).pictureNoun();
    }

    /** How many held-out test pictures the model's data set has (1,500 digits, 10,000 garments; 6 sample photos). */
    public static int heldOutCount(String model) {
        return net(model).heldOutCount();
    }

    /** The GIF's frame time. */
    public static final int GIF_DELAY_MS = 80;
    /** Exports are enlarged by a whole factor to about this width: a 28×28 digit by 8, a 150×150 face not at all. */
    public static final int EXPORT_WIDTH = 224;

    private final JobRunner jobs;
    private final Executor fx;

    private final ReadOnlyListWrapper<Technique> objectives =
            new ReadOnlyListWrapper<>(this, "objectives", FXCollections.observableArrayList(NO_MODEL.techniques()));
    private final ObjectProperty<Technique> objective = new SimpleObjectProperty<>(this, "objective", Technique.CLASS);
    private final ReadOnlyListWrapper<String> models = new ReadOnlyListWrapper<>(this, "models", FXCollections.observableArrayList());
    private final ObjectProperty<String> model = new SimpleObjectProperty<>(this, "model");
    private final IntegerProperty digit = new SimpleIntegerProperty(this, "digit", 3);
    private final BooleanProperty mix = new SimpleBooleanProperty(this, "mix", false);
    private final IntegerProperty secondDigit = new SimpleIntegerProperty(this, "secondDigit", 8);
    private final DoubleProperty mixWeight = new SimpleDoubleProperty(this, "mixWeight", 0.5);
    private final ObjectProperty<String> move = new SimpleObjectProperty<>(this, "move", MOVES.get(0));
    private final DoubleProperty movePixels = new SimpleDoubleProperty(this, "movePixels", 6);
    private final IntegerProperty dragPoint = new SimpleIntegerProperty(this, "dragPoint", -1);
    private final DoubleProperty dragDx = new SimpleDoubleProperty(this, "dragDx");
    private final DoubleProperty dragDy = new SimpleDoubleProperty(this, "dragDy");
    private final BooleanProperty dragMirrored = new SimpleBooleanProperty(this, "dragMirrored", false);
    private final BooleanProperty dragGroup = new SimpleBooleanProperty(this, "dragGroup", false);
    private final DoubleProperty identityWeight = new SimpleDoubleProperty(this, "identityWeight", LandmarkHold.IDENTITY);
    private final DoubleProperty appearanceWeight = new SimpleDoubleProperty(this, "appearanceWeight", LandmarkHold.APPEARANCE);
    private final DoubleProperty othersWeight = new SimpleDoubleProperty(this, "othersWeight", LandmarkEdit.OTHERS);
    private final ReadOnlyObjectWrapper<double[]> resultLandmarks = new ReadOnlyObjectWrapper<>(this, "resultLandmarks");
    private final ReadOnlyBooleanWrapper continuing = new ReadOnlyBooleanWrapper(this, "continuing", false);
    /** The last landmark result's face, re-cut, where the next move starts; null for the original. FX thread. */
    private Start continued;
    private final ReadOnlyObjectWrapper<double[]> landmarks = new ReadOnlyObjectWrapper<>(this, "landmarks");
    private final ReadOnlyDoubleWrapper photoPixelsPerPicturePixel = new ReadOnlyDoubleWrapper(this, "photoPixelsPerPicturePixel", 1);
    private final ReadOnlyListWrapper<String> layers = new ReadOnlyListWrapper<>(this, "layers", FXCollections.observableArrayList());
    private final ObjectProperty<String> layer = new SimpleObjectProperty<>(this, "layer");
    private final IntegerProperty channel = new SimpleIntegerProperty(this, "channel", 0);
    private final IntegerProperty heldOut = new SimpleIntegerProperty(this, "heldOut", 0);
    private final ObjectProperty<String> thickness = new SimpleObjectProperty<>(this, "thickness", ANY);
    private final ObjectProperty<String> slant = new SimpleObjectProperty<>(this, "slant", ANY);
    private final ObjectProperty<Path> pictureFile = new SimpleObjectProperty<>(this, "pictureFile");
    private final ReadOnlyObjectWrapper<Picture> original = new ReadOnlyObjectWrapper<>(this, "original");

    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps");
    private final LongProperty seed = new SimpleLongProperty(this, "seed");
    private final DoubleProperty l2 = new SimpleDoubleProperty(this, "l2");
    private final DoubleProperty tv = new SimpleDoubleProperty(this, "tv");
    private final IntegerProperty jitter = new SimpleIntegerProperty(this, "jitter");
    private final IntegerProperty blurEvery = new SimpleIntegerProperty(this, "blurEvery");
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate");
    private final BooleanProperty fourier = new SimpleBooleanProperty(this, "fourier");
    private final BooleanProperty scaleRotate = new SimpleBooleanProperty(this, "scaleRotate");
    private final IntegerProperty octaves = new SimpleIntegerProperty(this, "octaves", 1);
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(this, "previewEvery", 5);

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart", false);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Map<String, Double>> metrics = new ReadOnlyObjectWrapper<>(this, "metrics", Map.of());
    private final ReadOnlyListWrapper<LossPoint> losses = new ReadOnlyListWrapper<>(this, "losses", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Picture> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyListWrapper<Result> gallery = new ReadOnlyListWrapper<>(this, "gallery", FXCollections.observableArrayList());
    private final ObjectProperty<Result> selected = new SimpleObjectProperty<>(this, "selected");

    private JobRunner.Handle<Result> run;
    /** The loaded network; touched only on job threads, one job at a time. */
    private volatile InversionNet inverter;
    /** The recogniser's identity and appearance terms for the landmark moves, loaded with the first one; job threads only. */
    private volatile LandmarkHold hold;

    /** Job events arrive where {@code jobs} delivers its own: the FX thread, or a test's queue. */
    public InversionViewModel(JobRunner jobs) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        running.bind(state.isEqualTo(State.RUNNING));
        // a gallery entry, picked while nothing runs, comes back on the canvas with its curves
        selected.addListener((o, a, r) -> {
            if (r != null && !running.get()) showResult(r);
        });
        canStart.bind(running.not().and(model.isNotNull()).and(Bindings.createBooleanBinding(() -> {
            Technique k = objective.get();
            if (k == null) return false;
            if (k == Technique.CLASS) return !mix.get() || secondDigit.get() != digit.get();
            if (k == Technique.LANDMARKS && POINT_MOVE.equals(move.get())) return dragPoint.get() >= 0 && (dragDx.get() != 0 || dragDy.get() != 0);
            return !k.usesLayer() || layer.get() != null;
        }, objective, mix, digit, secondDigit, layer, move, dragPoint, dragDx, dragDy)));
        resetKnobs();
        objective.addListener((o, a, k) -> {
            if (k == null) return; // the objectives list is being replaced (see the model's listener)
            resetKnobs();
            if (k.usesLayer() && layers.contains(k.defaultLayer())) layer.set(k.defaultLayer());
            if (k.usesPicture()) loadOriginal();
        });
        model.addListener((o, a, m) -> {
            if (m != null) heldOut.set(net(m).keepHeldOut(heldOut.get())); // 9,999 garments, 1,499 digits
            // a ChoiceBox on the list clears its value while the list is replaced: decide the kind first, put it back after
            List<Technique> kinds = net(m).techniques();
            Technique keep = kinds.contains(objective.get()) ? objective.get() : kinds.get(0);
            if (!objectives.equals(kinds)) objectives.setAll(kinds);
            if (objective.get() != keep) objective.set(keep);
            else resetKnobs(); // the same kind may have other defaults on the other model
            readLayers();
        });
        heldOut.addListener(o -> {
            if (pictureFile.get() == null) loadOriginal();
        });
        pictureFile.addListener(o -> loadOriginal());
        refreshModels();
    }

    /**
     * What the first Inversion Lab does slowly, done off the FX thread beforehand: reads the classifiers' cards and
     * the face networks' presence (loading the engine's classes on the way), so the screen then builds quickly.
     */
    public static List<String> prepare() {
        List<String> names = new ArrayList<>();
        for (ModelStore.Entry e : ModelStore.list(ModelCard.CLASSIFIER)) {
            String name = e.dir().getFileName().toString();
            names.add(name);
            net(name).techniques();
        }
        if (InversionNet.faceNetworksAvailable()) names.addAll(List.of(FACE_MODEL, EXPRESSION_MODEL, AGE_GENDER_MODEL));
        return names;
    }

    /** Re-reads the classifiers in models/ and the user's models; keeps the choice when it is still there. */
    public void refreshModels() {
        List<String> names = new ArrayList<>();
        NETS.clear();
        for (ModelStore.Entry e : ModelStore.list(ModelCard.CLASSIFIER)) {
            String name = e.dir().getFileName().toString();
            names.add(name);
            NETS.put(name, ClassifierNet.named(name, Dataset.of(e.card())));
        }
        if (InversionNet.faceNetworksAvailable()) {
            names.addAll(List.of(FACE_MODEL, EXPRESSION_MODEL, AGE_GENDER_MODEL, LANDMARKS_MODEL, DETECTOR_MODEL));
        }
        String was = model.get();
        models.setAll(names);
        if (was != null && names.contains(was)) return;
        model.set(names.contains(ModelStore.DEFAULT_CLASSIFIER) ? ModelStore.DEFAULT_CLASSIFIER : names.isEmpty() ? null : names.get(0));
        if (names.isEmpty()) error.set("No classifier in " + dev.latentstudio.engine.StudioPaths.models()
                + ": the Inversion Lab needs one (./studio train-classifier makes digit-cnn).");
    }

    /** Loads the chosen classifier off the FX thread and offers its layers. */
    private void readLayers() {
        String m = model.get();
        if (m == null) return;
        jobs.submit("Read " + m, () -> inverterFor(m).layerNames()).result().whenComplete((names, e) -> fx.execute(() -> {
            if (!m.equals(model.get())) return;
            if (e != null) {
                error.set("Could not load " + m + ": " + Failures.message(Failures.unwrap(e)));
                return;
            }
            String was = layer.get();
            layers.setAll(names);
            Technique k = objective.get();
            if (was != null && names.contains(was)) return;
            layer.set(k.usesLayer() && names.contains(k.defaultLayer()) ? k.defaultLayer() : names.isEmpty() ? null : names.get(0));
            if (k.usesPicture()) loadOriginal();
        }));
    }

    private LandmarkHold holdFor() throws java.io.IOException {
        LandmarkHold h = hold;
        if (h == null) {
            h = LandmarkHold.load();
            hold = h;
        }
        return h;
    }

    private InversionNet inverterFor(String m) throws java.io.IOException {
        InversionNet v = inverter;
        if (v == null || !v.model().equals(m)) {
            v = InversionNet.of(m);
            inverter = v;
        }
        return v;
    }

    /** Shows the picture a reconstruction or dream starts from; a bad file is an error and the old picture stays. */
    private void loadOriginal() {
        String m = model.get();
        Technique k = objective.get();
        if (m == null || k == null || !k.usesPicture()) return;
        Path file = pictureFile.get();
        int index = heldOut.get();
        jobs.submit("Load picture", () -> {
            InversionNet v = inverterFor(m);
            return Loaded.of(v, v.start(file, index));
        }).result().whenComplete((loaded, e) -> fx.execute(() -> {
            if (e != null) {
                error.set(Failures.message(Failures.unwrap(e)));
                if (file != null && file.equals(pictureFile.get())) pictureFile.set(null);
                return;
            }
            error.set("");
            continued = null; // a face loaded afresh: the next move starts from it
            continuing.set(false);
            boolean otherFace = !java.util.Arrays.equals(landmarks.get(), loaded.points());
            original.set(Picture.of(loaded.picture()));
            landmarks.set(loaded.points());
            photoPixelsPerPicturePixel.set(loaded.scale());
            if (loaded.points() != null && !running.get()) {
                preview.set(null); // the face to drag on takes the canvas (a run's result stays on it until then)
                resultLandmarks.set(null);
                if (otherFace) { // an old drag does not apply to another face (the same one loads again after a model switch)
                    dragPoint.set(-1);
                    dragDx.set(0);
                    dragDy.set(0);
                }
            }
        }));
    }

    /** A start picture and, for the landmark net, its 68 points in the picture's pixels and the photo pixels per picture pixel. */
    record Loaded(BufferedImage picture, double[] points, double scale, Start start) {
        static Loaded of(InversionNet v, Start s) {
            LandmarkEdit.Cut cut = v instanceof LandmarkNet l ? l.cut(s) : null;
            return new Loaded(s.picture(), cut == null ? null : cut.picturePoints(), cut == null ? 1 : cut.photoPixelsPerPicturePixel(), s);
        }
    }

    /**
     * The next landmark move starts from the original face again (the picture or sample chosen), not from the last
     * result.
     */
    public void startFromOriginal() {
        if (running.get()) return;
        loadOriginal();
    }

    /**
     * Landmark {@code k} dragged by (dx, dy) photo pixels on the canvas: the move becomes {@link #POINT_MOVE} of that
     * point (and of its mirror partner when {@link #dragMirroredProperty} is on, of its whole feature group when
     * {@link #dragGroupProperty} is); Start runs it. Ignored while a run goes.
     */
    public void dragLandmark(int k, double dx, double dy) {
        if (running.get()) return;
        if (k < 0 || k >= dev.latentstudio.engine.face.FaceLandmarks68.POINTS) throw new IllegalArgumentException("landmark index must be 0..67, got " + k);
        dragPoint.set(k);
        dragDx.set(dx);
        dragDy.set(dy);
        move.set(POINT_MOVE);
        statusText.set(dx == 0 && dy == 0 ? "Landmark " + k + " picked: drag it where it should go."
                : String.format(Locale.ROOT, "Landmark %d dragged by (%.1f, %.1f) photo px: Start moves it there.", k, dx, dy));
    }

    /**
     * A drag let go: a move of a point that was dragged starts the run at once when nothing runs (the drag is the
     * request), as Start would.
     */
    public void landmarkDropped() {
        if (POINT_MOVE.equals(move.get()) && canStart.get()) start();
    }

    /** The start face's landmark nearest (x, y) in the picture's pixels, within {@code radius}; -1 for none (or no face yet). */
    public int nearestLandmark(double x, double y, double radius) {
        double[] p = landmarks.get();
        if (p == null) return -1;
        int best = -1;
        double bestD = radius;
        for (int k = 0; k < p.length / 2; k++) {
            double d = Math.hypot(p[2 * k] - x, p[2 * k + 1] - y);
            if (d <= bestD) {
                best = k;
                bestD = d;
            }
        }
        return best;
    }

    /** The word for "no wish" in the cGMM attribute choices. */
    public static final String ANY = "any";

    /** The cGMM attribute set: the digit, then the chosen thickness and slant (if any), as DigitAttributes indices. */
    public int[] attributes() {
        List<Integer> a = new ArrayList<>(List.of(digit.get()));
        if (!ANY.equals(thickness.get())) a.add(DigitAttributes.index(thickness.get()));
        if (!ANY.equals(slant.get())) a.add(DigitAttributes.index(slant.get()));
        return a.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The class weights of the current target: one class, or w·a + (1 − w)·b (not for the face attribute nets). */
    public double[] weights() {
        if (objective.get() == Technique.LANDMARKS) {
            if (POINT_MOVE.equals(move.get())) {
                return dragPoint.get() < 0 ? LandmarkMoves.none()
                        : LandmarkMoves.plus(LandmarkMoves.none(), dragPoint.get(), dragDx.get(), dragDy.get(), dragMirrored.get(), dragGroup.get());
            }
            return LandmarkMoves.plus(LandmarkMoves.none(), move.get(), movePixels.get());
        }
        if (isFaceAttributes(model.get())) {
            double[] e = new double[classLabels(model.get()).size()];
            e[Math.min(digit.get(), e.length - 1)] = 1;
            return e;
        }
        double[] w = new double[10];
        if (mix.get()) {
            w[digit.get()] += mixWeight.get();
            w[secondDigit.get()] += 1 - mixWeight.get();
        } else {
            w[digit.get()] = 1;
        }
        return w;
    }

    /**
     * The target in words: "digit 3", "0.50·3 + 0.50·8", "Sneaker", "0.50·Sneaker + 0.50·Bag", "conv2 channel 5",
     * "held-out digit 12 from pool1".
     */
    public String targetText() {
        String m = model.get();
        String pic = pictureFile.get() != null ? String.valueOf(pictureFile.get().getFileName()) : startName(m, heldOut.get());
        return switch (objective.get()) {
            case CLASS -> isFaceAttributes(m)
                    ? classLabel(m, Math.min(digit.get(), classLabels(m).size() - 1))
                    : !mix.get() ? (hasNamedClasses(m) ? classLabel(m, digit.get()) : "digit " + digit.get())
                    : String.format(Locale.ROOT, "%.2f·%s + %.2f·%s", mixWeight.get(), classLabel(m, digit.get()), 1 - mixWeight.get(),
                    classLabel(m, secondDigit.get()));
            case CHANNEL -> layer.get() + " channel " + channel.get();
            case RECONSTRUCT -> pic + " from " + layer.get();
            case DREAM -> pic + " dreamt at " + layer.get();
            case CGMM -> cgmmText(m, attributes()) + " at " + layer.get();
            case PORTRAIT -> "the face in " + pic;
            case LANDMARKS -> POINT_MOVE.equals(move.get())
                    ? String.format(Locale.ROOT, "landmark %d%s by (%.1f, %.1f) px%s on the face in %s", dragPoint.get(),
                    dragGroup.get() && dragPoint.get() >= 0 ? " with its group (" + LandmarkMoves.group(dragPoint.get()).name() + ")" : "",
                    dragDx.get(), dragDy.get(), dragMirrored.get() ? " and its mirror" : "", pic)
                    : String.format(Locale.ROOT, "%s %.1f px on the face in %s", move.get(), movePixels.get(), pic);
        };
    }

    /** A cGMM attribute set in words, its class by name ("Sneaker+thick" for garments, "7+thick" for digits). */
    static String cgmmText(String model, int[] attrs) {
        String rest = attrs.length > 1 ? "+" + DigitAttributes.describe(java.util.Arrays.copyOfRange(attrs, 1, attrs.length)) : "";
        return (attrs[0] < 10 ? classLabel(model, attrs[0]) : DigitAttributes.NAMES.get(attrs[0])) + rest;
    }

    /** Where a start picture comes from without a file of the user's: a held-out digit or garment, or a sample photo for faces. */
    public static String startName(String model, int index) {
        return net(model).startName(index);
    }

    /** The current knobs (DeepDream's octave scale and feature inversion's mean start are the objective's defaults). */
    public InversionOptions knobs() {
        InversionOptions d = net(model.get()).defaults(objective.get());
        return d.withKnobs(steps.get(), seed.get(), l2.get(), tv.get(), jitter.get(), blurEvery.get(), learningRate.get())
                .withParameterisation(fourier.get(), scaleRotate.get()).withOctaves(octaves.get(), d.octaveScale())
                .withPreviewEvery(Math.max(1, previewEvery.get()));
    }

    /** Puts every knob back to the current objective's defaults on this model (those of its ./studio invert command). */
    public void resetKnobs() {
        InversionOptions d = net(model.get()).defaults(objective.get());
        steps.set(d.steps());
        seed.set(d.seed());
        l2.set(d.l2());
        tv.set(d.tv());
        jitter.set(d.jitter());
        blurEvery.set(d.blurEvery());
        learningRate.set(d.lr());
        fourier.set(d.fourier());
        scaleRotate.set(d.scaleRotate());
        octaves.set(d.octaves());
        identityWeight.set(LandmarkHold.IDENTITY);
        appearanceWeight.set(LandmarkHold.APPEARANCE);
        othersWeight.set(LandmarkEdit.OTHERS);
    }

    /** Starts an inversion with the current settings; does nothing while one runs. */
    public void start() {
        if (!canStart.get()) return;
        Settings s;
        try {
            InversionOptions k = knobs();
            k.check(objective.get()); // the engine's refusals of a bad knob, as a message now
            s = new Settings(objective.get(), model.get(), targetText(), weights(), layer.get(), channel.get(), pictureFile.get(),
                    heldOut.get(), attributes(), k, identityWeight.get(), appearanceWeight.get(), othersWeight.get());
            if (!(s.identity() >= 0 && s.appearance() >= 0 && s.others() >= 0)) {
                throw new IllegalArgumentException("the identity, appearance and other points' weights must be >= 0");
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        losses.clear();
        metrics.set(Map.of());
        verdict.set("");
        step.set(0);
        total.set(s.knobs().steps() * (s.objective() == Technique.DREAM ? s.knobs().octaves() : 1));
        progress.set(0);
        preview.set(null);
        resultLandmarks.set(null);
        statusText.set("Loading " + s.model() + "…");
        state.set(State.RUNNING);
        Start from = s.objective() == Technique.LANDMARKS ? continued : null;
        run = jobs.start(watched(s, from)).onlyIfCurrent(() -> run)
                .onSuccess(this::done)
                .onCancel(() -> {
                    state.set(State.CANCELLED);
                    statusText.set("Cancelled at step " + step.get() + " of " + total.get() + "; nothing was added to the gallery.");
                })
                .onFailure(e -> {
                    state.set(State.FAILED);
                    statusText.set("");
                    error.set("The inversion failed: " + Failures.message(e));
                });
    }

    /** Stops the running inversion after its current step (well within a second). */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            statusText.set("Cancelling…");
        }
    }

    /** The job: load the classifier (once), run the inversion, measure the result; every event is kept. */
    private Job<Result> watched(Settings s, Start from) {
        EventPump<Progress> events = new EventPump<>(fx, this::show);
        int number = gallery.size() + 1;
        return new Job<>() {
            @Override
            public String name() {
                return "Inversion: " + s.target();
            }

            @Override
            public Result run(JobControl control) throws Exception {
                InversionNet v = inverterFor(s.model());
                List<BufferedImage> frames = new ArrayList<>();
                control.onProgress(p -> {
                    if (p.preview() != null) frames.add(p.preview());
                    events.accept(p);
                });
                // the landmark moves hold the face as ./studio invert landmarks does: the recogniser's identity (and appearance)
                if (v instanceof LandmarkNet l && s.objective() == Technique.LANDMARKS) {
                    holdFor().applyTo(l, s.identity(), s.appearance(), s.others());
                }
                control.checkpoint();
                Start start = !s.objective().usesPicture() ? null : from != null ? from : v.start(s.picture(), s.heldOut());
                Goal goal = new Goal(s.weights(), s.layer(), s.channel(), start, s.attributes(), 1);
                InversionNet.Outcome o = v.invert(s.objective(), goal, s.knobs(), control);
                Inversion.Result r = o.result();
                Verdict verdict = o.verdict();
                Picture before = start == null ? null : Picture.of(start.picture());
                Map<String, Double> figures = r.metrics();
                if (s.objective() == Technique.LANDMARKS) { // the errors and the identity distance beside the last step's terms
                    figures = new java.util.LinkedHashMap<>(figures);
                    figures.putAll(verdict.figures());
                }
                double[] points = null;
                Loaded next = null;
                if (v instanceof LandmarkNet l && s.objective() == Technique.LANDMARKS) {
                    points = l.picturePoints(r);
                    // the edited photo cut again, as the next move's start: successive drags build on each other
                    Start again = l.face(l.edited(goal, r)).orElse(null);
                    next = again == null ? null : Loaded.of(l, again);
                }
                return new Result(number, Picture.of(r.picture()), s, verdict.score(), verdict.words(), verdict.probabilities(), before,
                        List.copyOf(frames), r.msPerStep(), List.of(), figures, points, next);
            }
        };
    }

    private void show(Progress p) {
        if (!running.get()) return; // a late event of a run that has ended
        step.set(p.step());
        total.set(p.total());
        progress.set(p.fraction());
        metrics.set(p.metrics());
        losses.add(new LossPoint(p.step(), p.metric("objective"), penalty(p.metrics())));
        if (p.preview() != null) preview.set(Picture.of(p.preview()));
        if (!"Cancelling…".equals(statusText.get())) {
            statusText.set("Step " + p.step() + " of " + p.total() + (p.message() == null ? "" : " (" + p.message() + ")"));
        }
    }

    /** The regularisers' share of the loss: L2 + TV (0 when both are off). */
    static double penalty(Map<String, Double> m) {
        double sum = 0;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (!e.getKey().equals("objective") && !e.getKey().equals("loss")) sum += e.getValue();
        }
        return sum;
    }

    private void done(Result r) {
        state.set(State.DONE);
        progress.set(1);
        Result kept = r.withLosses(losses, r.metrics());
        gallery.add(kept);
        selected.set(kept);
        if (r.next() != null) { // the result is the face the next drag moves
            continued = r.next().start();
            continuing.set(true);
            original.set(Picture.of(r.next().picture()));
            landmarks.set(r.next().points());
            photoPixelsPerPicturePixel.set(r.next().scale());
            dragPoint.set(-1);
            dragDx.set(0);
            dragDy.set(0);
        }
        statusText.set(String.format(Locale.ROOT, "Done: %s, %s after %d steps (%.1f ms a step).", r.settings().target(),
                r.verdict(), step.get(), r.msPerStep()));
    }

    private void showResult(Result r) {
        preview.set(r.picture());
        resultLandmarks.set(r.points());
        if (r.original() != null) original.set(r.original());
        losses.setAll(r.losses());
        metrics.set(r.metrics());
        verdict.set(r.verdict());
        step.set(r.losses().isEmpty() ? 0 : (long) r.losses().get(r.losses().size() - 1).x());
        total.set(step.get());
        progress.set(1);
        statusText.set("Showing #" + r.number() + " from the gallery: " + r.settings().target() + ", " + r.verdict() + ".");
    }


    /** Writes the selected result as a PNG, enlarged towards {@value #EXPORT_WIDTH} pixels wide. */
    public CompletableFuture<Path> exportPng(Path file) {
        Result r = selected.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no result selected"));
        return export("Export PNG", file, () -> Images.writePng(enlarged(r.picture().image()), file));
    }

    /** Writes the selected result's optimisation (its previews, then the result) as a looping GIF. */
    public CompletableFuture<Path> exportGif(Path file) {
        Result r = selected.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no result selected"));
        return export("Export GIF", file, () -> {
            List<BufferedImage> frames = new ArrayList<>();
            for (BufferedImage f : r.frames()) frames.add(enlarged(f));
            if (frames.isEmpty()) frames.add(enlarged(r.picture().image()));
            Images.writeGif(frames, GIF_DELAY_MS, file);
        });
    }

    private CompletableFuture<Path> export(String name, Path file, JobRunner.Write w) {
        return jobs.write(name, file, w, f -> statusText.set("Wrote " + f), e -> error.set("Could not write " + file + ": " + e.getMessage()));
    }

    /** Drops the selected result from the gallery. */
    public void removeSelected() {
        Result r = selected.get();
        if (r == null) return;
        gallery.remove(r);
        selected.set(gallery.isEmpty() ? null : gallery.get(gallery.size() - 1));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyListProperty<Technique> objectivesProperty() {
        return objectives.getReadOnlyProperty();
    }

    public ObjectProperty<Technique> objectiveProperty() {
        return objective;
    }

    /** The classifiers to choose from (folder names under models/ and the user's models). */
    public ReadOnlyListProperty<String> modelsProperty() {
        return models.getReadOnlyProperty();
    }

    public ObjectProperty<String> modelProperty() {
        return model;
    }

    /** The target digit (the first of a mix). */
    public IntegerProperty digitProperty() {
        return digit;
    }

    /** Whether the target is a weighted mix of {@link #digitProperty} and {@link #secondDigitProperty}. */
    public BooleanProperty mixProperty() {
        return mix;
    }

    public IntegerProperty secondDigitProperty() {
        return secondDigit;
    }

    /** The first digit's weight w in w·a + (1 − w)·b, 0..1. */
    public DoubleProperty mixWeightProperty() {
        return mixWeight;
    }

    /** The landmark move (one of {@link #MOVES}) and its size in photo pixels. */
    public ObjectProperty<String> moveProperty() {
        return move;
    }

    public DoubleProperty movePixelsProperty() {
        return movePixels;
    }

    /** The landmark dragged on the canvas (0..67; -1 for none yet), the move of {@link #POINT_MOVE}. */
    public IntegerProperty dragPointProperty() {
        return dragPoint;
    }

    /** How far the dragged landmark is to move, in photo pixels (x right, y down). */
    public DoubleProperty dragDxProperty() {
        return dragDx;
    }

    public DoubleProperty dragDyProperty() {
        return dragDy;
    }

    /** Whether the dragged landmark's mirror partner moves too, reflected (the other mouth corner, the other brow). */
    public BooleanProperty dragMirroredProperty() {
        return dragMirrored;
    }

    /**
     * Whether a drag moves the dragged landmark's whole feature group ({@link LandmarkMoves#GROUPS}: the jaw, a brow, the
     * nose, an eye, the outer or inner lips) rigidly by the drag; the CLI's {@code K=dx,dy,group}.
     */
    public BooleanProperty dragGroupProperty() {
        return dragGroup;
    }

    /** Weight of the recogniser's descriptor distance² to the original face in a landmark move (0: off; the CLI's --identity). */
    public DoubleProperty identityWeightProperty() {
        return identityWeight;
    }

    /** Weight of the recogniser's shallow layer toward the original's in a landmark move (0: off; the CLI's --appearance). */
    public DoubleProperty appearanceWeightProperty() {
        return appearanceWeight;
    }

    /** Weight that holds the landmarks not moved at their original places (0: off; the CLI's --others). */
    public DoubleProperty othersWeightProperty() {
        return othersWeight;
    }

    /** Whether the next landmark move starts from the last result (see {@link #startFromOriginal}). */
    public ReadOnlyBooleanProperty continuingProperty() {
        return continuing.getReadOnlyProperty();
    }

    /** The landmark net's 68 points on the result shown (start picture's pixels, x, y interleaved); null for none. */
    public ReadOnlyObjectProperty<double[]> resultLandmarksProperty() {
        return resultLandmarks.getReadOnlyProperty();
    }

    /** The start face's 68 landmarks in the start picture's pixels (x, y interleaved); null but for the landmark net. */
    public ReadOnlyObjectProperty<double[]> landmarksProperty() {
        return landmarks.getReadOnlyProperty();
    }

    /** Photo pixels per pixel of the start picture: a drag on the picture, times this, is the move in the photo. */
    public ReadOnlyDoubleProperty photoPixelsPerPicturePixelProperty() {
        return photoPixelsPerPicturePixel.getReadOnlyProperty();
    }

    /** The classifier's layers (loaded with the model), for the kinds that work at a layer. */
    public ReadOnlyListProperty<String> layersProperty() {
        return layers.getReadOnlyProperty();
    }

    public ObjectProperty<String> layerProperty() {
        return layer;
    }

    /** The channel (a neuron, at a dense layer) that the channel objective climbs. */
    public IntegerProperty channelProperty() {
        return channel;
    }

    /** Which held-out test picture (0..1,499 digits, 0..9,999 garments) a reconstruction or dream starts from, when no picture file is chosen. */
    public IntegerProperty heldOutProperty() {
        return heldOut;
    }

    /** The user's picture to reconstruct or dream on; null for the held-out digit. */
    public ObjectProperty<Path> pictureFileProperty() {
        return pictureFile;
    }

    /** The picture a reconstruction or dream starts from, as the classifier sees it (28×28 grey). */
    public ReadOnlyObjectProperty<Picture> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** cGMM: "any", "thin" or "thick". */
    public ObjectProperty<String> thicknessProperty() {
        return thickness;
    }

    /** cGMM: "any", "slant-left" or "slant-right". */
    public ObjectProperty<String> slantProperty() {
        return slant;
    }

    /** Hold the image as a Fourier spectrum (low frequencies move first) instead of raw pixels. */
    public BooleanProperty fourierProperty() {
        return fourier;
    }

    /** Each step also zooms and turns the image a little (as well as the jitter). */
    public BooleanProperty scaleRotateProperty() {
        return scaleRotate;
    }

    /** DeepDream's octaves: the picture is dreamt at this many scales, smallest first. */
    public IntegerProperty octavesProperty() {
        return octaves;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public DoubleProperty l2Property() {
        return l2;
    }

    public DoubleProperty tvProperty() {
        return tv;
    }

    public IntegerProperty jitterProperty() {
        return jitter;
    }

    public IntegerProperty blurEveryProperty() {
        return blurEvery;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** A preview image (and a GIF frame) every this many steps. */
    public IntegerProperty previewEveryProperty() {
        return previewEvery;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The last step's figures: objective (the weighted logits), l2, tv, loss. */
    public ReadOnlyObjectProperty<Map<String, Double>> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    /** Per step: the objective (a) and the regularisers' penalty L2 + TV (b). */
    public ReadOnlyListProperty<LossPoint> lossesProperty() {
        return losses.getReadOnlyProperty();
    }

    /** The image as it evolves (the newest preview), then the result. */
    public ReadOnlyObjectProperty<Picture> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** How the last finished (or selected) result did, in words: "p = 0.9987", "SSIM 0.912", "activation 0.27". */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Finished results, oldest first. */
    public ReadOnlyListProperty<Result> galleryProperty() {
        return gallery.getReadOnlyProperty();
    }

    /** The gallery entry that the exports write. */
    public ObjectProperty<Result> selectedProperty() {
        return selected;
    }

    private static BufferedImage enlarged(BufferedImage img) {
        return Images.scale(img, Math.max(1, EXPORT_WIDTH / img.getWidth()));
    }
}
