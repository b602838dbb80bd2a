package dev.latentstudio.app.common;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import javafx.beans.binding.Bindings;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A training run as the training screens show it: one trainer {@link Job} on the {@link JobRunner} with
 * pause, resume and stop (which saves a checkpoint), its step, rate, ETA, loss curve and preview, status
 * and error text, and whether the run folder can be resumed. A screen's view model extends it with what
 * is its own: the data and options, which job a run is ({@link #launch}) and what a step report adds
 * ({@link #onStep}). Events arrive on the FX thread (or a test's queue); no scene-graph types.
 */
public abstract class TrainingRunViewModel {

    public enum State { IDLE, RUNNING, PAUSED, STOPPED, DONE, FAILED }

    private final JobRunner jobs;
    /** G's metric in the loss curve (D's is always "d_loss"). */
    private final String gMetric;
    /** Where the finished model is offered, for the "Done" line. */
    private final String offeredWhere;
    private final Predicate<Path> hasCheckpoint;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyDoubleWrapper imagesPerSecond = new ReadOnlyDoubleWrapper(this, "imagesPerSecond", Double.NaN);
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Picture> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyListWrapper<LossPoint> losses =
            new ReadOnlyListWrapper<>(this, "losses", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>(this, "runDir");
    private final ReadOnlyObjectWrapper<Path> lastSavedModel = new ReadOnlyObjectWrapper<>(this, "lastSavedModel");
    private final ReadOnlyBooleanWrapper canResumeRun = new ReadOnlyBooleanWrapper(this, "canResumeRun", false);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ReadOnlyBooleanWrapper runHasCheckpoint = new ReadOnlyBooleanWrapper(this, "runHasCheckpoint", false);
    /** The current run; a replaced one's end is ignored ({@link JobRunner.Handle#onlyIfCurrent}). */
    private JobRunner.Handle<Path> run;

    /**
     * @param gMetric       the progress metric drawn as G's loss curve
     * @param offeredWhere  where the studio offers a finished model ("listed with the generators")
     * @param hasCheckpoint whether a run folder holds a checkpoint this kind of trainer resumes from
     */
    private final StringProperty outputName = new SimpleStringProperty(this, "outputName", "");
    private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper(this, "nameProblem", "");
    private final ReadOnlyStringWrapper freshName = new ReadOnlyStringWrapper(this, "freshName", "");

    protected TrainingRunViewModel(JobRunner jobs, String gMetric, String offeredWhere, Predicate<Path> hasCheckpoint, String defaultName) {
        this.jobs = jobs;
        this.gMetric = gMetric;
        this.offeredWhere = offeredWhere;
        this.hasCheckpoint = hasCheckpoint;
        active.bind(state.isEqualTo(State.RUNNING).or(state.isEqualTo(State.PAUSED)));
        outputName.set(defaultName);
        nameProblem.bind(Bindings.createStringBinding(() -> problemWithName(outputName.get()), outputName));
        // asked again when the name changes and when a run ends (it may just have taken the name)
        freshName.bind(Bindings.createStringBinding(() -> nameProblem.get().isEmpty()
                ? freshName(StudioPaths.userModels(), outputName.get().trim()) : "", outputName, nameProblem, state, lastSavedModel));
    }

    // ---- the output name -----------------------------------------------------------------------

    /** The new run's folder among the user's models, or null (after saying why) when that name is taken. */
    protected Path freeOutput(String resumeHint) {
        Path out = StudioPaths.userModels().resolve(outputName.get().trim());
        if (!Files.exists(out)) return out;
        showError("A model or run named '" + out.getFileName() + "' already exists in " + out.getParent()
                + ": it is not overwritten. Use '" + freshName(out.getParent(), out.getFileName().toString())
                + "' or another name" + (hasCheckpoint.test(out) ? ", or " + resumeHint + "." : "."));
        return null;
    }

    /**
     * "" when {@code name} is free in {@code dir}; else the first free "name-2", "name-3", … (a trailing "-N" is
     * counted on: my-digits-2 taken gives my-digits-3).
     */
    public static String freshName(Path dir, String name) {
        if (name.isEmpty() || !Files.exists(dir.resolve(name))) return "";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*)-(\\d{1,6})").matcher(name);
        String stem = m.matches() ? m.group(1) : name;
        for (int k = m.matches() ? Integer.parseInt(m.group(2)) + 1 : 2; ; k++) {
            String candidate = stem + "-" + k;
            if (!Files.exists(dir.resolve(candidate))) return candidate;
        }
    }

    /** Takes the name {@link #freshNameProperty} offers. */
    public void useFreshName() {
        if (!freshName.get().isEmpty()) outputName.set(freshName.get());
    }

    /** Why an output name cannot name a folder of the user's models, or "" when it can. */
    public static String problemWithName(String raw) {
        String n = raw == null ? "" : raw.trim();
        if (n.isEmpty()) return "Give the model a name.";
        if (n.contains("/") || n.contains("\\") || n.contains(":")) return "The name is a folder name: no / \\ or :.";
        if (n.startsWith(".")) return "The name cannot start with a dot.";
        if (n.length() > 64) return "Keep the name to 64 characters.";
        for (char c : n.toCharArray()) {
            if (Character.isISOControl(c) || "<>\"|?*".indexOf(c) >= 0) return "The name cannot hold < > \" | ? * or control characters.";
        }
        return "";
    }

    /** The new model's folder name among the user's models. */
    public StringProperty outputNameProperty() {
        return outputName;
    }

    /** Why the output name cannot be used ("" when it can). */
    public ReadOnlyStringProperty nameProblemProperty() {
        return nameProblem.getReadOnlyProperty();
    }

    /** The first free name after the output name when that is taken ("" when it is free). */
    public ReadOnlyStringProperty freshNameProperty() {
        return freshName.getReadOnlyProperty();
    }

    public void pause() {
        if (state.get() != State.RUNNING) return;
        run.control().setPaused(true);
        state.set(State.PAUSED);
        statusText.set("Paused at step " + step.get() + ". Resume continues exactly where it held.");
    }

    public void resume() {
        if (state.get() != State.PAUSED) return;
        run.control().setPaused(false);
        state.set(State.RUNNING);
        statusText.set("Training…");
    }

    /** Cancels the run; the trainer saves a checkpoint first, so Resume run can continue it. */
    public void stop() {
        if (!active.get()) return;
        run.control().cancel();
        statusText.set("Stopping: saving a checkpoint…");
    }

    /** Forgets the last run's curve, preview and model, before a new run (not a resumed one). */
    protected final void clearRun() {
        losses.clear();
        preview.set(null);
        lastSavedModel.set(null);
    }

    /**
     * Runs {@code job}, a trainer writing into {@code out} for {@code steps} steps, on a thread of its own
     * (the other screens keep rendering meanwhile); {@code starting} is the status until its first report.
     */
    protected final void launch(Job<Path> job, Path out, long steps, String starting) {
        error.set("");
        lastSavedModel.set(null);
        runDir.set(out);
        canResumeRun.set(false);
        runHasCheckpoint.set(false);
        total.set(steps);
        state.set(State.RUNNING);
        statusText.set(starting);
        run = jobs.start(watched(job)).onlyIfCurrent(() -> run)
                .always(() -> {
                    runHasCheckpoint.set(runDir.get() != null && hasCheckpoint.test(runDir.get()));
                    etaText.set("");
                    runEnded();
                })
                .onSuccess(model -> {
                    state.set(State.DONE);
                    progress.set(1);
                    step.set(total.get());
                    lastSavedModel.set(model);
                    statusText.set("Done: the model '" + model.getFileName() + "' is saved in " + model.getParent()
                            + " and " + offeredWhere + ".");
                })
                .onCancel(() -> {
                    state.set(State.STOPPED);
                    statusText.set(runHasCheckpoint.get()
                            ? "Stopped. The checkpoint in " + runDir.get() + " keeps the run; Resume run continues it."
                            : "Stopped before the first step; nothing was saved.");
                    canResumeRun.set(runHasCheckpoint.get());
                })
                .onFailure(e -> {
                    state.set(State.FAILED);
                    error.set("Training failed: " + Failures.message(e));
                    statusText.set("");
                    canResumeRun.set(runHasCheckpoint.get());
                });
    }

    /** Offers {@code dir}, a stopped run's folder with a checkpoint, to Resume run; {@code said} is the status. */
    protected final void offerResume(Path dir, String said) {
        error.set("");
        runDir.set(dir);
        canResumeRun.set(true);
        statusText.set(said);
    }

    /** A step report's figures that the screen keeps itself; {@code picture} is its preview or null. FX thread. */
    protected void onStep(Progress p, Picture picture) {
    }

    /** The run ended, however; before its state changes. FX thread. */
    protected void runEnded() {
    }

    protected final void showError(String message) {
        error.set(message);
    }

    protected final void showStatus(String message) {
        statusText.set(message);
    }

    /**
     * The job with a listener of its own: every event is kept (the loss charts need them all, and
     * they come only every few steps), queued, and drained on the FX thread in one task at a time.
     */
    private Job<Path> watched(Job<Path> job) {
        EventPump<Event> events = new EventPump<>(jobs.fx(), this::show);
        return new Job<>() {
            @Override
            public String name() {
                return job.name();
            }

            @Override
            public Path run(JobControl control) throws Exception {
                control.onProgress(p -> events.accept(new Event(p, p.preview() == null ? null : Picture.of(p.preview()))));
                return job.run(control);
            }
        };
    }

    private record Event(Progress progress, Picture preview) {
    }

    private void show(Event e) {
        Progress p = e.progress();
        if (!active.get()) return; // a late event of a run that has ended
        if (p.metrics().isEmpty()) { // a phase, not a step (measuring the result): say what is happening
            if (p.message() != null) statusText.set(Character.toUpperCase(p.message().charAt(0)) + p.message().substring(1) + "…");
            return;
        }
        step.set(p.step());
        total.set(p.total());
        progress.set(p.fraction());
        imagesPerSecond.set(p.metric("images_per_s"));
        etaText.set(eta(p.metric("eta_s")));
        losses.add(new LossPoint(p.step(), p.metric("d_loss"), p.metric(gMetric)));
        if (e.preview() != null) preview.set(e.preview());
        onStep(p, e.preview());
        if (state.get() == State.RUNNING) statusText.set("Training…");
    }

    /** Seconds as m:ss or h:mm:ss; empty when unknown. */
    public static String eta(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) return "";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Fraction of the run done, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Real images (or pairs) per second since the run or its resumption began. */
    public ReadOnlyDoubleProperty imagesPerSecondProperty() {
        return imagesPerSecond.getReadOnlyProperty();
    }

    /** Time left as m:ss or h:mm:ss; empty when not running. */
    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** What went wrong, in words for the user; empty when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The latest preview picture. */
    public ReadOnlyObjectProperty<Picture> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** D's loss (a) and G's (b) per progress report. */
    public ReadOnlyListProperty<LossPoint> lossesProperty() {
        return losses.getReadOnlyProperty();
    }

    /** The folder of the current or last run. */
    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    /** The folder of the model the last finished run saved. */
    public ReadOnlyObjectProperty<Path> lastSavedModelProperty() {
        return lastSavedModel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeRunProperty() {
        return canResumeRun.getReadOnlyProperty();
    }

    /** True while a run is running or paused. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** True when the last run left a checkpoint in its folder. */
    public ReadOnlyBooleanProperty runHasCheckpointProperty() {
        return runHasCheckpoint.getReadOnlyProperty();
    }
}
