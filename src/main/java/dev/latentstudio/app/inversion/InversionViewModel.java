package dev.latentstudio.app.inversion;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ClassVisualisation;
import dev.latentstudio.engine.invert.ClassVisualiser;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.job.CancelledException;
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
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * The Inversion Lab's state: which classifier, which objective and target, the regularisers' knobs, the
 * running inversion's progress (previews, loss terms) and a gallery of finished results with their
 * settings, exported as PNG or as a GIF of the optimisation. No scene-graph types; all properties
 * change on the FX thread (or the test's queue).
 *
 * <p>The objective is one choice among {@link ObjectiveKind}s; today there is class visualisation, and
 * "reconstruct an image from layer l" will be one more constant with its own inputs and job.
 */
public final class InversionViewModel {

    /** What the inversion climbs. Each kind builds its own job from the shared knobs. */
    public enum ObjectiveKind {
        CLASS("Class visualisation");

        private final String label;

        ObjectiveKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum State { IDLE, RUNNING, DONE, CANCELLED, FAILED }

    /** The knobs of one run, as they were when it started. */
    public record Settings(ObjectiveKind objective, String model, String target, double[] weights,
                           ClassVisualisation.Options options) {
        /** One line for the gallery: target, steps and the regularisers. */
        public String describe() {
            ClassVisualisation.Options o = options;
            return String.format(Locale.ROOT, "%s · %d steps · L2 %.3f · TV %.3f · jitter %d · blur/%d · lr %.3f · seed %d",
                    target, o.steps(), o.l2(), o.tv(), o.jitter(), o.blurEvery(), o.lr(), o.seed());
        }
    }

    /**
     * A finished run: the picture, its settings, the classifier's probability of the target (the
     * weighted sum over the mixed classes), every class's probability, the previews in order, and the
     * loss terms of every step with the last step's figures.
     */
    public record Result(int number, Picture picture, Settings settings, double probability, double[] probabilities,
                         List<BufferedImage> frames, double msPerStep, List<LossPoint> losses, Map<String, Double> metrics) {
        Result withLosses(List<LossPoint> l, Map<String, Double> m) {
            return new Result(number, picture, settings, probability, probabilities, frames, msPerStep, List.copyOf(l), m);
        }

        public String caption() {
            return String.format(Locale.ROOT, "#%d %s  p=%.3f", number, settings.target(), probability);
        }
    }

    /** The GIF's frame time. */
    public static final int GIF_DELAY_MS = 80;
    /** Export scale: each 28×28 pixel becomes a block of this many pixels. */
    public static final int EXPORT_SCALE = 8;

    private final JobRunner jobs;
    private final Executor fx;

    private final ReadOnlyListWrapper<ObjectiveKind> objectives =
            new ReadOnlyListWrapper<>(this, "objectives", FXCollections.observableArrayList(ObjectiveKind.values()));
    private final ObjectProperty<ObjectiveKind> objective = new SimpleObjectProperty<>(this, "objective", ObjectiveKind.CLASS);
    private final ReadOnlyListWrapper<String> models = new ReadOnlyListWrapper<>(this, "models", FXCollections.observableArrayList());
    private final ObjectProperty<String> model = new SimpleObjectProperty<>(this, "model");
    private final IntegerProperty digit = new SimpleIntegerProperty(this, "digit", 3);
    private final BooleanProperty mix = new SimpleBooleanProperty(this, "mix", false);
    private final IntegerProperty secondDigit = new SimpleIntegerProperty(this, "secondDigit", 8);
    private final DoubleProperty mixWeight = new SimpleDoubleProperty(this, "mixWeight", 0.5);

    private static final ClassVisualisation.Options D = ClassVisualisation.Options.DEFAULTS;
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", D.steps());
    private final LongProperty seed = new SimpleLongProperty(this, "seed", D.seed());
    private final DoubleProperty l2 = new SimpleDoubleProperty(this, "l2", D.l2());
    private final DoubleProperty tv = new SimpleDoubleProperty(this, "tv", D.tv());
    private final IntegerProperty jitter = new SimpleIntegerProperty(this, "jitter", D.jitter());
    private final IntegerProperty blurEvery = new SimpleIntegerProperty(this, "blurEvery", D.blurEvery());
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", D.lr());
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
    private final ReadOnlyDoubleWrapper probability = new ReadOnlyDoubleWrapper(this, "probability", Double.NaN);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyListWrapper<Result> gallery = new ReadOnlyListWrapper<>(this, "gallery", FXCollections.observableArrayList());
    private final ObjectProperty<Result> selected = new SimpleObjectProperty<>(this, "selected");

    private JobRunner.Handle<Result> run;
    /** The loaded classifier; touched only on job threads, one job at a time. */
    private volatile ClassVisualiser visualiser;

    /** Job events arrive where {@code jobs} delivers its own: the FX thread, or a test's queue. */
    public InversionViewModel(JobRunner jobs) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        running.bind(state.isEqualTo(State.RUNNING));
        // a gallery entry, picked while nothing runs, comes back on the canvas with its curves
        selected.addListener((o, a, r) -> {
            if (r != null && !running.get()) showResult(r);
        });
        canStart.bind(running.not().and(model.isNotNull()).and(Bindings.createBooleanBinding(
                () -> !mix.get() || secondDigit.get() != digit.get(), mix, digit, secondDigit)));
        refreshModels();
    }

    /** Re-reads the classifiers in models/ and the user's models; keeps the choice when it is still there. */
    public void refreshModels() {
        List<String> names = new ArrayList<>();
        for (ModelStore.Entry e : ModelStore.list(ModelCard.CLASSIFIER)) names.add(e.dir().getFileName().toString());
        String was = model.get();
        models.setAll(names);
        if (was != null && names.contains(was)) return;
        model.set(names.contains(ModelStore.DEFAULT_CLASSIFIER) ? ModelStore.DEFAULT_CLASSIFIER : names.isEmpty() ? null : names.get(0));
        if (names.isEmpty()) error.set("No classifier in " + dev.latentstudio.engine.StudioPaths.models()
                + ": the Inversion Lab needs one (./studio train-classifier makes digit-cnn).");
    }

    /** The class weights of the current target: one digit, or w·a + (1 − w)·b. */
    public double[] weights() {
        double[] w = new double[10];
        if (mix.get()) {
            w[digit.get()] += mixWeight.get();
            w[secondDigit.get()] += 1 - mixWeight.get();
        } else {
            w[digit.get()] = 1;
        }
        return w;
    }

    /** The target in words: "3", or "0.50·3 + 0.50·8". */
    public String targetText() {
        if (!mix.get()) return "digit " + digit.get();
        return String.format(Locale.ROOT, "%.2f·%d + %.2f·%d", mixWeight.get(), digit.get(), 1 - mixWeight.get(), secondDigit.get());
    }

    /** The current knobs as engine options (throws on values the engine refuses). */
    public ClassVisualisation.Options options() {
        return new ClassVisualisation.Options(steps.get(), seed.get(), l2.get(), tv.get(), jitter.get(), blurEvery.get(),
                learningRate.get(), D.noise());
    }

    /** Puts every knob back to the engine's defaults. */
    public void resetKnobs() {
        steps.set(D.steps());
        seed.set(D.seed());
        l2.set(D.l2());
        tv.set(D.tv());
        jitter.set(D.jitter());
        blurEvery.set(D.blurEvery());
        learningRate.set(D.lr());
    }

    /** Starts an inversion with the current settings; does nothing while one runs. */
    public void start() {
        if (!canStart.get()) return;
        Settings s;
        try {
            s = new Settings(objective.get(), model.get(), targetText(), weights(), options());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        losses.clear();
        metrics.set(Map.of());
        probability.set(Double.NaN);
        step.set(0);
        total.set(s.options().steps());
        progress.set(0);
        preview.set(null);
        statusText.set("Loading " + s.model() + "…");
        state.set(State.RUNNING);
        int every = Math.max(1, previewEvery.get());
        JobRunner.Handle<Result> h = jobs.start(watched(s, every));
        run = h;
        h.result().whenComplete((r, e) -> finished(h, r, e));
    }

    /** Stops the running inversion after its current step (well within a second). */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            statusText.set("Cancelling…");
        }
    }

    /** The job: load the classifier (once), run the inversion, measure the result; every event is kept. */
    private Job<Result> watched(Settings s, int every) {
        Queue<Progress> events = new ConcurrentLinkedQueue<>();
        int number = gallery.size() + 1;
        return new Job<>() {
            @Override
            public String name() {
                return "Inversion: " + s.target();
            }

            @Override
            public Result run(JobControl control) throws Exception {
                ClassVisualiser v = visualiser;
                if (v == null || !v.model().equals(s.model())) {
                    v = ClassVisualiser.load(s.model());
                    visualiser = v;
                }
                List<BufferedImage> frames = new ArrayList<>();
                control.onProgress(p -> {
                    if (p.preview() != null) frames.add(p.preview());
                    boolean wasEmpty = events.isEmpty();
                    events.add(p);
                    if (wasEmpty) fx.execute(() -> drain(events));
                });
                control.checkpoint();
                Inversion.Result r = v.job(s.weights(), s.options(), every).run(control);
                double[] probs = v.probabilities(r);
                double p = 0;
                for (int k = 0; k < s.weights().length && k < probs.length; k++) if (s.weights()[k] != 0) p += probs[k];
                return new Result(number, Picture.of(r.picture()), s, p, probs, List.copyOf(frames), r.msPerStep(), List.of(), r.metrics());
            }
        };
    }

    private void drain(Queue<Progress> events) {
        for (Progress p; (p = events.poll()) != null; ) show(p);
    }

    private void show(Progress p) {
        if (!running.get()) return; // a late event of a run that has ended
        step.set(p.step());
        total.set(p.total());
        progress.set(p.fraction());
        metrics.set(p.metrics());
        losses.add(new LossPoint(p.step(), p.metric("objective"), penalty(p.metrics())));
        if (p.preview() != null) preview.set(Picture.of(p.preview()));
        if (!"Cancelling…".equals(statusText.get())) statusText.set("Step " + p.step() + " of " + p.total());
    }

    /** The regularisers' share of the loss: L2 + TV (0 when both are off). */
    static double penalty(Map<String, Double> m) {
        double sum = 0;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (!e.getKey().equals("objective") && !e.getKey().equals("loss")) sum += e.getValue();
        }
        return sum;
    }

    private void finished(JobRunner.Handle<Result> h, Result r, Throwable e) {
        if (h != run) return;
        Throwable cause = Failures.unwrap(e);
        if (cause == null) {
            state.set(State.DONE);
            progress.set(1);
            Result kept = r.withLosses(losses, r.metrics());
            gallery.add(kept);
            selected.set(kept);
            statusText.set(String.format(Locale.ROOT, "Done: p(%s) = %.4f after %d steps (%.1f ms a step).",
                    r.settings().target(), r.probability(), r.settings().options().steps(), r.msPerStep()));
        } else if (cause instanceof CancelledException) {
            state.set(State.CANCELLED);
            statusText.set("Cancelled at step " + step.get() + " of " + total.get() + "; nothing was added to the gallery.");
        } else {
            state.set(State.FAILED);
            statusText.set("");
            error.set("The inversion failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        }
    }

    private void showResult(Result r) {
        preview.set(r.picture());
        losses.setAll(r.losses());
        metrics.set(r.metrics());
        probability.set(r.probability());
        step.set(r.settings().options().steps());
        total.set(r.settings().options().steps());
        progress.set(1);
        statusText.set(String.format(Locale.ROOT, "Showing #%d from the gallery: p(%s) = %.4f.", r.number(),
                r.settings().target(), r.probability()));
    }


    /** Writes the selected result as a PNG, each pixel an {@value #EXPORT_SCALE}-pixel block. */
    public CompletableFuture<Path> exportPng(Path file) {
        Result r = selected.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no result selected"));
        return export("Export PNG", file, () -> Images.writePng(Images.scale(r.picture().image(), EXPORT_SCALE), file));
    }

    /** Writes the selected result's optimisation (its previews, then the result) as a looping GIF. */
    public CompletableFuture<Path> exportGif(Path file) {
        Result r = selected.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no result selected"));
        return export("Export GIF", file, () -> {
            List<BufferedImage> frames = new ArrayList<>();
            for (BufferedImage f : r.frames()) frames.add(Images.scale(f, EXPORT_SCALE));
            if (frames.isEmpty()) frames.add(Images.scale(r.picture().image(), EXPORT_SCALE));
            Images.writeGif(frames, GIF_DELAY_MS, file);
        });
    }

    private interface Write {
        void write() throws Exception;
    }

    private CompletableFuture<Path> export(String name, Path file, Write w) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        jobs.submit(name, () -> {
            w.write();
            return file;
        }).result().whenComplete((p, e) -> {
            Throwable cause = Failures.unwrap(e);
            if (cause == null) {
                statusText.set("Wrote " + file);
                done.complete(file);
            } else {
                error.set("Could not write " + file + ": " + cause.getMessage());
                done.completeExceptionally(cause);
            }
        });
        return done;
    }

    /** Drops the selected result from the gallery. */
    public void removeSelected() {
        Result r = selected.get();
        if (r == null) return;
        gallery.remove(r);
        selected.set(gallery.isEmpty() ? null : gallery.get(gallery.size() - 1));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyListProperty<ObjectiveKind> objectivesProperty() {
        return objectives.getReadOnlyProperty();
    }

    public ObjectProperty<ObjectiveKind> objectiveProperty() {
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

    /** The classifier's probability of the target for the last finished result; NaN before. */
    public ReadOnlyDoubleProperty probabilityProperty() {
        return probability.getReadOnlyProperty();
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
}
