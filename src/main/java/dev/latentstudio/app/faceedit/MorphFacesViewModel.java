package dev.latentstudio.app.faceedit;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.face.BoothEngine;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.IdentityMorph;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.latent.Walks;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "You morphing into …" (the Booth's, and the Inversion Lab's on a photo): the largest face on screen (or of a photo) turns, frame by frame, into an enrolled person or a
 * photo's face as the recogniser sees it ({@link IdentityMorph}: each frame drawn from the one before toward a
 * descriptor further along the great circle). Frames arrive while it runs, each with the recogniser's distances to
 * both faces; the finished ones play as a loop there and back ({@link #playingProperty}, {@link #advance}) and save as
 * a GIF. A new request cancels the one running. All properties change on the FX thread.
 */
public final class MorphFacesViewModel {
    /** Fewer frames than the CLI's 24: the booth's visitor waits for them. */
    static final IdentityMorph.Options BOOTH = IdentityMorph.Options.DEFAULTS.withFrames(12);

    /** A finished morph: its frames, the distances at both ends, whom it joins. */
    public record Morph(List<Picture> frames, List<IdentityMorph.Frame> measured, String into, double secondsPerFrame) {
    }

    private final JobRunner jobs;
    private final Executor fx;
    private final EngineLoader engine;
    private final Supplier<BufferedImage> frame;
    private volatile IdentityMorph.Options options = BOOTH;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyListWrapper<Picture> frames = new ReadOnlyListWrapper<>(this, "frames", FXCollections.observableArrayList());
    private final IntegerProperty shownFrame = new SimpleIntegerProperty(this, "shownFrame", 0);
    private final ReadOnlyObjectWrapper<Picture> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    /** The loop's way through the frames: +1 toward the other face, −1 back. */
    private int direction = 1;
    private final ReadOnlyObjectWrapper<Morph> morph = new ReadOnlyObjectWrapper<>(this, "morph");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private JobRunner.Handle<Morph> run;
    private int generation;

    /** The face networks and the gallery, loaded off the FX thread the first time they are needed. */
    public interface EngineLoader {
        BoothEngine load() throws Exception;
    }

    /** {@code you}: the picture whose largest face is A (the frame on screen, a chosen photo); null while there is none. */
    public MorphFacesViewModel(JobRunner jobs, EngineLoader engine, Supplier<BufferedImage> you) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        this.engine = engine;
        this.frame = you;
        InvalidationListener track = o -> {
            int i = shownFrame.get();
            picture.set(i >= 0 && i < frames.size() ? frames.get(i) : null);
        };
        shownFrame.addListener(track);
        frames.addListener(track);
    }

    /** Fewer frames or steps for tests and quick looks. */
    public void setOptions(IdentityMorph.Options o) {
        options = o;
    }

    /** Morphs the face on screen into an enrolled person. */
    public void morphWith(String person) {
        start(person, e -> e.descriptor(person).orElseThrow(() -> new IllegalArgumentException(person
                + " has no snapshots to morph into; enrol a snapshot of them first.")));
    }

    /** Morphs the face on screen into the largest face of a photo. */
    public void morphWith(Path photo) {
        String name = photo.getFileName().toString();
        start(name, e -> e.largest(ImageReading.read(photo)).map(FacePipeline.Face::descriptor)
                .orElseThrow(() -> new IllegalArgumentException(name + ": no face found")));
    }

    /** Where B's descriptor comes from, on the job thread. */
    private interface Target {
        float[] of(BoothEngine e) throws Exception;
    }

    private void start(String into, Target target) {
        BufferedImage shown = frame.get();
        if (shown == null) {
            refuse("No face on screen to morph: press Start and face the camera (or pick a photo) first.");
            return;
        }
        cancel();
        int gen = ++generation;
        error.set("");
        verdict.set("");
        playing.set(false);
        morph.set(null);
        frames.clear();
        progress.set(0);
        status.set("Finding your face…");
        running.set(true);
        IdentityMorph.Options o = options;
        run = jobs.start(new Job<Morph>() {
            @Override
            public String name() {
                return "Morph into " + into;
            }

            @Override
            public Morph run(JobControl control) throws Exception {
                BoothEngine e = engine.load();
                FacePipeline.Face you = e.largest(shown).orElseThrow(() -> new IllegalArgumentException(
                        "No face in the frame on screen: face the camera and try again."));
                float[] b = target.of(e);
                control.checkpoint();
                control.onProgress(watcher(gen, into, o.frames()));
                IdentityMorph.Result r = new IdentityMorph(e.recogniser(), you.descriptor(), b, you.aligned(), o).run(control);
                return new Morph(r.pictures().stream().map(Picture::of).toList(), r.frames(), into, r.secondsPerFrame());
            }
        }).onlyIfCurrent(() -> run).always(() -> running.set(false)).onSuccess(m -> {
            frames.setAll(m.frames());
            shownFrame.set(m.frames().size() - 1);
            progress.set(1);
            morph.set(m);
            playing.set(true);
            IdentityMorph.Frame first = m.measured().get(0), last = m.measured().get(m.measured().size() - 1);
            verdict.set(String.format(Locale.ROOT, "The recogniser's distance to you %.2f → %.2f, to %s %.2f → %.2f (below 0.6: the same person).",
                    first.distanceToA(), last.distanceToA(), into, first.distanceToB(), last.distanceToB()));
            status.set(String.format(Locale.ROOT, "Done: %d frames, %.1f s a frame.", m.frames().size(), m.secondsPerFrame()));
        }).onCancel(() -> status.set("Cancelled after " + frames.size() + " of " + o.frames() + " frames."))
                .onFailure(ex -> {
                    status.set("");
                    error.set(ex instanceof IllegalArgumentException || ex instanceof ImageReading.Unusable ? ex.getMessage()
                            : "The morph failed: " + Failures.message(ex));
                });
    }

    /** Says why no morph starts (nothing on screen, nothing to morph into); a morph running goes on. */
    public void refuse(String why) {
        error.set(why);
    }

    /** Stops the morph after its current step. */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            status.set("Cancelling…");
        }
    }

    /** Writes the finished morph as a looping GIF, there and back (atomically). */
    public CompletableFuture<Path> saveGif(Path file) {
        Morph m = morph.get();
        if (m == null) return CompletableFuture.failedFuture(new IllegalStateException("no finished morph to save"));
        return jobs.write("Save morph GIF", file, () -> Images.writeGif(Walks.pingPong(m.frames().stream().map(Picture::image).toList()), 120, file),
                f -> status.set("Saved " + f), e -> error.set("Could not write " + file + ": " + Failures.message(e)));
    }

    /** The next frame of the loop there and back: 0, 1, …, n−1, n−2, …, 1, 0, … (a view's timer calls it while {@link #playingProperty}). */
    public void advance() {
        int n = frames.size();
        if (n < 2) return;
        int i = shownFrame.get() + direction;
        if (i >= n || i < 0) {
            direction = -direction;
            i = shownFrame.get() + direction;
        }
        shownFrame.set(i);
    }

    /** Each frame as it is finished, with its distances to both faces; the newest is shown. */
    private Consumer<Progress> watcher(int gen, String into, int total) {
        AtomicReference<Progress> step = new AtomicReference<>();
        AtomicReference<Picture> picture = new AtomicReference<>();
        AtomicBoolean posted = new AtomicBoolean();
        return p -> {
            // every finished frame joins the list, so none may be dropped: frames come seconds apart
            if (p.preview() != null) {
                Picture pic = Picture.of(p.preview());
                double toA = p.metric("distance_a"), toB = p.metric("distance_b");
                fx.execute(() -> {
                    if (gen != generation || !running.get()) return;
                    frames.add(pic);
                    shownFrame.set(frames.size() - 1);
                    if (!"Cancelling…".equals(status.get())) {
                        status.set(String.format(Locale.ROOT, "Frame %d of %d: you, turning into %s… The recogniser: %.2f from you, %.2f from %s.",
                                frames.size(), total, into, toA, toB, into));
                    }
                });
            }
            step.set(p);
            if (!posted.getAndSet(true)) fx.execute(() -> {
                posted.set(false);
                if (gen == generation && running.get()) progress.set(step.get().fraction());
            });
        };
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The frames so far (all of them once finished). */
    public ReadOnlyListProperty<Picture> framesProperty() {
        return frames.getReadOnlyProperty();
    }

    /** Which frame the panel shows (the newest while running; the player and the scrubber move it after). */
    public IntegerProperty shownFrameProperty() {
        return shownFrame;
    }

    /** The frame {@link #shownFrameProperty} points at; null before the first. */
    public ReadOnlyObjectProperty<Picture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /** The finished frames play as a loop: on when a morph is done, off when a new one starts (the view's Play toggles it). */
    public BooleanProperty playingProperty() {
        return playing;
    }

    /** The finished morph; null while one runs or none did. */
    public ReadOnlyObjectProperty<Morph> morphProperty() {
        return morph.getReadOnlyProperty();
    }

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
