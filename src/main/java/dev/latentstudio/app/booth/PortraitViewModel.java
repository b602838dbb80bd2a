package dev.latentstudio.app.booth;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.NewestProgress;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.face.BoothEngine;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The booth's identity portrait: "the portrait the network remembers of you". Draws the selected enrolled
 * person, or else the largest face of the frame on screen, by inverting the face recogniser towards that
 * descriptor ({@link IdentityPortrait}) on a job thread of its own, so the live booth keeps playing; previews
 * arrive every few steps, and the finished portrait comes with its own distance to the target. A new request
 * cancels the one running. All properties change on the FX thread (or the test's queue).
 */
public final class PortraitViewModel {
    /** face-api's threshold: descriptors closer than this are the same person. */
    static final double SAME_PERSON = 0.6;
    private static final int PREVIEW_EVERY = 5;

    /** A finished portrait: the picture, its distance to the target, and whom it shows in words ("you", "Sam"). */
    public record Drawn(Picture picture, double distance, String who, int steps, double msPerStep) {
    }

    private final JobRunner jobs;
    private final Executor fx;
    private final BoothViewModel.EngineLoader engine;
    private final Supplier<String> person;
    private final Supplier<BufferedImage> frame;
    private volatile IdentityPortrait.Options options = IdentityPortrait.Options.DEFAULTS;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Picture> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<Drawn> portrait = new ReadOnlyObjectWrapper<>(this, "portrait");
    private final ReadOnlyDoubleWrapper distance = new ReadOnlyDoubleWrapper(this, "distance", Double.NaN);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private JobRunner.Handle<Drawn> run;
    /** Counts requests, so that a cancelled run's late events are told from the new run's. */
    private int generation;

    /**
     * @param engine the booth's networks (loaded once, shared with the live loop)
     * @param person the enrolled person selected in the booth's list; null for none
     * @param frame  the frame on screen; null while nothing is shown
     */
    PortraitViewModel(JobRunner jobs, BoothViewModel.EngineLoader engine, Supplier<String> person, Supplier<BufferedImage> frame) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        this.engine = engine;
        this.person = person;
        this.frame = frame;
    }

    /** Fewer steps for tests and quick looks (the default is {@link IdentityPortrait.Options#DEFAULTS}). */
    void setOptions(IdentityPortrait.Options o) {
        options = o;
    }

    /** Draws the selected person, else the largest face on screen; says so when there is neither. */
    public void draw() {
        String who = person.get();
        BufferedImage shown = frame.get();
        if (who == null && shown == null) {
            error.set("Nobody to draw: press Start so a face is on screen, or select an enrolled person in the list.");
            return;
        }
        cancel();
        int gen = ++generation;
        error.set("");
        verdict.set("");
        distance.set(Double.NaN);
        portrait.set(null);
        preview.set(null);
        progress.set(0);
        status.set("Finding " + (who == null ? "your face" : who) + "…");
        running.set(true);
        IdentityPortrait.Options o = options;
        int steps = o.steps();
        run = jobs.start(job(who, shown, o, gen)).onlyIfCurrent(() -> run)
                .always(() -> running.set(false))
                .onSuccess(this::drawn)
                .onCancel(() -> status.set("Cancelled at " + Math.round(progress.get() * steps) + " of " + steps + " steps."))
                .onFailure(e -> {
                    status.set("");
                    error.set(e instanceof IllegalArgumentException ? e.getMessage() : "The portrait failed: " + Failures.message(e));
                });
    }

    /** Stops the running portrait after its current step. */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            status.set("Cancelling…");
        }
    }

    private Job<Drawn> job(String who, BufferedImage shown, IdentityPortrait.Options o, int gen) {
        String words = who == null ? "you" : who;
        return new Job<>() {
            @Override
            public String name() {
                return "Portrait of " + words;
            }

            @Override
            public Drawn run(JobControl control) throws Exception {
                BoothEngine e = engine.load();
                control.checkpoint();
                float[] target = who != null
                        ? e.descriptor(who).orElseThrow(() -> new IllegalArgumentException(who + " has no snapshots to draw from; "
                                + "enrol a snapshot of them first."))
                        : e.largest(shown).map(dev.latentstudio.engine.face.FacePipeline.Face::descriptor).orElseThrow(() -> new IllegalArgumentException("No face in the frame on screen: "
                                + "face the camera (or select an enrolled person) and press Portrait again."));
                fx.execute(() -> {
                    if (gen == generation) status.set("Drawing the portrait the network remembers of " + words + "…");
                });
                control.onProgress(watcher(gen));
                FaceRecognitionNet net = e.recogniser();
                Inversion.Result r = IdentityPortrait.job(net, target, o, PREVIEW_EVERY).run(control);
                return new Drawn(Picture.of(r.picture()), IdentityPortrait.distance(net, r.image(), target), words, r.steps(),
                        r.msPerStep());
            }
        };
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

    private void drawn(Drawn d) {
        progress.set(1);
        preview.set(d.picture());
        portrait.set(d);
        distance.set(d.distance());
        verdict.set(verdict(d.who(), d.distance()));
        status.set(String.format(Locale.ROOT, "Done: %d steps, %.0f ms a step.", d.steps(), d.msPerStep()));
    }

    /** The distance in words, against face-api's same-person threshold. */
    static String verdict(String who, double d) {
        String head = String.format(Locale.ROOT, "The recogniser's distance to %s: %.2f", who, d);
        return d < SAME_PERSON ? head + " — below " + SAME_PERSON + " counts as the same person."
                : head + " — " + SAME_PERSON + " or more, so it would not call this the same person.";
    }

    /** Writes the finished portrait as a PNG (atomically). */
    public CompletableFuture<Path> save(Path file) {
        Drawn d = portrait.get();
        if (d == null) return CompletableFuture.failedFuture(new IllegalStateException("no finished portrait to save"));
        return jobs.write("Save portrait", file, () -> Images.writePng(d.picture().image(), file), f -> status.set("Saved " + f),
                e -> error.set("Could not write " + file + ": " + Failures.message(e)));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Share of the steps done, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The portrait as it emerges (the newest preview), then the finished one. */
    public ReadOnlyObjectProperty<Picture> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The finished portrait; null while one is drawn or none was. */
    public ReadOnlyObjectProperty<Drawn> portraitProperty() {
        return portrait.getReadOnlyProperty();
    }

    /** The finished portrait's descriptor distance to the target; NaN before. */
    public ReadOnlyDoubleProperty distanceProperty() {
        return distance.getReadOnlyProperty();
    }

    /** The distance in words: "The recogniser's distance to you: 0.31 — below 0.6 counts as the same person." */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
