package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.latent.LatentMath;
import dev.latentstudio.engine.latent.Walks;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Arithmetic: A − B + C ("smiling woman − neutral woman + neutral man"). Each slot holds one picked
 * sample or the average of several picks (averaging cancels what the picks do not share). The result
 * is shown with its neighbourhood: {@link #NEIGHBOURS} points a small Gaussian step away, the same
 * as `./studio arith`.
 */
public final class ArithViewModel {
    public static final int NEIGHBOURS = 8;

    private final LatentLabViewModel lab;
    private final ObjectProperty<LatentFile.Named> a = new SimpleObjectProperty<>(this, "a");
    private final ObjectProperty<LatentFile.Named> b = new SimpleObjectProperty<>(this, "b");
    private final ObjectProperty<LatentFile.Named> c = new SimpleObjectProperty<>(this, "c");
    private final DoubleProperty spread = new SimpleDoubleProperty(this, "spread", 0.25);
    private final ReadOnlyObjectWrapper<LatentLabViewModel.Tiles> tiles = new ReadOnlyObjectWrapper<>(this, "tiles");
    private final ReadOnlyStringWrapper formula = new ReadOnlyStringWrapper(this, "formula", "");
    private List<float[]> shown = List.of();
    /** The slots follow the picks (A ← pick 1, B ← 2, C ← 3) until the user fills one; then they are the user's. */
    private boolean followPicks = true;
    private boolean assigning;

    public ArithViewModel(LatentLabViewModel lab) {
        this.lab = lab;
        for (var p : List.of(a, b, c)) p.addListener(o -> {
            if (!assigning) followPicks = false;
            render();
        });
        lab.picksProperty().addListener((javafx.collections.ListChangeListener<LatentLabViewModel.Pick>) ch -> {
            if (followPicks && lab.generatorProperty().get() != null) setDefaults(lab.generatorProperty().get());
        });
        spread.addListener(o -> render());
        lab.generatorProperty().addListener((o, old, g) -> {
            if (g != null && (a.get() == null || a.get().z().length != g.latentDim())) setDefaults(g);
            else render();
        });
        if (lab.generatorProperty().get() != null) setDefaults(lab.generatorProperty().get());
    }

    /** Slot k ← pick k where there is one of this generator's size, else the sample of seed k (1, 2, 3). */
    private void setDefaults(GeneratorModel g) {
        List<ObjectProperty<LatentFile.Named>> slots = List.of(a, b, c);
        List<LatentFile.Named> fill = new ArrayList<>();
        for (int k = 0; k < slots.size(); k++) {
            var picks = lab.picksProperty();
            boolean picked = k < picks.size() && picks.get(k).z().length == g.latentDim();
            fill.add(picked ? picks.get(k).named() : LatentLabViewModel.seedLatent(k + 1, g));
        }
        assigning = true;
        try {
            for (int k = 0; k < slots.size(); k++) slots.get(k).set(fill.get(k));
        } finally {
            assigning = false;
        }
    }

    /** A − B + C, or null until all three are set. */
    public float[] result() {
        if (!LatentLabViewModel.sameSize(a, b, c)) return null;
        return LatentMath.arith(a.get().z(), b.get().z(), c.get().z());
    }

    /** The vectors shown, in order: A, B, C, the result, then its neighbours. */
    public List<float[]> vectors() {
        float[] r = result();
        if (r == null) return List.of();
        List<float[]> out = new ArrayList<>(List.of(a.get().z(), b.get().z(), c.get().z(), r));
        out.addAll(Walks.neighbourhood(r, NEIGHBOURS, spread.get(), Walks.NEIGHBOUR_SEED, lab.zDim(r)));
        return out;
    }

    private void render() {
        GeneratorModel g = lab.generatorProperty().get();
        List<float[]> zs = vectors();
        if (g == null || zs.isEmpty() || zs.get(0).length != g.latentDim()) return;
        formula.set(a.get().name() + "  −  " + b.get().name() + "  +  " + c.get().name());
        shown = zs;
        lab.jobs().submit("Render A − B + C", () -> {
            List<int[]> px = new ArrayList<>();
            for (BufferedImage img : g.images(zs)) px.add(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
            return new LatentLabViewModel.Tiles(px, g.card().width(), g.card().height());
        }).result().whenComplete((t, e) -> {
            if (shown != zs) return; // a newer sum replaced this one while it rendered
            if (e == null) tiles.set(t);
            else lab.setNotice("Could not render the sum: " + Failures.message(e));
        });
    }

    /** The result joins the picks, so it can be morphed, danced or saved. */
    public void pickResult() {
        float[] r = result();
        LatentLabViewModel.Tiles t = tiles.get();
        if (r == null) return;
        LiveFrames.Frame f = t == null ? null : new LiveFrames.Frame(t.argb().get(3), t.width(), t.height(), r);
        lab.addPick(a.get().name() + " - " + b.get().name() + " + " + c.get().name(), r, f);
    }

    /** A, B, C, the result and its neighbours as one PNG (4 per row, like `./studio arith`). */
    public void exportPng(Path file, int scale) throws java.io.IOException {
        LatentLabViewModel.Tiles t = tiles.get();
        if (t == null) throw new IllegalStateException("nothing rendered yet");
        Images.writePng(Images.grid(t.argb().stream().map(px -> Images.fromArgb(px, t.width(), t.height())).toList(), 4, 2, scale), file);
        lab.setNotice("Saved the sum to " + file);
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

    /** Std-dev of the neighbourhood steps. */
    public DoubleProperty spreadProperty() {
        return spread;
    }

    /** Pictures of {@link #vectors()}, in the same order. */
    public ReadOnlyObjectProperty<LatentLabViewModel.Tiles> tilesProperty() {
        return tiles.getReadOnlyProperty();
    }

    /** "seed:1  −  seed:2  +  seed:3" */
    public ReadOnlyStringProperty formulaProperty() {
        return formula.getReadOnlyProperty();
    }
}
