package dev.latentstudio.app.training;

import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.TrainingRunViewModel;
import dev.latentstudio.engine.classify.GanQuality;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.gan.Checkpoint;
import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.DcganTrainer;
import dev.latentstudio.engine.data.FolderImages;
import dev.latentstudio.engine.data.TrainingData;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The Training screen's state: what to train on and how, which DCGAN job that makes, and the DCGAN's
 * own figures (D's and G's latest losses); the run itself (step, rate, ETA, curve, preview, pause, stop,
 * resume) is {@link TrainingRunViewModel}'s. It composes the image folder ({@link #folder()}) and step
 * mode ({@link #stepMode()}). No scene-graph types, no INDArray: pictures are ARGB ints.
 */
public final class TrainingViewModel extends TrainingRunViewModel {

    public enum DataSource {
        DIGITS("Bundled digits (28×28)", Dcgan.Architecture.MNIST, Dataset.DIGITS),
        DIGITS_BY_CLASS("Bundled digits, by class (28×28, conditional)", Dcgan.Architecture.conditional28(10), Dataset.DIGITS),
        FASHION("Bundled garments (28×28)", Dcgan.Architecture.MNIST, Dataset.FASHION),
        FASHION_BY_CLASS("Bundled garments, by class (28×28, conditional)", Dcgan.Architecture.conditional28(10), Dataset.FASHION),
        FOLDER("Image folder… (64×64)", null, null),
        FOLDER_BY_CLASS("Image folder, a class per sub-folder… (64×64, conditional)", null, null);

        private final String label;
        /** The networks a bundled data set trains (null: a folder's, which depend on the width). */
        final Dcgan.Architecture arch;
        final Dataset data;

        DataSource(String label, Dcgan.Architecture arch, Dataset data) {
            this.label = label;
            this.arch = arch;
            this.data = data;
        }

        boolean bundled() {
            return arch != null;
        }

        /** A folder of the user's pictures (plain, or one class per sub-folder). */
        public boolean folder() {
            return arch == null;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final JobRunner jobs;

    // settings
    private final ObjectProperty<DataSource> dataSource = new SimpleObjectProperty<>(this, "dataSource", DataSource.DIGITS);
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 2000);
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 32);
    private final IntegerProperty width = new SimpleIntegerProperty(this, "width", Dcgan.CPU_WIDTH);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", Dcgan.LR);
    private final DoubleProperty modeSeeking = new SimpleDoubleProperty(this, "modeSeeking", 0);
    private final IntegerProperty decayFrom = new SimpleIntegerProperty(this, "decayFrom", 0); // 0: constant rate
    private final IntegerProperty pack = new SimpleIntegerProperty(this, "pack", 1); // 1: the plain D
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(this, "previewEvery", 50);
    private final IntegerProperty checkpointEvery = new SimpleIntegerProperty(this, "checkpointEvery", 500);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);

    // the DCGAN's latest figures
    private final ReadOnlyDoubleWrapper dLoss = new ReadOnlyDoubleWrapper(this, "dLoss", Double.NaN);
    private final ReadOnlyDoubleWrapper gLoss = new ReadOnlyDoubleWrapper(this, "gLoss", Double.NaN);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart", false);

    private final FolderViewModel folder;
    private final StepModeViewModel stepMode;
    private Choice runChoice;

    /** Job events arrive where {@code jobs} delivers its own: the FX thread, or a test's queue. */
    public TrainingViewModel(JobRunner jobs) {
        super(jobs, "g_loss", "listed with the generators", Checkpoint::exists, "my-digits");
        this.jobs = jobs;
        folder = new FolderViewModel(this);
        stepMode = new StepModeViewModel(this);
        canStart.bind(activeProperty().not().and(stepMode.busyProperty().not()).and(folder.loadingProperty().not()).and(nameProblemProperty().isEmpty())
                .and(Bindings.createBooleanBinding(() -> !dataSource.get().folder(), dataSource).or(folder.dataProperty().isNotNull())));
        dataSource.addListener((o, a, b) -> showError(""));
    }

    /** The image folder a folder run trains on, and its report. */
    public FolderViewModel folder() {
        return folder;
    }

    /** Step mode: one D or G update at a time, on networks of its own. */
    public StepModeViewModel stepMode() {
        return stepMode;
    }

    JobRunner jobs() {
        return jobs;
    }

    void setError(String message) {
        showError(message);
    }

    // ---- training ------------------------------------------------------------------------------

    /** Starts a new run into the user's models folder under the output name. */
    public void start() {
        if (!canStart.get()) return;
        Path out = freeOutput("resume that run");
        if (out == null) return;
        DcganTrainer.Config cfg;
        try {
            cfg = config(out, false);
        } catch (IllegalArgumentException e) { // the settings cannot train (a pack that does not divide the batch)
            showError(e.getMessage() + ": change one of them");
            return;
        }
        clearRun();
        launch(cfg);
    }

    /** Continues a stopped (or failed) run from its checkpoint, up to the current number of steps. */
    public void resumeRun() {
        if (!canResumeRunProperty().get() || activeProperty().get()) return;
        launch(config(runDirProperty().get(), true));
    }

    private DcganTrainer.Config config(Path out, boolean resume) {
        long n = Math.max(1, steps.get());
        long decay = decayFrom.get() > 0 && decayFrom.get() < n ? decayFrom.get() : n; // n: constant, as the CLI without --decay-from
        return new DcganTrainer.Config(out, n, Math.max(1, batch.get()), learningRate.get(), seed.get(),
                Math.max(1, checkpointEvery.get()), Math.max(1, previewEvery.get()), resume, decay, Math.max(0, modeSeeking.get()),
                resume ? 1 : Math.max(1, pack.get())); // a resumed run keeps its checkpoint's D
    }

    /**
     * What a run trains on: the networks and the data, read on the FX thread; bundled data load when
     * {@link #data()} is called (on a job's thread).
     */
    record Choice(Dcgan.Architecture arch, Dataset bundled, FolderImages folder) {
        TrainingData data() throws IOException {
            return bundled != null ? bundled.train() : folder;
        }
    }

    /**
     * The chosen data and the networks they train: a bundled set its 28×28 pair, a folder the 64×64 colour
     * variant at the chosen width (conditional when it has a class per sub-folder).
     *
     * @throws UnsupportedOperationException with a message for the user when no folder is loaded yet
     */
    Choice choice() {
        DataSource src = dataSource.get();
        if (src.bundled()) return new Choice(src.arch, src.data, null);
        FolderImages data = folder.dataProperty().get();
        if (data == null) throw new UnsupportedOperationException("Choose an image folder first.");
        return new Choice(data.classNames() != null
                ? Dcgan.Architecture.conditional64(Math.max(1, width.get()), data.classNames().size())
                : Dcgan.Architecture.colour64(Math.max(1, width.get())), null, data);
    }

    /** The choice the current run (runDir) was started with; null before the first run. */
    Choice runChoice() {
        return runChoice;
    }

    /**
     * The one place where a choice becomes a training job; a bundled run is measured afterwards as the
     * CLI measures it.
     *
     * @throws UnsupportedOperationException with a message for the user when the data cannot be trained on
     */
    Job<Path> trainerFor(DcganTrainer.Config cfg, Choice c) {
        if (c.folder() != null && c.folder().size() < cfg.batch()) {
            throw new UnsupportedOperationException("The folder has " + c.folder().size() + " usable picture"
                    + (c.folder().size() == 1 ? "" : "s") + ", fewer than one batch of " + cfg.batch()
                    + ": lower the batch size or add pictures.");
        }
        return new Job<>() {
            @Override
            public String name() {
                return "Train " + (c.folder() != null ? "64×64 " : "") + "DCGAN → " + cfg.out().getFileName();
            }

            @Override
            public Path run(JobControl control) throws Exception {
                Path model = new DcganTrainer(cfg, c.arch(), c.data()).run(control);
                // measured as the CLI measures it, so Latent Lab shows the same figures
                if (c.bundled() != null) GanQuality.recordAfterTraining(model, c.bundled(),
                        say -> control.report(new Progress(cfg.steps(), cfg.steps(), java.util.Map.of(), null, say)));
                return model;
            }
        };
    }

    /** Starts (or resumes: then on the run's own data) the run {@code cfg} describes. */
    private void launch(DcganTrainer.Config cfg) {
        Job<Path> job;
        Choice c;
        try {
            c = cfg.resume() && runChoice != null ? runChoice : choice();
            job = trainerFor(cfg, c);
        } catch (UnsupportedOperationException e) {
            showError(e.getMessage());
            return;
        }
        runChoice = c;
        launch(job, cfg.out(), cfg.steps(), cfg.resume() ? "Resuming from the checkpoint…" : "Loading the data and building the networks…");
    }

    @Override
    protected void onStep(Progress p, Picture picture) {
        dLoss.set(p.metric("d_loss"));
        if (!Double.isNaN(p.metric("g_loss"))) gLoss.set(p.metric("g_loss"));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<DataSource> dataSourceProperty() {
        return dataSource;
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

    /**
     * Step from which the learning rate falls in ten stages to a tenth of it by the last step (train-dcgan's
     * --decay-from; the shipped garment model used 12,000 of 20,000); 0 or at least the steps: constant.
     */
    public IntegerProperty decayFromProperty() {
        return decayFrom;
    }

    /** Pictures D judges together (PacGAN; train-dcgan's --pack; 1: the plain D); it must divide the batch. */
    public IntegerProperty packProperty() {
        return pack;
    }

    /**
     * Weight of MSGAN's mode-seeking term in G's loss (0: off, the plain DCGAN; the shipped digits used 0.3).
     * A resumed run keeps the weight it started with.
     */
    public DoubleProperty modeSeekingProperty() {
        return modeSeeking;
    }

    /** A preview grid (and G's loss) every this many steps. */
    public IntegerProperty previewEveryProperty() {
        return previewEvery;
    }

    public IntegerProperty checkpointEveryProperty() {
        return checkpointEvery;
    }

    /** Seed of the networks' initialisation, noise and data order (and of step mode's batches). */
    public LongProperty seedProperty() {
        return seed;
    }

    /** Base width w of the 64×64 DCGAN for folders (layers 8w, 4w, 2w, w; the paper's is 128). */
    public IntegerProperty widthProperty() {
        return width;
    }

    public ReadOnlyDoubleProperty dLossProperty() {
        return dLoss.getReadOnlyProperty();
    }

    /** G's loss at the last preview (it costs a forward pass, so it is measured only then). */
    public ReadOnlyDoubleProperty gLossProperty() {
        return gLoss.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }
}
