package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.FrameStats;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.latent.LatentPrior;
import dev.latentstudio.engine.latent.Walks;
import dev.latentstudio.engine.sliders.DirectionFit;
import dev.latentstudio.engine.sliders.Directions;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sliders: one sample moved along the generator's attribute and discovered directions, live. Each
 * slider is a distance (in σ of z) along one direction of the model's {@link Directions}; a
 * conditional model also has the class: the sample's z drawn as another class, or anywhere between
 * its own class and that one. Every change renders through {@link LiveFrames}, the Morph tab's path.
 * A new pick becomes the sample; the edit goes back into the picks or into a latent file named by
 * its settings.
 */
public final class SlidersViewModel {

    /** One slider: its direction's name and label, its value and its ± range. */
    public record Slider(String name, String label, DoubleProperty value, DoubleProperty range) {
    }

    private final LatentLabViewModel lab;
    private final LiveFrames frames;
    private final ObjectProperty<LatentFile.Named> base = new SimpleObjectProperty<>(this, "base");
    private final ReadOnlyObjectWrapper<Directions> directions = new ReadOnlyObjectWrapper<>(this, "directions");
    private final ReadOnlyListWrapper<Slider> sliders = new ReadOnlyListWrapper<>(this, "sliders", FXCollections.observableArrayList());
    /** Conditional models: the class to move towards (−1: the sample's own) and how far (0 own, 1 that class). */
    private final IntegerProperty targetClass = new SimpleIntegerProperty(this, "targetClass", -1);
    private final DoubleProperty classMix = new SimpleDoubleProperty(this, "classMix", 1);
    private final ReadOnlyObjectWrapper<LatentLabViewModel.Tiles> classRow = new ReadOnlyObjectWrapper<>(this, "classRow");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper fitting = new ReadOnlyBooleanWrapper(this, "fitting", false);
    private final ReadOnlyStringWrapper fps = new ReadOnlyStringWrapper(this, "fps", "");
    private long lastFpsUpdate;

