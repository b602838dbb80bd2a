package dev.latentstudio.app.faceedit;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.NewestProgress;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.faceedit.FaceEdit;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.faceedit.FaceSubject;
import dev.latentstudio.engine.faceedit.Reading;
import dev.latentstudio.engine.faceedit.Sliders;
import dev.latentstudio.engine.faceedit.Weights;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Attribute sliders on a real face (the Booth's and the Inversion Lab's "Edit face"): a photo's largest face becomes
 * the subject; each slider (the seven expressions' target probabilities, an age change in years, P(male)) starts at
 * what the nets read on the face and counts as set once moved; {@link #apply} runs an edit from the current picture,
 * so released sliders build on each other, while identity and appearance stay the original's. Previews are the
 * photo's face neighbourhood with the edit pasted back. All properties change on the FX thread.
 */
public final class FaceEditViewModel {
    /** The expressions, in the nets' order. */
    public static final List<String> EXPRESSIONS = FaceExpressionNet.LABELS;
    /** The age slider's range either way, in years. */
    public static final double AGE_RANGE = 40;

    /** Loads the networks off the FX thread the first time they are needed. */
    public interface EditorLoader {
        FaceEditor load() throws Exception;
    }

    private final JobRunner jobs;
    private final Executor fx;
    private final EditorLoader loader;
    private volatile FaceEditor editor;
    private volatile FaceEdit.Options options = FaceEdit.Options.DEFAULTS;

    private final DoubleProperty[] expression = new DoubleProperty[EXPRESSIONS.size()];
    private final BooleanProperty[] expressionSet = new BooleanProperty[EXPRESSIONS.size()];
    private final DoubleProperty age = new SimpleDoubleProperty(this, "age", 0);
    private final DoubleProperty pMale = new SimpleDoubleProperty(this, "pMale", 0.5);
    private final BooleanProperty genderSet = new SimpleBooleanProperty(this, "genderSet", false);
    private final DoubleProperty identity = new SimpleDoubleProperty(this, "identity", Weights.DEFAULTS.identity());
    private final DoubleProperty appearance = new SimpleDoubleProperty(this, "appearance", Weights.DEFAULTS.appearance());
    private final DoubleProperty outside = new SimpleDoubleProperty(this, "outside", Weights.DEFAULTS.outside());

    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready", false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Picture> original = new ReadOnlyObjectWrapper<>(this, "original");
    private final ReadOnlyObjectWrapper<Picture> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<FaceEdit.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper reading = new ReadOnlyStringWrapper(this, "reading", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    private FaceSubject subject;
    private boolean resetting;
    private JobRunner.Handle<?> run;
    /** Counts requests, so that a cancelled run's late events are told from the new run's. */
    private int generation;

    public FaceEditViewModel(JobRunner jobs, EditorLoader loader) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        this.loader = loader;
        for (int k = 0; k < expression.length; k++) {
            expression[k] = new SimpleDoubleProperty(this, EXPRESSIONS.get(k), 0);
            expressionSet[k] = new SimpleBooleanProperty(this, EXPRESSIONS.get(k) + "Set", false);
            BooleanProperty set = expressionSet[k];
            expression[k].addListener(o -> {
                if (!resetting) set.set(true); // a slider counts once the user moves it
            });
        }
        pMale.addListener(o -> {
            if (!resetting) genderSet.set(true);
        });
    }

    /** Fewer steps for tests and quick looks (the default is {@link FaceEdit.Options#DEFAULTS}). */
    public void setOptions(FaceEdit.Options o) {
        options = o;
    }

    /** Makes the largest face of {@code photo} the subject ({@code what} names it: "the frame on screen", a file). */
    public void open(BufferedImage photo, String what) {
        if (photo == null) {
            error.set("No picture to edit: press Start so a face is on screen, or open a photo.");
            return;
        }
        cancel();
        int gen = ++generation;
        error.set("");
        reading.set("");
        status.set("Finding the face in " + what + "…");
        running.set(true);
        progress.set(-1);
        run = jobs.start(new Job<FaceSubject>() {
            @Override
            public String name() {
                return "Find the face to edit";
            }

            @Override
            public FaceSubject run(JobControl control) throws Exception {
                FaceEditor e = editor();
                control.checkpoint();
                return e.subject(photo).orElseThrow(() -> new IllegalArgumentException("No face found in " + what
                        + ": face the camera, or open a photo with a face."));
            }
        }).onlyIfCurrent(() -> run).always(() -> {
            running.set(false);
            progress.set(0);
        }).onSuccess(s -> {
            if (gen != generation) return;
            subject = s;
            Picture before = region(s, s.photo());
            original.set(before);
            preview.set(before);
            result.set(null);
            resetSliders();
            reading.set(describe(s.original(), null, Sliders.none()));
            status.set("Move a slider and let go: the face is edited from where it stands.");
            ready.set(true);
        }).onFailure(e -> {
            status.set("");
            error.set(e instanceof IllegalArgumentException ? e.getMessage() : "Could not open the face: " + Failures.message(e));
        });
    }

    /** Edits the current picture (the last result, else the original) toward the sliders that are set. */
    public void apply() {
        FaceSubject s = subject;
        if (s == null) {
            error.set("Open a face first.");
            return;
        }
        Sliders sliders = sliders();
        if (sliders.isEmpty()) {
            status.set("Move a slider first: each starts where the networks read the face.");
            return;
        }
        cancel();
        int gen = ++generation;
        error.set("");
        progress.set(0);
        running.set(true);
        status.set("Editing…");
        FaceEdit.Result from = result.get();
        Weights w = weights();
        FaceEdit.Options o = options;
        FaceEditor e = editor;
        FaceEdit edit = from == null ? e.edit(s, sliders, w, o) : e.edit(s, sliders, w, o).continuing(from);
        int steps = o.steps();
        run = jobs.start(new Job<FaceEdit.Result>() {
            @Override
            public String name() {
                return "Edit face";
            }

            @Override
            public FaceEdit.Result run(JobControl control) throws Exception {
                control.onProgress(watcher(gen));
                return edit.run(control);
            }
        }).onlyIfCurrent(() -> run).always(() -> running.set(false)).onSuccess(r -> {
            if (gen != generation) return;
            result.set(r);
            preview.set(region(s, r.photo()));
            progress.set(1);
            reading.set(describe(s.original(), r.after(), sliders));
            status.set(String.format(Locale.ROOT, "Done: %d steps in %.1f s (%.0f ms a step).", r.steps(), r.seconds(), r.msPerStep()));
        }).onCancel(() -> status.set("Cancelled at " + Math.round(progress.get() * steps) + " of " + steps + " steps."))
                .onFailure(ex -> {
                    status.set("");
                    error.set(ex instanceof IllegalArgumentException ? ex.getMessage() : "The edit failed: " + Failures.message(ex));
                });
    }

    /** Back to the original face; the sliders back to its reading. */
    public void reset() {
        cancel();
        FaceSubject s = subject;
        if (s == null) return;
        result.set(null);
        preview.set(original.get());
        resetSliders();
        reading.set(describe(s.original(), null, Sliders.none()));
        status.set("Back to the original face.");
    }

    /** Stops the running edit after its current step. */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            status.set("Cancelling…");
        }
    }

    /** Writes the photo with the edit pasted back (atomically). */
    public CompletableFuture<Path> save(Path file) {
        FaceEdit.Result r = result.get();
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("no edit to save"));
        return jobs.write("Save edited photo", file, () -> Images.writePng(r.photo(), file), f -> status.set("Saved " + f),
                e -> error.set("Could not write " + file + ": " + Failures.message(e)));
    }

    /** The sliders that are set, as the engine takes them. */
    Sliders sliders() {
        double[] e = new double[EXPRESSIONS.size()];
        for (int k = 0; k < e.length; k++) e[k] = expressionSet[k].get() ? clamp01(expression[k].get()) : Double.NaN;
        double a = age.get();
        return new Sliders(e, Math.abs(a) >= 0.5 ? Math.max(-AGE_RANGE, Math.min(AGE_RANGE, a)) : Double.NaN,
                genderSet.get() ? clamp01(pMale.get()) : Double.NaN);
    }

    Weights weights() {
        return Weights.DEFAULTS.with("identity", identity.get()).with("appearance", appearance.get()).with("outside", outside.get());
    }

    private FaceEditor editor() throws Exception {
        FaceEditor e = editor;
        if (e == null) {
            synchronized (this) {
                if (editor == null) editor = loader.load();
                e = editor;
            }
        }
        return e;
    }

    private void resetSliders() {
        resetting = true;
        try {
            readSliders(subject.original());
        } finally {
            resetting = false;
        }
    }

    private void readSliders(Reading r) {
        double[] p = r.expressions();
        for (int k = 0; k < expression.length; k++) {
            expression[k].set(p[k]);
            expressionSet[k].set(false);
        }
        age.set(0);
        pMale.set(r.pMale());
        genderSet.set(false);
    }

    /** "happy 0.04 → 0.91 · age 31 → 50 · P(male) 0.92 · identity distance 0.24" (before only, without an edit). */
    static String describe(Reading before, Reading after, Sliders s) {
        List<String> parts = new ArrayList<>();
        if (after == null) {
            double[] p = before.expressions();
            int top = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[top]) top = k;
            parts.add(String.format(Locale.ROOT, "%s %.2f", EXPRESSIONS.get(top), p[top]));
            parts.add(String.format(Locale.ROOT, "age %.0f", before.age()));
            parts.add(String.format(Locale.ROOT, "P(male) %.2f", before.pMale()));
            return "The networks read: " + String.join(" · ", parts);
        }
        Map<String, Double> b = before.figures(s), a = after.figures(s);
        for (String k : b.keySet()) {
            String name = k.equals("p_male") ? "P(male)" : k;
            String f = k.equals("age") ? "%s %.0f → %.0f" : "%s %.2f → %.2f";
            parts.add(String.format(Locale.ROOT, f, name, b.get(k), a.get(k)));
        }
        parts.add(String.format(Locale.ROOT, "other expressions moved %.2f", before.heldDrift(after, s)));
        parts.add(String.format(Locale.ROOT, "identity distance %.2f", after.identityDistance()));
        return String.join(" · ", parts);
    }

    private static Picture region(FaceSubject s, BufferedImage photo) {
        Rectangle r = s.paste().region();
        return Picture.of(photo.getSubimage(r.x, r.y, r.width, r.height));
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The newest step and preview of run {@code gen}, on the FX thread (a cancelled run's late events are dropped). */
    private Consumer<Progress> watcher(int gen) {
        return NewestProgress.to(fx, (last, pic) -> {
            if (gen != generation || !running.get()) return;
            progress.set(last.fraction());
            if (pic != null) preview.set(pic);
            if (!"Cancelling…".equals(status.get())) status.set("Step " + last.step() + " of " + last.total());
        });
    }

    // ---- properties ----------------------------------------------------------------------------

    /** Expression k's target probability (0..1); moving it sets the slider. */
    public DoubleProperty expressionProperty(int k) {
        return expression[k];
    }

    public BooleanProperty expressionSetProperty(int k) {
        return expressionSet[k];
    }

    /** The age change in years (±{@value #AGE_RANGE}); 0 leaves the age alone. */
    public DoubleProperty ageProperty() {
        return age;
    }

    /** The target P(male); counts once {@link #genderSetProperty} is true. */
    public DoubleProperty pMaleProperty() {
        return pMale;
    }

    public BooleanProperty genderSetProperty() {
        return genderSet;
    }

    public DoubleProperty identityWeightProperty() {
        return identity;
    }

    public DoubleProperty appearanceWeightProperty() {
        return appearance;
    }

    public DoubleProperty outsideWeightProperty() {
        return outside;
    }

    /** Whether a face is open for editing. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Share of the steps done, 0..1 (-1 while a face is being found). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The photo's face neighbourhood before any edit. */
    public ReadOnlyObjectProperty<Picture> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** The neighbourhood as the edit goes, then as it ended. */
    public ReadOnlyObjectProperty<Picture> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The last finished edit; null before one (or after Reset). */
    public ReadOnlyObjectProperty<FaceEdit.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** What the nets read, before → after for each set slider. */
    public ReadOnlyStringProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
