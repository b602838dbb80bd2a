package dev.latentstudio.app.partner;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.TrainingRunViewModel;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.pix2pix.Pairs;
import dev.latentstudio.engine.pix2pix.Pix2PixCheckpoint;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import dev.latentstudio.engine.pix2pix.Pix2PixQuality;
import dev.latentstudio.engine.pix2pix.Pix2PixTrainer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The Partner screen's Train tab: what pairs to learn from and how (as `train-pix2pix` takes them), the
 * {@link Pix2PixTrainer} job they make, and pix2pix's own figures: D's loss, G's adversarial and L1 terms,
 * D's scores, and the A | G(A) | B previews kept for a GIF. The run itself (pause, stop with a checkpoint,
 * resume, step, curve, preview) is {@link TrainingRunViewModel}'s, as on the Training screen; a stopped
 * run's folder can also be picked to resume.
 */
public final class PartnerTrainingViewModel extends TrainingRunViewModel {
    /** The bundled pairs' --data word, as `train-pix2pix` writes it into the model card. */
    static final String BUNDLED = "fashion-edges";
    /** Preview frames kept for the GIF; beyond that every second one is dropped, so the GIF spans the whole run. */
    static final int MAX_FRAMES = 120;

    public enum Data {
        GARMENTS("Bundled: garment outlines → garments"),
        FOLDER("A folder of pairs…");

        private final String label;

