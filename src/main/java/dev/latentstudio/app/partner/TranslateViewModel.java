package dev.latentstudio.app.partner;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.face.Frame;
import dev.latentstudio.engine.face.FrameSource;
import dev.latentstudio.engine.face.FrameSources;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.pix2pix.Pairs;
import dev.latentstudio.engine.pix2pix.Pix2PixModel;
import dev.latentstudio.engine.pix2pix.Pix2PixTrainer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The Translate tab's state: the pix2pix models to choose from, the picture in hand (dropped, opened, a
 * camera snapshot, a bundled outline or the booth's frame), what the model sees of it and what it draws.
 * Reading, loading and translating run as short jobs, never on the FX thread; the picture in hand is
 * translated again when another model is chosen.
 */
public final class TranslateViewModel {
    /** How much larger than the model's side an exported sheet is, at least (nearest neighbour). */
    static final int EXPORT_SIDE = 256;

    /** A pix2pix model the chooser offers. */
    public record Choice(String name, Path dir, String about, boolean yours) {
        @Override
        public String toString() {
            return yours ? name + " (yours)" : name;
        }
    }

    /** A translated picture: what the model saw and what it drew, at its side. */
    public record Result(Picture input, Picture output, String origin, String model) {
    }

    private record Source(BufferedImage picture, String origin) {
    }

    private final JobRunner jobs;
    private final ReadOnlyListWrapper<Choice> models = new ReadOnlyListWrapper<>(this, "models", FXCollections.observableArrayList());
    private final ObjectProperty<Choice> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty camera = new SimpleStringProperty(this, "camera", "camera:0");
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper hasModels = new ReadOnlyBooleanWrapper(this, "hasModels", false);
    /** The picture in hand, kept to translate again with another model; FX thread only. */
    private Source picture;
    /** The loaded model, used on the jobs' one short-job thread only. */
    private volatile Pix2PixModel loaded;
    private JobRunner.Handle<Done> run;

    public TranslateViewModel(JobRunner jobs) {
        this.jobs = jobs;
        hasModels.bind(models.emptyProperty().not());
        model.addListener((o, a, b) -> {
            error.set("");
            if (b != null && picture != null) translate(picture.origin(), () -> picture);
        });
        refreshModels();
    }

    /** Lists the installed pix2pix models (shipped, then the user's), keeping the choice when it is still there. */
    public void refreshModels() {
        Path userModels = dev.latentstudio.engine.StudioPaths.userModels().toAbsolutePath().normalize();
        List<Choice> found = ModelStore.list(Pix2PixTrainer.KIND).stream().map(e -> {
            Path dir = e.dir().toAbsolutePath().normalize();
            return new Choice(e.card().name(), dir, about(e.card()), dir.startsWith(userModels));
        }).toList();
        Choice keep = model.get();
        models.setAll(found);
        Choice again = keep == null ? null : found.stream().filter(c -> c.dir().equals(keep.dir())).findFirst().orElse(null);
        if (again == null) {
            again = found.stream().filter(c -> c.name().equals(ModelStore.DEFAULT_PARTNER) && !c.yours()).findFirst()
                    .orElse(found.isEmpty() ? null : found.get(0));
        }
        model.set(again);
    }

    /** Selects the model in {@code dir} (a run just finished there, say), listing the models again first. */
    public void choose(Path dir) {
        refreshModels();
        Path d = dir.toAbsolutePath().normalize();
        models.stream().filter(c -> c.dir().equals(d)).findFirst().ifPresent(model::set);
    }

    /** Size, pairs, steps and, when `train-pix2pix` or the Train tab measured it, how it did on held-out pairs. */
    private static String about(ModelCard c) {
        String s = String.format(Locale.ROOT, "%d×%d, %s, %,d steps%s", c.width(), c.height(), c.data(), c.steps(),
                c.trainSeconds() > 0 ? String.format(Locale.ROOT, " (%.0f min)", c.trainSeconds() / 60) : "");
        java.util.Map<String, Object> q = c.quality() == null ? java.util.Map.of() : c.quality();
        if (q.get("l1") instanceof Number l1 && q.get("ssim") instanceof Number ssim) {
            s += String.format(Locale.ROOT, ". On held-out pairs: L1 %.3f, SSIM %.2f", l1.doubleValue(), ssim.doubleValue());
            if (q.get("class_agreement") instanceof Number a && q.get("classifier") instanceof String judge) {
                s += String.format(Locale.ROOT, "; %s reads the same class in it as in the real picture %.0f%% of the time",
                        judge, 100 * a.doubleValue());
            }
        }
        return s;
    }

    /** What the empty chooser means and what to do about it. */
    public static String noModelText() {
        return "No pix2pix model is installed yet. Train one in the Train tab (the bundled garment outlines → garments "
                + "learn recognisable garments at 32×32 in a few thousand steps), or put a model folder such as "
                + ModelStore.DEFAULT_PARTNER + " into models/ or your models folder.";
    }

