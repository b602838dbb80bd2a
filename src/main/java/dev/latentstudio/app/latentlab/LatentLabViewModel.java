package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.latent.LatentMath;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latent Lab's state: a generator, the latent vectors of an 8×8 grid and the images they make, and
 * the sample the user picked. Sample i of the grid has the latent seed {@code seed + i}, the same rule
 * as {@code ./studio sample --seed}, so any grid and any picked sample can be reproduced from the CLI.
 * Properties change on the FX thread; loading and rendering run as jobs on the {@link JobRunner}.
 */
public final class LatentLabViewModel {
    public static final int COLUMNS = 8;
    public static final int COUNT = COLUMNS * COLUMNS;

    /** The grid's pictures: one opaque ARGB array per sample, row by row, all {@code width × height}. */
    public record Tiles(List<int[]> argb, int width, int height) {
    }

    private final JobRunner jobs;
    private final ReadOnlyObjectWrapper<GeneratorModel> generator = new ReadOnlyObjectWrapper<>(this, "generator");
    private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed");
    private final ReadOnlyListWrapper<float[]> latents =
            new ReadOnlyListWrapper<>(this, "latents", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Tiles> tiles = new ReadOnlyObjectWrapper<>(this, "tiles");
    private final ReadOnlyIntegerWrapper picked = new ReadOnlyIntegerWrapper(this, "picked", -1);
    private final ReadOnlyStringWrapper generatorInfo = new ReadOnlyStringWrapper(this, "generatorInfo", "");
    private final ReadOnlyStringWrapper pickedInfo = new ReadOnlyStringWrapper(this, "pickedInfo", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready", false);

    public LatentLabViewModel(JobRunner jobs, long seed) {
        this.jobs = jobs;
        this.seed.set(seed);
        ready.bind(generator.isNotNull());
    }

    /** Loads a generator (a name under models/ or a folder) in the background, then draws the grid. */
    public void load(String nameOrPath) {
        status.set("Loading generator " + nameOrPath + "…");
        error.set("");
        jobs.submit("Load generator " + nameOrPath, () -> GeneratorModel.load(nameOrPath))
                .result().whenComplete((g, e) -> {
                    status.set("");
                    if (e != null) {
                        error.set("Could not load the generator '" + nameOrPath + "'.\n" + messageOf(e)
                                + "\n\nA generator is a folder with model.json and its weights; "
                                + "`./studio train-dcgan --steps N --out models/" + ModelStore.DEFAULT_GENERATOR
                                + "` makes one.");
                    } else {
                        setGenerator(g);
                    }
                });
    }

    /** Uses a generator that is already loaded. */
    public void setGenerator(GeneratorModel g) {
        error.set("");
        generator.set(g);
        generatorInfo.set(describe(g.card()));
        showSeed(seed.get());
    }

    /** The next grid: seeds move on by {@link #COUNT}, so no sample repeats and the order is reproducible. */
    public void shuffle() {
        if (generator.get() == null) return;
        showSeed(seed.get() + COUNT);
    }

    /** Picks sample i of the grid; -1 clears the pick. */
    public void pick(int i) {
        if (i < -1 || i >= latents.size()) {
            throw new IndexOutOfBoundsException("no sample " + i + " in a grid of " + latents.size());
        }
        picked.set(i);
        pickedInfo.set(describePick(i));
    }

    private void showSeed(long s) {
        GeneratorModel g = generator.get();
        List<float[]> zs = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) zs.add(LatentMath.gaussian(s + i, g.latentDim()));
        seed.set(s);
        latents.setAll(zs);
        picked.set(-1);
        pickedInfo.set("");
        render(g, List.copyOf(zs));
    }

    private void render(GeneratorModel g, List<float[]> zs) {
        ModelCard c = g.card();
        jobs.submit("Render " + zs.size() + " samples", () -> {
            List<int[]> out = new ArrayList<>(zs.size());
            for (BufferedImage img : g.images(zs)) {
                out.add(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
            }
            return new Tiles(List.copyOf(out), c.width(), c.height());
        }).result().whenComplete((t, e) -> {
            // a later shuffle may have replaced the grid while this one rendered: keep only current pictures
            if (!sameLatents(zs)) return;
            if (e != null) error.set("Could not render samples with '" + c.name() + "'.\n" + messageOf(e));
            else tiles.set(t);
        });
    }

    private boolean sameLatents(List<float[]> zs) {
        if (zs.size() != latents.size()) return false;
        for (int i = 0; i < zs.size(); i++) if (zs.get(i) != latents.get(i)) return false;
        return true;
    }

    private String describePick(int i) {
        if (i < 0) return "";
        return "Sample " + (i + 1) + " · seed:" + (seed.get() + i);
    }

    /** "name · 28×28 · IS 8.12 · 93% confident" from the card; the figures only where they were measured. */
    static String describe(ModelCard c) {
        StringBuilder s = new StringBuilder(c.name());
        s.append(" · ").append(c.width()).append('×').append(c.height());
        Map<String, Object> q = c.quality();
        Object is = q == null ? null : q.get("inception_score");
        Object conf = q == null ? null : q.get("confident_share");
        if (is instanceof Number n) s.append(String.format(Locale.ROOT, " · IS %.2f", n.doubleValue()));
        if (conf instanceof Number n) s.append(String.format(Locale.ROOT, " · %.0f%% confident", 100 * n.doubleValue()));
        if (!(is instanceof Number) && !(conf instanceof Number)) s.append(" · quality not measured");
        return s.toString();
    }

    private static String messageOf(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    public ReadOnlyObjectProperty<GeneratorModel> generatorProperty() {
        return generator.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    /** The grid's latent vectors, sample by sample (the arrays are not to be changed). */
    public ReadOnlyListProperty<float[]> latentsProperty() {
        return latents.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tiles> tilesProperty() {
        return tiles.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pickedProperty() {
        return picked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generatorInfoProperty() {
        return generatorInfo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pickedInfoProperty() {
        return pickedInfo.getReadOnlyProperty();
    }

    /** What is under way ("Loading generator …"); empty otherwise. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why there is no grid, in words for the user; empty when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True once a generator is loaded. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public long getSeed() {
        return seed.get();
    }

    public int getPicked() {
        return picked.get();
    }
}