    public SlidersViewModel(LatentLabViewModel lab, LiveFrames frames) {
        this.lab = lab;
        this.frames = frames;
        base.addListener(o -> {
            frames.stats().restart(); // a new sample is no frame time: the counter waits for the next drag
            requestFrame();
            renderClassRow();
        });
        targetClass.addListener(o -> {
            frames.stats().restart();
            requestFrame();
        });
        classMix.addListener(o -> requestFrame());
        lab.generatorProperty().addListener((o, old, g) -> onGenerator(g));
        // the sample last picked is the one to edit
        lab.picksProperty().addListener((ListChangeListener<LatentLabViewModel.Pick>) c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.getAddedSubList().isEmpty()) base.set(c.getAddedSubList().get(c.getAddedSubList().size() - 1).named());
            }
        });
        frames.frameProperty().addListener((o, a, f) -> {
            long now = System.nanoTime();
            if (now - lastFpsUpdate > 250_000_000L) {
                lastFpsUpdate = now;
                fps.set(frames.stats().summary());
            }
        });
        if (lab.generatorProperty().get() != null) onGenerator(lab.generatorProperty().get());
    }

    private void onGenerator(GeneratorModel g) {
        frames.stats().restart(); // loading a model is no frame time either (it read "2.4 fps" before any drag)
        directions.set(null);
        sliders.clear();
        targetClass.set(-1);
        if (g == null) return;
        if (base.get() == null || base.get().z().length != g.latentDim()) base.set(LatentLabViewModel.seedLatent(1, g));
        else {
            requestFrame();
            renderClassRow();
        }
        Path dir = lab.generatorDirProperty().get();
        if (dir == null || !Directions.exists(dir)) {
            status.set("No slider directions for " + g.card().name() + " yet: Fit finds them (under a minute).");
            return;
        }
        lab.jobs().submit("Read slider directions", () -> Directions.read(dir)).result().whenComplete((d, e) -> {
            if (lab.generatorProperty().get() != g) return;
            if (e != null) status.set("Could not read the slider directions: " + Failures.message(e));
            else use(d);
        });
    }

    private void use(Directions d) {
        GeneratorModel g = lab.generatorProperty().get();
        if (g == null || d.zDim() != g.prior().zDim()) {
            status.set("The slider directions were fitted for another generator (z ∈ R^" + d.zDim() + "): fit them again.");
            return;
        }
        List<Slider> list = new ArrayList<>();
        for (Directions.Direction x : d.directions()) {
            Slider s = new Slider(x.name(), x.label(), new SimpleDoubleProperty(0), new SimpleDoubleProperty(2));
            s.value().addListener(o -> requestFrame());
            list.add(s);
        }
        directions.set(d);
        sliders.setAll(list);
        status.set(d.directions().size() + " sliders, fitted on " + d.samples() + " samples");
        requestFrame();
    }

    /** Fits the directions of the current generator (a job with progress) and writes them beside it. */
    public CompletableFuture<Directions> fit() {
        GeneratorModel g = lab.generatorProperty().get();
        Path dir = lab.generatorDirProperty().get();
        if (g == null || dir == null) return CompletableFuture.failedFuture(new IllegalStateException("no generator"));
        fitting.set(true);
        status.set("Fitting slider directions…");
        return lab.jobs().start(DirectionFit.forModel(g, dir, DirectionFit.Options.DEFAULTS)).result().whenComplete((d, e) -> {
            fitting.set(false);
            if (e != null) status.set("Could not fit the directions: " + Failures.message(e));
            else if (lab.generatorProperty().get() == g) use(d);
        });
    }

    /** The edited vector: the sample, drawn as the chosen class (conditional models), moved along every slider. */
    public float[] current() {
        GeneratorModel g = lab.generatorProperty().get();
        LatentFile.Named b = base.get();
        if (g == null || b == null || b.z().length != g.latentDim()) return null;
        float[] v = b.z().clone();
        LatentPrior prior = g.prior();
        if (prior.conditional() && targetClass.get() >= 0 && targetClass.get() < prior.classes()) {
            float[] to = prior.withClass(v, targetClass.get());
            double t = classMix.get();
            for (int i = prior.zDim(); i < v.length; i++) v[i] = (float) ((1 - t) * v[i] + t * to[i]);
        }
        Directions d = directions.get();
        return d == null ? v : d.apply(v, values());
    }

    /** The non-zero slider settings, by direction name. */
    public Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Slider s : sliders) if (s.value().get() != 0) out.put(s.name(), s.value().get());
        return out;
    }

    /** "seed:5 · thickness +1.50 · class 3" for file names and picks: the sample and its settings. */
    public String describe() {
        StringBuilder s = new StringBuilder(base.get() == null ? "" : base.get().name());
        values().forEach((k, v) -> s.append(String.format(Locale.ROOT, " · %s %+.2f", k, v)));
        GeneratorModel g = lab.generatorProperty().get();
        if (g != null && g.prior().conditional() && targetClass.get() >= 0) {
            s.append(String.format(Locale.ROOT, " · class %s ×%.2f", g.classNames().get(targetClass.get()), classMix.get()));
        }
        return s.toString();
    }

    public void reset() {
        for (Slider s : sliders) s.value().set(0);
        targetClass.set(-1);
        classMix.set(1);
    }

    /** The edited vector into the picks, so Morph and Arithmetic can take it. */
    public void toPicks() {
        float[] z = current();
        if (z == null) return;
        LiveFrames.Frame f = frames.frameProperty().get();
        lab.addPick(describe(), z, f != null && java.util.Arrays.equals(f.z(), z) ? f : null);
        lab.setNotice("Added the edit to your picks");
    }

    /** Saves the edited vector to a latent file, named by its settings (the CLI reads it as FILE.json#0). */
    public void save(Path file) throws java.io.IOException {
        float[] z = current();
        if (z == null) throw new IllegalStateException("nothing to save yet");
        LatentFile.write(file, lab.generatorProperty().get().card().name(), List.of(new LatentFile.Named(describe(), z)));
        lab.setNotice("Saved the edit to " + file);
    }

    /** A GIF of one slider swept over its range and back, the other settings as they are. */
    public CompletableFuture<Path> exportSweep(Slider s, Path file, int count, int scale) {
        GeneratorModel g = lab.generatorProperty().get();
        Directions d = directions.get();
        float[] start = current();
        if (g == null || d == null || start == null) return CompletableFuture.failedFuture(new IllegalStateException("no sliders yet"));
        float[] without = d.apply(start, Map.of(s.name(), -s.value().get()));
        double r = s.range().get();
        return lab.jobs().start("Export " + s.name() + " sweep", () -> {
            var imgs = g.images(d.sweep(without, s.name(), r, count));
            Images.writeGif(Walks.pingPong(imgs).stream().map(i -> Images.scale(i, scale)).toList(), 60, file);
            return file;
        }).result().whenComplete((p, e) -> lab.setNotice(e == null ? "Saved the sweep to " + p
                : "Could not save the GIF: " + Failures.message(e)));
    }

    private void requestFrame() {
        GeneratorModel g = lab.generatorProperty().get();
        float[] z = current();
        if (g != null && z != null) frames.request(g, z);
    }

    /** The sample's z drawn as every class of a conditional model, in one row. */
    private void renderClassRow() {
        GeneratorModel g = lab.generatorProperty().get();
        LatentFile.Named b = base.get();
        if (g == null || b == null || !g.prior().conditional() || b.z().length != g.latentDim()) {
            classRow.set(null);
            return;
        }
        List<float[]> zs = new ArrayList<>();
        for (int c = 0; c < g.prior().classes(); c++) zs.add(g.prior().withClass(b.z(), c));
        lab.jobs().submit("Render the sample in every class", () -> g.images(zs)).result().whenComplete((imgs, e) -> {
            if (e != null || base.get() != b) return;
            List<int[]> px = new ArrayList<>();
            for (var img : imgs) px.add(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
            classRow.set(new LatentLabViewModel.Tiles(px, imgs.get(0).getWidth(), imgs.get(0).getHeight()));
        });
    }

    public ObjectProperty<LatentFile.Named> baseProperty() {
        return base;
    }

    public ReadOnlyObjectProperty<Directions> directionsProperty() {
        return directions.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<Slider> slidersProperty() {
        return sliders.getReadOnlyProperty();
    }

    public IntegerProperty targetClassProperty() {
        return targetClass;
    }

    public DoubleProperty classMixProperty() {
        return classMix;
    }

    public ReadOnlyObjectProperty<LatentLabViewModel.Tiles> classRowProperty() {
        return classRow.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty fittingProperty() {
        return fitting.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveFrames.Frame> frameProperty() {
        return frames.frameProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return frames.errorProperty();
    }

    /** "59.9 fps · median 16.7 ms · p99 18.2 ms" while the sliders move. */
    public ReadOnlyStringProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    public FrameStats stats() {
        return frames.stats();
    }
}