    // ---- pictures in -------------------------------------------------------------------------------

    /** A picture file dropped on the canvas (or picked): read with the guarded reader, then translated. */
    public void drop(Path file) {
        translate(file.getFileName() == null ? file.toString() : file.getFileName().toString(),
                () -> new Source(ImageReading.read(file), file.getFileName().toString()));
    }

    /** The first of several dropped files. */
    public void drop(List<Path> files) {
        if (!files.isEmpty()) drop(files.get(0));
    }

    /** A picture from elsewhere in the studio (the booth's frame). */
    public void translatePicture(BufferedImage img, String origin) {
        translate(origin, () -> new Source(img, origin));
    }

    /** One frame from {@link #cameraProperty} (a camera, a folder or a video, as the booth opens them). */
    public void snapshot() {
        String spec = camera.get();
        translate("a snapshot of " + spec, () -> {
            try (FrameSource src = FrameSources.open(spec, false)) {
                Optional<Frame> f = src.next();
                if (f.isEmpty()) throw new IOException(src.status().message());
                return new Source(f.get().image(), "snapshot of " + src.description());
            }
        });
    }

    /** A held-out garment's outline from the bundled test set, at random: something to try without a file. */
    public void sampleOutline() {
        long seed = System.nanoTime();
        translate("a bundled garment outline", () -> {
            Pairs pairs = Pairs.edgesToGarments(Dataset.FASHION.test(), 32);
            int i = new SplittableRandom(seed).nextInt(pairs.size());
            int l = pairs.loadSide();
            return new Source(Images.toImage(pairs.pair(i).a(), 1, l, l), "bundled outline #" + i);
        });
    }

    private record Done(Source source, Result result) {
    }

    private void translate(String what, Callable<Source> source) {
        Choice c = model.get();
        if (c == null) {
            error.set(noModelText());
            return;
        }
        error.set("");
        status.set("Translating " + what + " with " + c.name() + "…");
        busy.set(true);
        run = jobs.submit("Partner: " + what, () -> {
            Source s = source.call();
            Pix2PixModel m = model(c);
            return new Done(s, new Result(Picture.of(m.input(s.picture())), Picture.of(m.translate(s.picture())), s.origin(), c.name()));
        }).onlyIfCurrent(() -> run).always(() -> busy.set(false)).onSuccess(d -> {
            picture = d.source(); // kept, so another model translates the same picture
            result.set(d.result());
            Result r = d.result();
            status.set(String.format(Locale.ROOT, "%s → %s (%d×%d)", r.origin(), r.model(), r.output().width(), r.output().height()));
        }).onFailure(e -> {
            status.set("");
            error.set(e instanceof ImageReading.Unusable u ? "Cannot use " + u.file() + ": " + u.reason()
                    : "Could not translate " + what + ": " + Failures.message(e));
        });
    }

    private Pix2PixModel model(Choice c) throws IOException {
        Pix2PixModel m = loaded;
        if (m == null || !m.dir().toAbsolutePath().normalize().equals(c.dir())) {
            m = Pix2PixModel.load(c.dir().toString());
            loaded = m;
        }
        return m;
    }

    // ---- results out -------------------------------------------------------------------------------

    /** Writes what the model saw beside what it drew as one PNG, enlarged crisply to at least {@value #EXPORT_SIDE} px high. */
    public void exportPng(Path target) {
        Result r = result.get();
        if (r == null) return;
        int scale = Math.max(1, EXPORT_SIDE / r.output().height());
        jobs.submit("Export " + target.getFileName(), () -> {
            Images.writePng(Images.grid(List.of(r.input().image(), r.output().image()), 2, 2, scale), target);
            return target;
        }).onSuccess(p -> status.set("Saved " + p + " (what the model sees | its partner, ×" + scale + ")."))
                .onFailure(e -> error.set("Could not save " + target + ": " + Failures.message(e)));
    }

    // ---- properties --------------------------------------------------------------------------------

    public ReadOnlyListProperty<Choice> modelsProperty() {
        return models.getReadOnlyProperty();
    }

    /** The chosen model; null when none is installed. */
    public ObjectProperty<Choice> modelProperty() {
        return model;
    }

    /** What a snapshot opens: "camera:0" (the default), another camera, a folder or a video. */
    public StringProperty cameraProperty() {
        return camera;
    }

    /** The last translation; null before the first. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What went wrong, in words for the user; empty when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A picture is being read or translated. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** False while no pix2pix model is installed: the tab shows {@link #noModelText()}. */
    public ReadOnlyBooleanProperty hasModelsProperty() {
        return hasModels.getReadOnlyProperty();
    }
}