        Data(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum Layout {
        ALIGNED("aligned (A|B side by side)", "aligned"),
        FOLDERS("folders (A/ and B/, same names)", "folders");

        private final String label;
        final String word;

        Layout(String label, String word) {
            this.label = label;
            this.word = word;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * A progress report's figures: D's loss, G's adversarial term −log D(A, G(A)), L1 term mean |G(A) − B| and
     * perceptual term (NaN when off),
     * D's mean score on real and on G's pairs, pairs per second and the time left (m:ss, empty when unknown).
     */
    public record Figures(double dLoss, double gAdversarial, double gL1, double gPerceptual, double dReal, double dFake,
                          double imagesPerSecond, String eta) {
        static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");

        static Figures of(Progress p) {
            return new Figures(p.metric("d_loss"), p.metric("g_adv"), p.metric("g_l1"), p.metric("g_perceptual"), p.metric("d_real"),
                    p.metric("d_fake"), p.metric("images_per_s"), TrainingRunViewModel.eta(p.metric("eta_s")));
        }

        Figures ended() {
            return new Figures(dLoss, gAdversarial, gL1, gPerceptual, dReal, dFake, imagesPerSecond, "");
        }
    }

    /** The bundled pairs at a side (tests pass a small slice). */
    public interface BundledPairs {
        Pairs load(int side) throws IOException;
    }

    private final JobRunner jobs;
    private final Executor fx;
    private final BundledPairs bundled;

    // settings
    private final ObjectProperty<Data> data = new SimpleObjectProperty<>(this, "data", Data.GARMENTS);
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");
    private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(this, "layout", Layout.ALIGNED);
    private final IntegerProperty channels = new SimpleIntegerProperty(this, "channels", 3);
    private final IntegerProperty size = new SimpleIntegerProperty(this, "size", 32);
    private final IntegerProperty filters = new SimpleIntegerProperty(this, "filters", 32);
    private final IntegerProperty dFilters = new SimpleIntegerProperty(this, "dFilters", 32);
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 3000);
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 4);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", Pix2PixNets.LR);
    private final DoubleProperty lambda = new SimpleDoubleProperty(this, "lambda", Pix2PixTrainer.LAMBDA);
    private final ObjectProperty<Pix2PixNets.Norm> norm = new SimpleObjectProperty<>(this, "norm", Pix2PixNets.Norm.BATCH);
    private final DoubleProperty perceptual = new SimpleDoubleProperty(this, "perceptual", 0);
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(this, "previewEvery", 50);
    private final IntegerProperty checkpointEvery = new SimpleIntegerProperty(this, "checkpointEvery", 200);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final BooleanProperty evaluate = new SimpleBooleanProperty(this, "evaluate", true);

    // pix2pix's own figures
    private final ReadOnlyObjectWrapper<Figures> figures = new ReadOnlyObjectWrapper<>(this, "figures", Figures.NONE);
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(this, "report", "");
    private final ReadOnlyListWrapper<LossPoint> l1 = new ReadOnlyListWrapper<>(this, "l1", FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(this, "frameCount", 0);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart", false);
    private final List<Picture> frames = new ArrayList<>();

    /** Job events arrive where {@code jobs} delivers its own: the FX thread, or a test's queue. */
    public PartnerTrainingViewModel(JobRunner jobs, BundledPairs bundled) {
        super(jobs, "g_adv", "offered in the Translate tab", Pix2PixCheckpoint::exists, "my-partner");
        this.jobs = jobs;
        this.fx = jobs.fx();
        this.bundled = bundled;
        canStart.bind(activeProperty().not().and(nameProblemProperty().isEmpty()).and(data.isEqualTo(Data.GARMENTS).or(folder.isNotNull())));
        data.addListener((o, a, b) -> showError(""));
    }

    // ---- training ------------------------------------------------------------------------------

    /** Starts a new run into the user's models folder under the output name. */
    public void start() {
        if (!canStart.get()) return;
        Path out = freeOutput("continue that run: Resume from run… and pick its folder");
        if (out == null) return;
        launch(out, false);
    }

    /** Picks a run folder to continue; it must hold a pix2pix checkpoint. */
    public void chooseRun(Path dir) {
        if (activeProperty().get()) return;
        if (!Pix2PixCheckpoint.exists(dir)) {
            showError(dir + " holds no pix2pix checkpoint (" + Pix2PixCheckpoint.FILE + "): pick the folder of a stopped run.");
            return;
        }
        offerResume(dir, "Resume run continues " + dir.getFileName() + " from its checkpoint up to " + steps.get()
                + " steps, on the data chosen above (the run's own size, filters, batch and seed).");
    }

    /** Continues the stopped run (or the one chosen with {@link #chooseRun}) from its checkpoint up to the steps set. */
    public void resumeRun() {
        if (!canResumeRunProperty().get() || activeProperty().get()) return;
        launch(runDirProperty().get(), true);
    }

    /** What the job needs, read on the FX thread when it starts. */
    private record Settings(Path out, boolean resume, Data data, Path folder, Layout layout, int channels, int size, int filters,
                            int dFilters, long steps, int batch, double lr, double lambda, Pix2PixNets.Norm norm, double perceptual,
                            long seed, int previewEvery, int checkpointEvery, boolean evaluate) {
        String dataArgs() {
            return data == Data.GARMENTS ? "--data " + BUNDLED
                    : "--data " + folder + " --layout " + layout.word + " --channels " + channels;
        }
    }

    private void launch(Path out, boolean resume) {
        Settings s = new Settings(out, resume, data.get(), folder.get(), layout.get(), channels.get(), size.get(),
                Math.max(1, filters.get()), Math.max(1, dFilters.get()), Math.max(1, steps.get()), Math.max(1, batch.get()),
                learningRate.get(), lambda.get(), norm.get() == null ? Pix2PixNets.Norm.BATCH : norm.get(), Math.max(0, perceptual.get()), seed.get(), Math.max(1, previewEvery.get()), Math.max(1, checkpointEvery.get()), evaluate.get());
        if (!resume) {
            clearRun();
            l1.clear();
            frames.clear();
            frameCount.set(0);
        }
        report.set("");
        launch(trainer(s), out, s.steps(),
                resume ? "Reading the checkpoint and the pairs…" : "Loading the pairs and building the networks…");
    }

    /** The one place where the settings become a training job, as `train-pix2pix` builds it. */
    private Job<Path> trainer(Settings s) {
        return new Job<>() {
            @Override
            public String name() {
                return "Train pix2pix → " + s.out().getFileName();
            }

            @Override
            public Path run(JobControl control) throws Exception {
                int side = s.resume() ? Pix2PixCheckpoint.readState(s.out()).spec().side() : s.size();
                Pairs pairs = pairs(s, side);
                String said = describe(pairs);
                fx.execute(() -> report.set(said));
                Pix2PixNets.Spec spec = new Pix2PixNets.Spec(side, s.filters(), pairs.inChannels(), pairs.outChannels(), s.norm());
                // the perceptual net follows B's channels: the second garment classifier for grey pictures, the face recogniser for colour
                Path model = new Pix2PixTrainer(new Pix2PixTrainer.Config(s.out(), s.steps(), s.batch(), s.lr(), s.lambda(), s.seed(),
                        s.checkpointEvery(), s.previewEvery(), s.resume(), spec, s.dFilters(), s.dataArgs(), s.perceptual(), null), pairs)
                        .run(control);
                if (s.evaluate() && s.data() == Data.GARMENTS) {
                    control.report(new Progress(s.steps(), s.steps(), Map.of(), null, "measuring the model on held-out garments"));
                    Pix2PixQuality.record(model);
                }
                return model;
            }
        };
    }

    private Pairs pairs(Settings s, int side) throws IOException {
        if (s.data() == Data.GARMENTS) return bundled.load(side);
        if (s.channels() != 1 && s.channels() != 3) throw new IllegalArgumentException("channels are 1 (grey) or 3 (colour), not " + s.channels());
        return switch (s.layout()) {
            case ALIGNED -> Pairs.aligned(s.folder(), side, s.channels());
            case FOLDERS -> Pairs.folders(s.folder().resolve("A"), s.folder().resolve("B"), side, s.channels());
        };
    }

    /** The pairs in use and every file skipped, with the reason. */
    static String describe(Pairs pairs) {
        StringBuilder sb = new StringBuilder(pairs.describe());
        List<ImageFolder.Skipped> skipped = pairs.skipped();
        if (!skipped.isEmpty()) sb.append("\n").append(skipped.size()).append(skipped.size() == 1 ? " file" : " files").append(" skipped:");
        for (ImageFolder.Skipped k : skipped) sb.append("\n  ").append(k.file().getFileName()).append(": ").append(k.reason());
        return sb.toString();
    }

    @Override
    protected void onStep(Progress p, Picture picture) {
        Figures f = Figures.of(p);
        figures.set(f);
        l1.add(new LossPoint(p.step(), f.gL1(), Double.NaN));
        if (picture != null) {
            if (frames.size() >= MAX_FRAMES) {
                for (int i = frames.size() - 1; i > 0; i -= 2) frames.remove(i - 1);
            }
            frames.add(picture);
            frameCount.set(frames.size());
        }
    }

    @Override
    protected void runEnded() {
        figures.set(figures.get().ended());
    }

    /** Writes the previews collected so far as an animated GIF (0.2 s a frame, looping). */
    public void saveGif(Path target) {
        if (frames.isEmpty()) {
            showError("No previews yet: they come every " + previewEvery.get() + " steps of a run.");
            return;
        }
        List<Picture> copy = List.copyOf(frames);
        jobs.submit("Save " + target.getFileName(), () -> {
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            for (Picture p : copy) images.add(p.image());
            Images.writeGif(images, 200, target);
            return target;
        }).onSuccess(p -> showStatus("Saved " + copy.size() + " previews as " + p + "."))
                .onFailure(e -> showError("Could not save " + target + ": " + Failures.message(e)));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<Data> dataProperty() {
        return data;
    }

    /** The folder of pairs (for {@link Data#FOLDER}). */
    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    public ObjectProperty<Layout> layoutProperty() {
        return layout;
    }

    /** 1 (grey) or 3 (colour), for a folder; the bundled pairs are grey. */
    public IntegerProperty channelsProperty() {
        return channels;
    }

    /** Side of the pictures: 32, 64, 128 or 256. */
    public IntegerProperty sizeProperty() {
        return size;
    }

    /** U-Net filters at the outer level (the paper's 64). */
    public IntegerProperty filtersProperty() {
        return filters;
    }

    /** PatchGAN filters at its first layer (the paper's 64). */
    public IntegerProperty dFiltersProperty() {
        return dFilters;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** Weight of the L1 term. */
    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    /** G's and D's normalisation: batch (the paper's) or instance (a new run's; a resumed run keeps its own). */
    public ObjectProperty<Pix2PixNets.Norm> normProperty() {
        return norm;
    }

    /** Weight of the perceptual term on a shipped net's features (0 = off; a resumed run keeps its own). */
    public DoubleProperty perceptualProperty() {
        return perceptual;
    }

    public IntegerProperty previewEveryProperty() {
        return previewEvery;
    }

    public IntegerProperty checkpointEveryProperty() {
        return checkpointEvery;
    }

    /** Seed of the networks' initialisation, the data order, crops, mirrors and dropout. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** Measure a model trained on the bundled pairs on held-out garments when it is done (as `train-pix2pix` does). */
    public BooleanProperty evaluateProperty() {
        return evaluate;
    }

    /** The latest report's figures ({@link Figures#NONE} before the first). */
    public ReadOnlyObjectProperty<Figures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** The pairs in use and the files skipped, with reasons; empty before a run loads its pairs. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** G's L1 term (a) per progress report. */
    public ReadOnlyListProperty<LossPoint> l1Property() {
        return l1.getReadOnlyProperty();
    }

    /** Preview frames kept for the GIF. */
    public ReadOnlyIntegerProperty frameCountProperty() {
        return frameCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }
}
