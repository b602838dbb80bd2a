package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.FrameStats;
import dev.latentstudio.app.common.Failures;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.latent.Walks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Morph: a point moving from A to B, on the straight line or the great circle, set by a slider
 * ({@link #tProperty}) or played as a loop there and back. The view's animation timer calls
 * {@link #tick} every pulse; the picture follows through {@link LiveFrames}, whose frame times are
 * the on-screen fps counter.
 */
public final class MorphViewModel {
    private final LatentLabViewModel lab;
    private final LiveFrames frames;
    private final ObjectProperty<LatentFile.Named> a = new SimpleObjectProperty<>(this, "a");
    private final ObjectProperty<LatentFile.Named> b = new SimpleObjectProperty<>(this, "b");
    private final ObjectProperty<Walks.Mode> mode = new SimpleObjectProperty<>(this, "mode", Walks.Mode.SLERP);
    private final DoubleProperty t = new SimpleDoubleProperty(this, "t", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty seconds = new SimpleDoubleProperty(this, "seconds", 4);
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper(this, "fps", "");
    private long started = -1;
    private double phaseAtStart;
    private long lastFpsUpdate;

    public MorphViewModel(LatentLabViewModel lab, LiveFrames frames) {
        this.lab = lab;
        this.frames = frames;
        a.addListener(o -> requestFrame());
        b.addListener(o -> requestFrame());
        mode.addListener(o -> requestFrame());
        t.addListener(o -> requestFrame());
        playing.addListener((o, was, now) -> {
            started = -1;
            frames.stats().restart();
        });
        lab.generatorProperty().addListener((o, old, g) -> {
            if (g != null && (a.get() == null || a.get().z().length != g.latentDim())) setDefaults(g);
            requestFrame();
        });
        // picking exactly two samples is the natural "morph these two" gesture
        lab.picksProperty().addListener((ListChangeListener<LatentLabViewModel.Pick>) c -> {
            if (lab.picksProperty().size() == 2) usePicks();
        });
        if (lab.generatorProperty().get() != null) setDefaults(lab.generatorProperty().get());
    }

    private void setDefaults(GeneratorModel g) {
        a.set(LatentLabViewModel.seedLatent(1, g));
        b.set(LatentLabViewModel.seedLatent(2, g));
    }

    /** A ← pick 1, B ← pick 2 (B ← A when there is one pick). */
    public void usePicks() {
        var p = lab.picksProperty();
        if (p.isEmpty()) return;
        a.set(p.get(0).named());
        if (p.size() > 1) b.set(p.get(1).named());
    }

    /** Called every animation pulse with its time stamp; moves t while playing. */
    public void tick(long nanos) {
        if (!playing.get()) return;
        if (started < 0) {
            started = nanos;
            // continue from where the slider is: on the rising half of the there-and-back loop
            phaseAtStart = t.get() / 2;
        }
        double phase = phaseAtStart + (nanos - started) / 1e9 / Math.max(0.25, seconds.get());
        t.set(Walks.pingPongT(phase));
        if (nanos - lastFpsUpdate > 250_000_000L) {
            lastFpsUpdate = nanos;
            fps.set(frames.stats().summary());
        }
    }

    /** The latent vector at position t, or null until A and B are set. */
    public float[] zAt(double at) {
        // null while unset, and while a new generator's slots are filled one after the other
        if (a.get() == null || b.get() == null || a.get().z().length != b.get().z().length) return null;
        return mode.get().at(a.get().z(), b.get().z(), at);
    }

    private void requestFrame() {
        GeneratorModel g = lab.generatorProperty().get();
        float[] z = zAt(t.get());
        if (g != null && z != null && z.length == g.latentDim()) frames.request(g, z);
    }

    /** A looping GIF there and back in {@code count} steps each way, rendered by the same engine path as `./studio morph`. */
    public CompletableFuture<Path> exportGif(Path file, int count, int scale) {
        GeneratorModel g = lab.generatorProperty().get();
        float[] za = a.get().z(), zb = b.get().z();
        Walks.Mode m = mode.get();
        return lab.jobs().start("Export morph GIF", () -> {
            var imgs = g.images(Walks.morph(za, zb, m, count));
            Images.writeGif(Walks.pingPong(imgs).stream().map(i -> Images.scale(i, scale)).toList(), 60, file);
            return file;
        }).result().whenComplete((p, e) -> lab.setNotice(e == null ? "Saved the morph to " + p
                : "Could not save the GIF: " + Failures.message(e)));
    }

    public ObjectProperty<LatentFile.Named> aProperty() {
        return a;
    }

    public ObjectProperty<LatentFile.Named> bProperty() {
        return b;
    }

    public ObjectProperty<Walks.Mode> modeProperty() {
        return mode;
    }

    /** Position between A (0) and B (1). */
    public DoubleProperty tProperty() {
        return t;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Seconds for one loop there and back. */
    public DoubleProperty secondsProperty() {
        return seconds;
    }

    public ReadOnlyObjectProperty<LiveFrames.Frame> frameProperty() {
        return frames.frameProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return frames.errorProperty();
    }

    /** "59.9 fps · median 16.7 ms · p99 18.2 ms" while playing. */
    public ReadOnlyStringProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    public FrameStats stats() {
        return frames.stats();
    }
}
