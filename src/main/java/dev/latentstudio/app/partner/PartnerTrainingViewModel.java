package dev.latentstudio.app.partner;

import dev.latentstudio.app.common.EventPump;
import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.training.TrainingViewModel;
import dev.latentstudio.engine.StudioPaths;
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
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
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
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The Partner screen's Train tab: what pairs to learn from and how (as `train-pix2pix` takes them), and a
 * run's live figures: D's loss, G's adversarial and L1 terms, images/s, ETA and the A | G(A) | B previews,
 * kept for a GIF. Training is a {@link Pix2PixTrainer} job on the {@link JobRunner}; pause, stop (which
 * saves a checkpoint) and resume from a run folder work as on the Training screen.
 */
public final class PartnerTrainingViewModel {
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

    public enum State { IDLE, RUNNING, PAUSED, STOPPED, DONE, FAILED }

    /**
     * A progress report's figures: D's loss, G's adversarial term −log D(A, G(A)) and L1 term mean |G(A) − B|,
     * D's mean score on real and on G's pairs, pairs per second and the time left (m:ss, empty when unknown).
     */
    public record Figures(double dLoss, double gAdversarial, double gL1, double dReal, double dFake, double imagesPerSecond,
                          String eta) {
        static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");

        static Figures of(Progress p) {
            return new Figures(p.metric("d_loss"), p.metric("g_adv"), p.metric("g_l1"), p.metric("d_real"), p.metric("d_fake"),
                    p.metric("images_per_s"), TrainingViewModel.eta(p.metric("eta_s")));
        }

        Figures ended() {
            return new Figures(dLoss, gAdversarial, gL1, dReal, dFake, imagesPerSecond, "");
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
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(this, "previewEvery", 50);
    private final IntegerProperty checkpointEvery = new SimpleIntegerProperty(this, "checkpointEvery", 200);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final BooleanProperty evaluate = new SimpleBooleanProperty(this, "evaluate", true);
    private final StringProperty outputName = new SimpleStringProperty(this, "outputName", "my-partner");
    private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper(this, "nameProblem", "");

    // the run
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Figures> figures = new ReadOnlyObjectWrapper<>(this, "figures", Figures.NONE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(this, "report", "");
    private final ReadOnlyObjectWrapper<Picture> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyListWrapper<LossPoint> losses = new ReadOnlyListWrapper<>(this, "losses", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<LossPoint> l1 = new ReadOnlyListWrapper<>(this, "l1", FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(this, "frameCount", 0);
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>(this, "runDir");
    private final ReadOnlyObjectWrapper<Path> lastSavedModel = new ReadOnlyObjectWrapper<>(this, "lastSavedModel");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart", false);
    private final ReadOnlyBooleanWrapper canResumeRun = new ReadOnlyBooleanWrapper(this, "canResumeRun", false);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final List<Picture> frames = new ArrayList<>();
    private JobRunner.Handle<Path> run;

    /** Job events arrive where {@code jobs} delivers its own: the FX thread, or a test's queue. */
    public PartnerTrainingViewModel(JobRunner jobs, BundledPairs bundled) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        this.bundled = bundled;
        nameProblem.bind(Bindings.createStringBinding(() -> TrainingViewModel.problemWithName(outputName.get()), outputName));
        active.bind(state.isEqualTo(State.RUNNING).or(state.isEqualTo(State.PAUSED)));
        canStart.bind(active.not().and(nameProblem.isEmpty()).and(data.isEqualTo(Data.GARMENTS).or(folder.isNotNull())));
        data.addListener((o, a, b) -> error.set(""));
    }

    // ---- training ------------------------------------------------------------------------------

    /** Starts a new run into the user's models folder under the output name. */
    public void start() {
        if (!canStart.get()) return;
        Path out = StudioPaths.userModels().resolve(outputName.get().trim());
        if (Files.exists(out)) {
            error.set("A model or run named '" + out.getFileName() + "' already exists in " + out.getParent()
                    + ". Choose another output name" + (Pix2PixCheckpoint.exists(out)
                    ? ", or continue that run: Resume from run… and pick its folder." : "."));
            return;
        }
        launch(out, false);
    }

    /** Picks a run folder to continue; it must hold a pix2pix checkpoint. */
    public void chooseRun(Path dir) {
        if (active.get()) return;
        if (!Pix2PixCheckpoint.exists(dir)) {
            error.set(dir + " holds no pix2pix checkpoint (" + Pix2PixCheckpoint.FILE + "): pick the folder of a stopped run.");
            return;
        }
        error.set("");
        runDir.set(dir);
        canResumeRun.set(true);
        statusText.set("Resume run continues " + dir.getFileName() + " from its checkpoint up to " + steps.get()
                + " steps, on the data chosen above (the run's own size, filters, batch and seed).");
    }

    /** Continues the stopped run (or the one chosen with {@link #chooseRun}) from its checkpoint up to the steps set. */
    public void resumeRun() {
        if (!canResumeRun.get() || active.get()) return;
        launch(runDir.get(), true);
    }

    public void pause() {
        if (state.get() != State.RUNNING) return;
        run.control().setPaused(true);
        state.set(State.PAUSED);
        statusText.set("Paused at step " + step.get() + ". Resume continues exactly where it held.");
    }

    public void resume() {
        if (state.get() != State.PAUSED) return;
        run.control().setPaused(false);
        state.set(State.RUNNING);
        statusText.set("Training…");
    }

    /** Cancels the run; the trainer saves a checkpoint first, so Resume run can continue it. */
    public void stop() {
        if (!active.get()) return;
        run.control().cancel();
        statusText.set("Stopping: saving a checkpoint…");
    }

    /** What the job needs, read on the FX thread when it starts. */
    private record Settings(Path out, boolean resume, Data data, Path folder, Layout layout, int channels, int size, int filters,
                            int dFilters, long steps, int batch, double lr, double lambda, long seed, int previewEvery,
                            int checkpointEvery, boolean evaluate) {
        String dataArgs() {
            return data == Data.GARMENTS ? "--data " + BUNDLED
                    : "--data " + folder + " --layout " + layout.word + " --channels " + channels;
        }
    }

    private void launch(Path out, boolean resume) {
        Settings s = new Settings(out, resume, data.get(), folder.get(), layout.get(), channels.get(), size.get(),
                Math.max(1, filters.get()), Math.max(1, dFilters.get()), Math.max(1, steps.get()), Math.max(1, batch.get()),
                learningRate.get(), lambda.get(), seed.get(), Math.max(1, previewEvery.get()), Math.max(1, checkpointEvery.get()), evaluate.get());
        if (!resume) {
            losses.clear();
            l1.clear();
            frames.clear();
            frameCount.set(0);
            preview.set(null);
        }
        error.set("");
        report.set("");
        lastSavedModel.set(null);
        runDir.set(out);
        canResumeRun.set(false);
        total.set(s.steps());
        state.set(State.RUNNING);
        statusText.set(resume ? "Reading the checkpoint and the pairs…" : "Loading the pairs and building the networks…");
        run = jobs.start(watched(trainer(s))).onlyIfCurrent(() -> run)
                .always(() -> figures.set(figures.get().ended()))
                .onSuccess(model -> {
                    state.set(State.DONE);
                    progress.set(1);
                    step.set(total.get());
                    lastSavedModel.set(model);
                    statusText.set("Done: the model '" + model.getFileName() + "' is saved in " + model.getParent()
                            + " and offered in the Translate tab.");
                })
                .onCancel(() -> {
                    state.set(State.STOPPED);
                    boolean kept = Pix2PixCheckpoint.exists(out);
                    statusText.set(kept ? "Stopped. The checkpoint in " + out + " keeps the run; Resume run continues it."
                            : "Stopped before the first step; nothing was saved.");
                    canResumeRun.set(kept);
                })
                .onFailure(e -> {
                    state.set(State.FAILED);
                    error.set("Training failed: " + Failures.message(e));
                    statusText.set("");
                    canResumeRun.set(Pix2PixCheckpoint.exists(out));
                });
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
                Pix2PixNets.Spec spec = new Pix2PixNets.Spec(side, s.filters(), pairs.inChannels(), pairs.outChannels());
                Path model = new Pix2PixTrainer(new Pix2PixTrainer.Config(s.out(), s.steps(), s.batch(), s.lr(), s.lambda(), s.seed(),
                        s.checkpointEvery(), s.previewEvery(), s.resume(), spec, s.dFilters(), s.dataArgs()), pairs).run(control);
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

    /** The job with a listener of its own: every event is kept (the charts need them all), drained on the FX thread. */
    private Job<Path> watched(Job<Path> job) {
        EventPump<Event> events = new EventPump<>(fx, this::show);
        return new Job<>() {
            @Override
            public String name() {
                return job.name();
            }

            @Override
            public Path run(JobControl control) throws Exception {
                control.onProgress(p -> events.accept(new Event(p, p.preview() == null ? null : Picture.of(p.preview()))));
                return job.run(control);
            }
        };
    }

    private record Event(Progress progress, Picture preview) {
    }

    private void show(Event e) {
        Progress p = e.progress();
        if (!active.get()) return; // a late event of a run that has ended
        if (p.metrics().isEmpty()) {
            if (p.message() != null) statusText.set(Character.toUpperCase(p.message().charAt(0)) + p.message().substring(1) + "…");
            return;
        }
        step.set(p.step());
        total.set(p.total());
        progress.set(p.fraction());
        Figures f = Figures.of(p);
        figures.set(f);
        losses.add(new LossPoint(p.step(), f.dLoss(), f.gAdversarial()));
        l1.add(new LossPoint(p.step(), f.gL1(), Double.NaN));
        if (e.preview() != null) {
            preview.set(e.preview());
            if (frames.size() >= MAX_FRAMES) {
                for (int i = frames.size() - 1; i > 0; i -= 2) frames.remove(i - 1);
            }
            frames.add(e.preview());
            frameCount.set(frames.size());
        }
        if (state.get() == State.RUNNING) statusText.set("Training…");
    }

    /** Writes the previews collected so far as an animated GIF (0.2 s a frame, looping). */
    public void saveGif(Path target) {
        if (frames.isEmpty()) {
            error.set("No previews yet: they come every " + previewEvery.get() + " steps of a run.");
            return;
        }
        List<Picture> copy = List.copyOf(frames);
        jobs.submit("Save " + target.getFileName(), () -> {
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            for (Picture p : copy) images.add(p.image());
            Images.writeGif(images, 200, target);
            return target;
        }).onSuccess(p -> statusText.set("Saved " + copy.size() + " previews as " + p + "."))
                .onFailure(e -> error.set("Could not save " + target + ": " + Failures.message(e)));
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

    public StringProperty outputNameProperty() {
        return outputName;
    }

    public ReadOnlyStringProperty nameProblemProperty() {
        return nameProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The latest report's figures ({@link Figures#NONE} before the first). */
    public ReadOnlyObjectProperty<Figures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The pairs in use and the files skipped, with reasons; empty before a run loads its pairs. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The latest A | G(A) | B preview rows. */
    public ReadOnlyObjectProperty<Picture> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** D's loss (a) and G's adversarial term (b) per progress report. */
    public ReadOnlyListProperty<LossPoint> lossesProperty() {
        return losses.getReadOnlyProperty();
    }

    /** G's L1 term (a) per progress report. */
    public ReadOnlyListProperty<LossPoint> l1Property() {
        return l1.getReadOnlyProperty();
    }

    /** Preview frames kept for the GIF. */
    public ReadOnlyIntegerProperty frameCountProperty() {
        return frameCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    /** The model folder the last finished run wrote. */
    public ReadOnlyObjectProperty<Path> lastSavedModelProperty() {
        return lastSavedModel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeRunProperty() {
        return canResumeRun.getReadOnlyProperty();
    }

    /** True while a run is running or paused. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }
}
