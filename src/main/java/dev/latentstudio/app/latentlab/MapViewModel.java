package dev.latentstudio.app.latentlab;

import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.latent.Projection;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;

import java.util.ArrayList;
import java.util.List;

/**
 * Map: the grid's samples and the picks placed on the plane of their two principal directions
 * (see {@link Projection}). Dragging a point moves its vector within that plane and the picture
 * follows live; what the plane cannot show of the vector stays as it was.
 */
public final class MapViewModel {

    /** One point on the map: where it is, its vector and its picture (null until rendered). */
    public record Point(String label, float[] z, double x, double y, int[] argb, int width, int height, boolean pick) {
    }

    /**
     * The map's extent, fixed when the points are laid out so a drag never rescales the view, and the share of the
     * points' variance each axis shows (PC1, PC2).
     */
    public record Bounds(double minX, double maxX, double minY, double maxY, double explainedX, double explainedY) {
    }

    /**
     * The view spans the middle 90% of the points on each axis plus a quarter of that on either side: Gaussian
     * latents crowd the middle, and fitting the extremes squeezed the crowd into a pile. The few points beyond
     * are drawn at the edge.
     */
    static final double TAIL = 0.05, PAD = 0.25;

    private final LatentLabViewModel lab;
    private final LiveFrames frames;
    private final ReadOnlyListWrapper<Point> points = new ReadOnlyListWrapper<>(this, "points", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Bounds> bounds = new ReadOnlyObjectWrapper<>(this, "bounds");
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", -1);
    private Projection projection;

    public MapViewModel(LatentLabViewModel lab, LiveFrames frames) {
        this.lab = lab;
        this.frames = frames;
        InvalidationListener relayout = o -> layout();
        lab.tilesProperty().addListener(relayout);
        lab.picksProperty().addListener(relayout);
        frames.frameProperty().addListener((o, old, f) -> {
            // the dragged point's picture follows its vector
            int i = selected.get();
            if (f != null && i >= 0 && i < points.size() && points.get(i).z() == f.z()) {
                Point p = points.get(i);
                points.set(i, new Point(p.label(), p.z(), p.x(), p.y(), f.argb(), f.width(), f.height(), p.pick()));
            }
        });
        layout();
    }

    /** Lays the grid samples and the picks out afresh (a shuffle, a new pick, another generator). */
    public void layout() {
        List<Point> raw = new ArrayList<>();
        LatentLabViewModel.Tiles t = lab.tilesProperty().get();
        List<float[]> zs = lab.latentsProperty();
        java.util.Set<float[]> picked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (LatentLabViewModel.Pick p : lab.picksProperty()) picked.add(p.z());
        for (int i = 0; i < zs.size(); i++) {
            boolean drawn = t != null && t.argb().size() == zs.size();
            raw.add(new Point("seed:" + (lab.getSeed() + i), zs.get(i), 0, 0, drawn ? t.argb().get(i) : null,
                    drawn ? t.width() : 0, drawn ? t.height() : 0, picked.remove(zs.get(i))));
        }
        // picks not on this grid (earlier grids, files, results) join as points of their own
        for (LatentLabViewModel.Pick p : lab.picksProperty()) {
            if (picked.contains(p.z())) raw.add(new Point(p.label(), p.z(), 0, 0, p.argb(), p.width(), p.height(), true));
        }
        selected.set(-1);
        if (raw.size() < 2 || raw.stream().map(p -> p.z().length).distinct().count() > 1) {
            projection = null;
            points.clear();
            bounds.set(null);
            return;
        }
        projection = Projection.fit(raw.stream().map(Point::z).toList());
        List<Point> placed = new ArrayList<>(raw.size());
        double[] xs = new double[raw.size()], ys = new double[raw.size()];
        for (int k = 0; k < raw.size(); k++) {
            Point p = raw.get(k);
            double[] xy = projection.project(p.z());
            xs[k] = xy[0];
            ys[k] = xy[1];
            placed.add(new Point(p.label(), p.z(), xy[0], xy[1], p.argb(), p.width(), p.height(), p.pick()));
        }
        double[] ex = projection.explained();
        double[] rx = range(xs), ry = range(ys);
        bounds.set(new Bounds(rx[0], rx[1], ry[0], ry[1], ex[0], ex[1]));
        points.setAll(placed);
    }

    /** [low, high] of one axis: its 5th to 95th percentile widened by {@link #PAD} of that span each side. */
    static double[] range(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        double lo = v[(int) Math.round(TAIL * (v.length - 1))], hi = v[(int) Math.round((1 - TAIL) * (v.length - 1))];
        double pad = Math.max(1e-6, (hi - lo) * PAD);
        return new double[]{lo - pad, hi + pad};
    }

    /** Selects point i (-1: none) and shows its picture. */
    public void select(int i) {
        if (i < -1 || i >= points.size()) throw new IndexOutOfBoundsException("no point " + i + " of " + points.size());
        selected.set(i);
        if (i >= 0) render(points.get(i).z());
    }

    /** Moves point i to map position (x, y): its vector changes within the map's plane and is re-rendered. */
    public void drag(int i, double x, double y) {
        if (projection == null) return;
        Point p = points.get(i);
        float[] z = projection.moveTo(p.z(), x, y);
        selected.set(i);
        points.set(i, new Point(p.label().endsWith(" (moved)") ? p.label() : p.label() + " (moved)", z, x, y,
                p.argb(), p.width(), p.height(), p.pick()));
        render(z);
    }

    private void render(float[] z) {
        GeneratorModel g = lab.generatorProperty().get();
        if (g != null && z.length == g.latentDim()) frames.request(g, z);
    }

    /** The selected point joins the picks (a moved point as its new vector). */
    public void pickSelected() {
        int i = selected.get();
        if (i < 0) return;
        Point p = points.get(i);
        LiveFrames.Frame f = frames.frameProperty().get();
        lab.addPick(p.label(), p.z(), f != null && f.z() == p.z() ? f : null);
    }

    public ReadOnlyListProperty<Point> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Bounds> boundsProperty() {
        return bounds.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveFrames.Frame> frameProperty() {
        return frames.frameProperty();
    }
}
