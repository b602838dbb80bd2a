package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.FrameStats;
import dev.latentstudio.app.common.Failures;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.latent.LatentMath;
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

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Dance: the "dancing image", a point going round a closed loop on the sphere ‖z‖ = radius. A and B
 * span the loop's plane, C is the direction it wobbles towards twice per turn. Radius is given in
 * units of √dim, the typical length of a sampled vector (1 = on the shell where training samples live).
 */
public final class DanceViewModel {
    private final LatentLabViewModel lab;
    private final LiveFrames frames;
    private final ObjectProperty<LatentFile.Named> a = new SimpleObjectProperty<>(this, "a");
    private final ObjectProperty<LatentFile.Named> b = new SimpleObjectProperty<>(this, "b");
    private final ObjectProperty<LatentFile.Named> c = new SimpleObjectProperty<>(this, "c");
    private final DoubleProperty radius = new SimpleDoubleProperty(this, "radius", 1.0);
    private final DoubleProperty wobble = new SimpleDoubleProperty(this, "wobble", 0.35);
    private final DoubleProperty seconds = new SimpleDoubleProperty(this, "seconds", 8);
    private final DoubleProperty phase = new SimpleDoubleProperty(this, "phase", 0);
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper(this, "fps", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private long last = -1;
    private long lastFpsUpdate;

    public DanceViewModel(LatentLabViewModel lab, LiveFrames frames) {
        this.lab = lab;
        this.frames = frames;
        for (var p : java.util.List.of(a, b, c)) p.addListener(o -> requestFrame());
        radius.addListener(o -> requestFrame());
        wobble.addListener(o -> requestFrame());
        phase.addListener(o -> requestFrame());
        playing.addListener((o, was, now) -> {
            last = -1;
            frames.stats().restart();
        });
        lab.generatorProperty().addListener((o, old, g) -> {
            if (g != null && (a.get() == null || a.get().z().length != g.latentDim())) setDefaults(g);
            requestFrame();
        });
        if (lab.generatorProperty().get() != null) setDefaults(lab.generatorProperty().get());
    }

    private void setDefaults(GeneratorModel g) {
        a.set(LatentLabViewModel.seedLatent(1, g));
        b.set(LatentLabViewModel.seedLatent(2, g));
        c.set(LatentLabViewModel.seedLatent(3, g));
    }

    /** A, B, C ← picks 1, 2, 3 (as many as there are). */
    public void usePicks() {
        var p = lab.picksProperty();
        if (p.size() > 0) a.set(p.get(0).named());
        if (p.size() > 1) b.set(p.get(1).named());
        if (p.size() > 2) c.set(p.get(2).named());
    }

    /** Advances the phase by the time since the last pulse, so changing the speed never jumps. */
    public void tick(long nanos) {
        if (!playing.get()) return;
        if (last >= 0) {
            double p = phase.get() + (nanos - last) / 1e9 / Math.max(0.5, seconds.get());
            phase.set(p - Math.floor(p));
        }
        last = nanos;
        if (nanos - lastFpsUpdate > 250_000_000L) {
            lastFpsUpdate = nanos;
            fps.set(frames.stats().summary());
        }
    }

    /** The point of the loop at a phase in [0, 1); null (with {@link #problemProperty} saying why) when A, B, C span no loop. */
    public float[] zAt(double at) {
        if (!LatentLabViewModel.sameSize(a, b, c)) return null;
        try {
            float[] z = Walks.danceAt(a.get().z(), b.get().z(), c.get().z(), absoluteRadius(), wobble.get(), at, zDim());
            problem.set("");
            return z;
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return null;
        }
    }

    private double absoluteRadius() {
        return radius.get() * Math.sqrt(zDim());
    }

    /** The entries that go round the sphere: z, without a conditional model's class weights. */
    private int zDim() {
        return lab.zDim(a.get().z());
    }

    private void requestFrame() {
        GeneratorModel g = lab.generatorProperty().get();
        float[] z = zAt(phase.get());
        if (g != null && z != null && z.length == g.latentDim()) frames.request(g, z);
    }

    /** One turn as a looping GIF of {@code count} frames, the same path as `./studio dance`. */
    public CompletableFuture<Path> exportGif(Path file, int count, int scale) {
        GeneratorModel g = lab.generatorProperty().get();
        float[] za = a.get().z(), zb = b.get().z(), zc = c.get().z();
        double r = absoluteRadius(), w = wobble.get();
        int zd = zDim();
        return lab.jobs().start("Export dance GIF", () -> {
            var imgs = g.images(Walks.dance(za, zb, zc, r, w, count, zd));
            Images.writeGif(imgs.stream().map(i -> Images.scale(i, scale)).toList(), 50, file);
            return file;
        }).result().whenComplete((p, e) -> lab.setNotice(e == null ? "Saved the dance to " + p
                : "Could not save the GIF: " + Failures.message(e)));
    }

    public ObjectProperty<LatentFile.Named> aProperty() {
        return a;
    }

    public ObjectProperty<LatentFile.Named> bProperty() {
        return b;
    }

    public ObjectProperty<LatentFile.Named> cProperty() {
        return c;
    }

    /** Radius of the sphere in units of √dim. */
    public DoubleProperty radiusProperty() {
        return radius;
    }

    public DoubleProperty wobbleProperty() {
        return wobble;
    }

    /** Seconds per turn: the speed. */
    public DoubleProperty secondsProperty() {
        return seconds;
    }

    /** Where on the loop, in [0, 1). */
    public DoubleProperty phaseProperty() {
        return phase;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public ReadOnlyObjectProperty<LiveFrames.Frame> frameProperty() {
        return frames.frameProperty();
    }

    public ReadOnlyStringProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    /** Why there is no loop (A and B parallel, C in their plane); empty when there is one. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public FrameStats stats() {
        return frames.stats();
    }
}
