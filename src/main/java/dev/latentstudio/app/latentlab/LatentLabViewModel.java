package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.Failures;
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

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentFile;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latent Lab's state: a generator, the latent vectors of an 8×8 grid and the images they make, and
 * the samples the user picked. Sample i of the grid has the latent seed {@code seed + i}, the same rule
 * as {@code ./studio sample --seed}, so any grid and any picked sample can be reproduced from the CLI.
 * Picks outlive a shuffle (they keep their vector and picture): they feed the morph, dance, arithmetic
 * and map tools, and are what "save latents" writes. Properties change on the FX thread; loading and
 * rendering run as jobs on the {@link JobRunner}.
 */
public final class LatentLabViewModel {
    public static final int COLUMNS = 8;
    public static final int COUNT = COLUMNS * COLUMNS;

    /** The grid's pictures: one opaque ARGB array per sample, row by row, all {@code width × height}. */
    public record Tiles(List<int[]> argb, int width, int height) {
    }

    /** A picked latent vector: its label is a latent spec the CLI accepts (seed:91, avg:3,7, z.json#2). */
    public record Pick(String label, float[] z, int[] argb, int width, int height) {
        public LatentFile.Named named() {
            return new LatentFile.Named(label, z);
        }
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
    private final ReadOnlyListWrapper<Pick> picks = new ReadOnlyListWrapper<>(this, "picks", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<ModelStore.Entry> generators =
            new ReadOnlyListWrapper<>(this, "generators", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Path> generatorDir = new ReadOnlyObjectWrapper<>(this, "generatorDir");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    private final MorphViewModel morph;
    private final DanceViewModel dance;
    private final ArithViewModel arith;
    private final MapViewModel map;
    private final SlidersViewModel sliders;

    public LatentLabViewModel(JobRunner jobs, long seed) {
        this.jobs = jobs;
        this.seed.set(seed);
        ready.bind(generator.isNotNull());
        morph = new MorphViewModel(this, new LiveFrames(jobs.fx(), "morph"));
        dance = new DanceViewModel(this, new LiveFrames(jobs.fx(), "dance"));
        arith = new ArithViewModel(this);
        map = new MapViewModel(this, new LiveFrames(jobs.fx(), "map"));
        sliders = new SlidersViewModel(this, new LiveFrames(jobs.fx(), "sliders"));
    }

    public SlidersViewModel sliders() {
        return sliders;
    }

    public MorphViewModel morph() {
        return morph;
    }

    public DanceViewModel dance() {
        return dance;
    }

    public ArithViewModel arith() {
        return arith;
    }

    public MapViewModel map() {
        return map;
    }

    public JobRunner jobs() {
        return jobs;
    }

    /** Re-reads the generators under models/ and the user's own (after a training run, say). */
    public void refreshGenerators() {
        generators.setAll(ModelStore.list(ModelCard.GENERATOR));
    }

    /** Loads a generator (a name under models/ or a folder) in the background, then draws the grid. */
    public void load(String nameOrPath) {
        status.set("Loading generator " + nameOrPath + "…");
        error.set("");
        jobs.submit("Load generator " + nameOrPath, () -> {
                    GeneratorModel g = GeneratorModel.load(nameOrPath);
                    return java.util.Map.entry(ModelStore.find(nameOrPath).dir(), g);
                })
                .result().whenComplete((loaded, e) -> {
                    status.set("");
                    if (e != null) {
                        error.set("Could not load the generator '" + nameOrPath + "'.\n" + Failures.message(e)
                                + "\n\nA generator is a folder with model.json and its weights; "
                                + "`./studio train-dcgan --steps N --out models/" + ModelStore.DEFAULT_GENERATOR
                                + "` makes one.");
                    } else {
                        generatorDir.set(loaded.getKey().toAbsolutePath().normalize());
                        setGenerator(loaded.getValue());
                    }
                });
    }

    /** Uses a generator that is already loaded. */
    public void setGenerator(GeneratorModel g) {
        GeneratorModel old = generator.get();
        error.set("");
        if (old != null && old.latentDim() != g.latentDim()) {
            picks.clear(); // vectors of another dimension mean nothing to this generator
        }
        generator.set(g);
        generatorInfo.set(describe(g.card()));
        showSeed(seed.get());
        if (!picks.isEmpty()) rerenderPicks(g);
    }

    /** The next grid: seeds move on by {@link #COUNT}, so no sample repeats and the order is reproducible. */
    public void shuffle() {
        if (generator.get() == null) return;
        showSeed(seed.get() + COUNT);
    }

    /**
     * A click on sample i of the grid: adds it to the picks, or takes it out when it is already picked.
     * The clicked sample is framed; -1 clears the frame only.
     */
    public void pick(int i) {
        if (i < -1 || i >= latents.size()) {
            throw new IndexOutOfBoundsException("no sample " + i + " in a grid of " + latents.size());
        }
        if (i >= 0) {
            float[] z = latents.get(i);
            int at = pickIndexOf(z);
            if (at >= 0) {
                picks.remove(at);
                i = -1;
            } else {
                Tiles t = tiles.get();
                int[] px = t == null ? null : t.argb().get(i);
                picks.add(new Pick("seed:" + (seed.get() + i), z, px, t == null ? 0 : t.width(), t == null ? 0 : t.height()));
            }
        }
        picked.set(i);
        pickedInfo.set(describePick(i));
    }

    /** Position in the picks of the grid sample with this vector, or -1. */
    private int pickIndexOf(float[] z) {
        for (int k = 0; k < picks.size(); k++) if (picks.get(k).z() == z) return k;
        return -1;
    }

    /** The pick number (1, 2, …) of each grid tile that is picked, by tile index; -1 where not picked. */
    public int[] pickNumbers() {
        int[] out = new int[latents.size()];
        for (int i = 0; i < out.length; i++) {
            int k = pickIndexOf(latents.get(i));
            out[i] = k < 0 ? -1 : k + 1;
        }
        return out;
    }

    public void removePick(int k) {
        picks.remove(k);
    }

    public void clearPicks() {
        picks.clear();
        picked.set(-1);
        pickedInfo.set("");
    }

    /** Adds a vector computed elsewhere (an arithmetic result, a point moved on the map) to the picks. */
    public void addPick(String label, float[] z, LiveFrames.Frame picture) {
        picks.add(new Pick(label, z, picture == null ? null : picture.argb(),
                picture == null ? 0 : picture.width(), picture == null ? 0 : picture.height()));
        if (picture == null) rerenderPicks(generator.get());
    }

    /**
     * The average of the picks as one vector, labelled as a latent spec where it can be
     * ("seed:5", "avg:3,7,12"); null without picks.
     */
    public LatentFile.Named averageOfPicks() {
        if (picks.isEmpty()) return null;
        if (picks.size() == 1) return picks.get(0).named();
        List<float[]> zs = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        for (Pick p : picks) {
            zs.add(p.z());
            if (p.label().startsWith("seed:")) seeds.add(p.label().substring(5));
        }
        String label = seeds.size() == picks.size() ? "avg:" + String.join(",", seeds) : "average of " + picks.size() + " picks";
        return new LatentFile.Named(label, LatentMath.average(zs));
    }

    /** Slot ← the average of the picks (one pick: that sample); nothing happens without picks. */
    public void fillFromPicks(javafx.beans.property.ObjectProperty<LatentFile.Named> slot) {
        LatentFile.Named avg = averageOfPicks();
        if (avg != null) slot.set(avg);
    }

    /** What a drag carries: "grid:I" for sample I of the grid, "pick:K" for pick K (0-based). */
    public static String dragToken(boolean pick, int index) {
        return (pick ? "pick:" : "grid:") + index;
    }

    /** The sample a drag token names, or null when it names none (any more). */
    public LatentFile.Named dragged(String token) {
        if (token == null) return null;
        try {
            int i = Integer.parseInt(token.substring(token.indexOf(':') + 1));
            if (token.startsWith("grid:") && i >= 0 && i < latents.size()) return new LatentFile.Named("seed:" + (seed.get() + i), latents.get(i));
            if (token.startsWith("pick:") && i >= 0 && i < picks.size()) return picks.get(i).named();
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            // not one of ours: nothing to drop
        }
        return null;
    }

    /** True when every slot holds a vector and all have one size (not while a new generator's slots are being set). */
    @SafeVarargs
    static boolean sameSize(javafx.beans.value.ObservableValue<LatentFile.Named>... slots) {
        int n = -1;
        for (var s : slots) {
            if (s.getValue() == null || (n >= 0 && s.getValue().z().length != n)) return false;
            n = s.getValue().z().length;
        }
        return true;
    }

    /**
     * How many leading entries of a vector are z (the rest: a conditional generator's class weights);
     * all of them for a vector that is not the current generator's size.
     */
    int zDim(float[] v) {
        GeneratorModel g = generator.get();
        return g != null && g.latentDim() == v.length ? g.prior().zDim() : v.length;
    }

    /** The vector of a latent seed, named as the CLI writes it: the tools' starting slots. */
    static LatentFile.Named seedLatent(long s, GeneratorModel g) {
        return new LatentFile.Named("seed:" + s, g.prior().seed(s));
    }

    /** Writes the picks as a latent file that {@link #loadPicks} and the CLI's latent specs read back. */
    public void savePicks(Path file) throws java.io.IOException {
        if (picks.isEmpty()) throw new IllegalStateException("pick some samples first: there is nothing to save");
        LatentFile.write(file, generator.get() == null ? null : generator.get().card().name(),
                picks.stream().map(Pick::named).toList());
        notice.set("Saved " + picks.size() + " latent vectors to " + file);
    }

    /** Adds the vectors of a latent file to the picks; a file of another dimension is refused with a message. */
    public void loadPicks(Path file) {
        GeneratorModel g = generator.get();
        if (g == null) return;
        try {
            List<LatentFile.Named> read = LatentFile.read(file);
            List<Pick> add = new ArrayList<>();
            for (int k = 0; k < read.size(); k++) {
                LatentFile.Named n = read.get(k);
                if (n.z().length != g.latentDim()) {
                    throw new java.io.IOException(file.getFileName() + " holds " + n.z().length
                            + "-dimensional vectors; " + g.card().name() + " needs " + g.latentDim());
                }
                String label = file.getFileName() + "#" + (n.name() != null && !n.name().isBlank() ? n.name() : String.valueOf(k));
                add.add(new Pick(label, n.z(), null, 0, 0));
            }
            picks.addAll(add);
            notice.set("Loaded " + add.size() + " latent vectors from " + file.getFileName());
            rerenderPicks(g);
        } catch (java.io.IOException | RuntimeException e) {
            notice.set("Could not load latents: " + Failures.message(e));
        }
    }

    /** Writes the grid as a PNG (each pixel of the generator as scale×scale pixels). */
    public void exportGrid(Path file, int scale) throws java.io.IOException {
        Tiles t = tiles.get();
        if (t == null) throw new IllegalStateException("no grid to export yet");
        List<BufferedImage> imgs = t.argb().stream().map(px -> Images.fromArgb(px, t.width(), t.height())).toList();
        Images.writePng(Images.grid(imgs, COLUMNS, 2, scale), file);
        notice.set("Saved the grid to " + file);
    }

    /** Writes a live frame as a PNG, each generator pixel as scale×scale pixels. */
    public void exportFrame(LiveFrames.Frame f, Path file, int scale) throws java.io.IOException {
        if (f == null) throw new IllegalStateException("no picture to export yet");
        Images.writePng(Images.scale(Images.fromArgb(f.argb(), f.width(), f.height()), scale), file);
        notice.set("Saved the picture to " + file);
    }

    /** Pictures for picks that have none (loaded from a file) or were drawn by another generator. */
    private void rerenderPicks(GeneratorModel g) {
        if (g == null) return;
        List<Pick> now = List.copyOf(picks);
        jobs.submit("Render " + now.size() + " picks", () -> g.images(now.stream().map(Pick::z).toList()))
                .result().whenComplete((imgs, e) -> {
                    if (e != null || generator.get() != g) return;
                    for (int k = 0; k < now.size(); k++) {
                        int at = picks.indexOf(now.get(k));
                        if (at < 0) continue;
                        BufferedImage img = imgs.get(k);
                        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
                        Pick p = now.get(k);
                        picks.set(at, new Pick(p.label(), p.z(), px, img.getWidth(), img.getHeight()));
                    }
                });
    }

    private void showSeed(long s) {
        GeneratorModel g = generator.get();
        List<float[]> zs = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) zs.add(g.prior().seed(s + i));
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
            if (e != null) error.set("Could not render samples with '" + c.name() + "'.\n" + Failures.message(e));
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
        GeneratorModel g = generator.get();
        int cls = g == null || latents.get(i).length != g.latentDim() ? -1 : g.prior().classOf(latents.get(i));
        // a sample is named by its seed alone: a tile number beside it counted from 1 while seeds count from 0
        return "seed:" + (seed.get() + i) + (cls >= 0 ? " · class " + g.classNames().get(cls) : "")
                + " · pick " + (pickIndexOf(latents.get(i)) + 1) + " of " + picks.size();
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
        if (q != null && q.get("class_agreement") instanceof Number n) s.append(String.format(Locale.ROOT, " · %.1f%% as asked", 100 * n.doubleValue()));
        if (!(is instanceof Number) && !(conf instanceof Number)) s.append(" · quality not measured");
        return s.toString();
    }


    /** The picked vectors in the order they were picked (the arrays are not to be changed). */
    public ReadOnlyListProperty<Pick> picksProperty() {
        return picks.getReadOnlyProperty();
    }

    /** Generators the studio can switch to (see {@link #refreshGenerators}). */
    public ReadOnlyListProperty<ModelStore.Entry> generatorsProperty() {
        return generators.getReadOnlyProperty();
    }

    /** The folder of the loaded generator (null for one set directly). */
    public ReadOnlyObjectProperty<Path> generatorDirProperty() {
        return generatorDir.getReadOnlyProperty();
    }

    /** The outcome of the last save, load or export, in words. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    void setNotice(String s) {
        notice.set(s);
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
