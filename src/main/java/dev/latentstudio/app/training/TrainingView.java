package dev.latentstudio.app.training;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.LossChartRenderer;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.app.common.OutputNameView;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.app.training.TrainingViewModel.DataSource;
import dev.latentstudio.app.common.TrainingRunViewModel.State;
import dev.latentstudio.engine.gan.GanStepper;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Training screen: layout and bindings to {@link TrainingViewModel}; drawing is the renderers'. */
public final class TrainingView extends BorderPane {
    private final TrainingViewModel vm;
    /** Bidirectional bindings hold their ends weakly: the object views of the number properties live here. */
    private final List<Object> bound = new ArrayList<>();

    public TrainingView(TrainingViewModel vm) {
        this.vm = vm;
        getStyleClass().add("training");
        Tab train = new Tab("Train", trainTab());
        train.setTooltip(Tooltips.of("Train a DCGAN and watch its samples and losses live."));
        Tab step = new Tab("Step mode", stepTab());
        step.setTooltip(Tooltips.of("GAN training in slow motion: one discriminator or one generator update at a time."));
        TabPane tabs = new TabPane(train, step);
        tabs.setId("training-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    /** The view model behind this view (the shell wires its saved models to the Latent Lab). */
    public TrainingViewModel viewModel() {
        return vm;
    }

    // ---- Train tab -----------------------------------------------------------------------------

    private Node trainTab() {
        ScrollPane form = new ScrollPane(settings());
        form.setFitToWidth(true);
        form.setPrefWidth(330);
        form.setMinWidth(300);

        PictureRenderer previewRenderer = new PictureRenderer("Samples appear here every few steps once training runs.");
        CanvasPane preview = new CanvasPane("training-preview", previewRenderer::draw);
        Tooltip.install(preview.canvas(), Tooltips.of("64 samples of the generator (its weight average) from fixed noise: "
                + "the same 64 latent vectors every time, so you see them sharpen."));
        vm.previewProperty().addListener((o, a, p) -> {
            previewRenderer.setPicture(p == null ? null : p.argb(), p == null ? 0 : p.width(), p == null ? 0 : p.height());
            preview.redraw();
        });

        LossChartRenderer chartRenderer = new LossChartRenderer("step", "Loss curves appear with the first progress report.");
        CanvasPane chart = new CanvasPane("loss-chart", (gc, w, h) -> chartRenderer.draw(gc, w, h, vm.lossesProperty()));
        Tooltip.install(chart.canvas(), Tooltips.of("D's loss (orange) is −log D(x) − log(1 − D(G(z))): low when D tells "
                + "real from fake. G's loss (blue) is −log D(G(z)), measured at each preview: low when G fools D. "
                + "In a healthy run neither wins for long."));
        vm.lossesProperty().addListener((ListChangeListener<LossPoint>) c -> chart.redraw());

        VBox.setVgrow(preview, Priority.ALWAYS);
        chart.setPrefHeight(200);
        chart.setMinHeight(140);
        VBox right = new VBox(10, caption("Samples"), preview, caption("Losses"), chart);
        right.setPadding(new Insets(12));
        HBox.setHgrow(right, Priority.ALWAYS);
        return new HBox(form, right);
    }

    private Node settings() {
        ChoiceBox<DataSource> source = new ChoiceBox<>(FXCollections.observableArrayList(DataSource.values()));
        source.setId("data-source");
        source.valueProperty().bindBidirectional(vm.dataSourceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        source.setTooltip(Tooltips.of("What to learn to draw: the 8,500 bundled MNIST training digits or the 60,000 Fashion-MNIST "
                + "garments (28×28 grey; by class: the conditional DCGAN), or a folder of your own pictures (the 64×64 colour DCGAN). "
                + "Step mode's fresh networks use the same choice."));
        source.disableProperty().bind(vm.activeProperty());

        Button chooseFolder = new Button("Choose folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        chooseFolder.setId("choose-folder");
        chooseFolder.setTooltip(Tooltips.of("Pick a folder of images. Each is cut to its centre square and scaled to "
                + "64×64; files that cannot be used are listed below with the reason."));
        chooseFolder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of training images");
            java.io.File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) vm.folder().choose(dir.toPath());
        });
        Label folder = new Label();
        folder.setId("folder");
        folder.getStyleClass().add(Styles.TEXT_MUTED);
        folder.setWrapText(true);
        folder.textProperty().bind(Bindings.createStringBinding(() -> vm.folder().folderProperty().get() == null
                ? "No folder chosen" : vm.folder().folderProperty().get().toString(), vm.folder().folderProperty()));
        folder.setTooltip(Tooltips.of("The image folder in use."));
        BooleanBinding folderMode = Bindings.createBooleanBinding(() -> vm.dataSourceProperty().get().folder(), vm.dataSourceProperty());
        VBox folderBox = new VBox(6, chooseFolder, folder);
        show(folderBox, folderMode);
        chooseFolder.disableProperty().bind(vm.activeProperty().or(vm.folder().loadingProperty()));

        Spinner<Integer> steps = intSpinner("steps", vm.stepsProperty(), 1, 1_000_000, 100,
                "Training steps: each is one D update and one G update on a batch. About 2,000 give recognisable digits.", bound);
        Spinner<Integer> batch = intSpinner("batch", vm.batchProperty(), 1, 256, 1,
                "Images per step (the DCGAN paper and the shipped model use 32). Larger batches are steadier but slower per step.", bound);
        Spinner<Integer> width = intSpinner("width", vm.widthProperty(), 4, 128, 4,
                "Base width w of the 64×64 DCGAN (its layers have 8w, 4w, 2w and w channels). The paper's is 128: "
                + "about 5 s a step on two CPU cores; the default 32 takes about 0.5 s and still learns colour and shape.", bound);
        Spinner<Integer> previewEvery = intSpinner("preview-every", vm.previewEveryProperty(), 1, 100_000, 10,
                "A new sample grid and G's loss every this many steps (each costs about a second).", bound);
        Spinner<Double> lr = new Spinner<>();
        lr.setId("learning-rate");
        SpinnerValueFactory.DoubleSpinnerValueFactory lrf =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(1e-6, 1e-2, vm.learningRateProperty().get(), 5e-5);
        lrf.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.2e", v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return lrf.getValue(); // not a number: keep the rate as it was
                }
            }
        });
        lr.setValueFactory(lrf);
        lr.setEditable(true);
        ObjectProperty<Double> lrObject = vm.learningRateProperty().asObject();
        bound.add(lrObject);
        lrf.valueProperty().bindBidirectional(lrObject);
        lr.setTooltip(Tooltips.of("Adam's learning rate for both networks (DCGAN paper: 2e-4, with β1 = 0.5). "
                + "Too high and the losses swing wildly; too low and nothing happens."));

        Spinner<Double> modeSeeking = doubleSpinner("mode-seeking", vm.modeSeekingProperty(), 0, 10, 0.1,
                "Weight of MSGAN's mode-seeking term (Mao et al. 2019): two latents of one class are pushed to draw pictures "
                + "as far apart as the latents are, so a class does not collapse to one picture. 0 = off (the DCGAN paper's loss); "
                + "the shipped conditional digits use 0.3 (within-class variety up from 0.71–0.94 to 0.85–1.00 of real digits'); "
                + "0.5 and more began to cost legibility. A resumed run keeps the weight it started with.", bound);
        Spinner<Integer> decayFrom = intSpinner("decay-from", vm.decayFromProperty(), 0, 1_000_000, 500,
                "Step from which the learning rate falls, in ten stages, to a tenth of it by the last step; 0 keeps it "
                + "constant (the DCGAN paper). The shipped garment model held it for 12,000 of its 20,000 steps: score and "
                + "confidence rose from 97 to 99 % of real garments'. A resumed run takes the value set here.", bound);
        Spinner<Integer> pack = intSpinner("pack", vm.packProperty(), 1, 8, 1,
                "Pictures the discriminator judges together, stacked as one (PacGAN, Lin et al. 2018): a generator that keeps "
                + "drawing the same few pictures makes packs real data never do, so it is caught. With classes, a pack's pictures "
                + "share their class. 1 = the plain DCGAN; it must divide the batch size. A resumed run keeps its own.", bound);
        TextField name = OutputNameView.field(vm, "", "Folder name of the new model among your models; it then appears in the Latent Lab.");

        GridPane grid = form();
        grid.addRow(0, label("Steps", steps), steps);
        grid.addRow(1, label("Batch size", batch), batch);
        grid.addRow(2, label("Learning rate", lr), lr);
        grid.addRow(3, label("Output name", name), name);
        Label widthLabel = label("Width", width);
        grid.addRow(4, widthLabel, width);
        // the rarer settings fold away, so Start and Stop stay on screen at the window's smallest size
        GridPane moreGrid = form();
        moreGrid.addRow(0, label("Preview every", previewEvery), previewEvery);
        moreGrid.addRow(1, label("Mode seeking", modeSeeking), modeSeeking);
        moreGrid.addRow(2, label("Decay from step", decayFrom), decayFrom);
        moreGrid.addRow(3, label("Pack (PacGAN)", pack), pack);
        TitledPane more = new TitledPane("More settings", moreGrid);
        more.setId("more-settings");
        more.setExpanded(false);
        more.setTooltip(Tooltips.of("Preview interval, MSGAN's mode-seeking term, the learning rate's decay and PacGAN's packs."));
        show(width, folderMode);
        show(widthLabel, folderMode);
        for (Node n : List.of(steps, batch, lr, previewEvery, modeSeeking, decayFrom, pack, width)) n.disableProperty().bind(vm.activeProperty());

        TextArea report = new TextArea();
        report.setId("folder-report");
        report.setEditable(false);
        report.setWrapText(true);
        report.setPrefRowCount(6);
        report.textProperty().bind(vm.folder().reportProperty());
        report.setTooltip(Tooltips.of("What the folder gave: each skipped file and why (empty, not an image, too large, "
                + "too elongated…), then how many images were loaded."));
        show(report, folderMode.and(vm.folder().reportProperty().isNotEmpty()));

        VBox box = new VBox(8, caption("Data"), source, folderBox, report, caption("Settings"), grid, more, OutputNameView.messages(vm, ""),
                controls(), caption("Progress"), progress(), messages());
        box.setPadding(new Insets(12));
        return box;
    }

    /** A two-column grid of labelled settings. */
    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        return grid;
    }

    private Node controls() {
        Button start = button("start", "Start", new FontIcon(MaterialDesignP.PLAY),
                "Start a new run with these settings. Checkpoints are written as it goes.", vm::start);
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.canStartProperty().not());
        Shortcut.TRAINING_START.attach(start);
        Button pause = button("pause", "Pause", new FontIcon(MaterialDesignP.PAUSE),
                "Hold training after the current step; nothing is lost.", vm::pause);
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.RUNNING));
        Button resume = button("resume", "Resume", new FontIcon(MaterialDesignP.PLAY_PAUSE),
                "Continue a paused run exactly where it held.", vm::resume);
        resume.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.PAUSED));
        Button stop = button("stop", "Stop", new FontIcon(MaterialDesignS.STOP),
                "End the run now. A checkpoint is saved, so Resume run can continue it later.", vm::stop);
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(vm.activeProperty().not());
        Shortcut.TRAINING_STOP.attach(stop);
        Button resumeRun = button("resume-run", "Resume run", new FontIcon(MaterialDesignR.RESTORE),
                "Continue the stopped run from its checkpoint up to the number of steps set above.", vm::resumeRun);
        resumeRun.disableProperty().bind(vm.canResumeRunProperty().not());
        HBox row1 = new HBox(8, start, pause, resume);
        HBox row2 = new HBox(8, stop, resumeRun);
        return new VBox(8, row1, row2);
    }

    private Node progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("training-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.setTooltip(Tooltips.of("Share of the run's steps done."));

        Label step = stat("step-info", Bindings.createStringBinding(() -> vm.totalProperty().get() == 0 ? "Not started"
                : "Step " + vm.stepProperty().get() + " of " + vm.totalProperty().get(), vm.stepProperty(), vm.totalProperty()),
                "Steps done in this run.");
        Label rate = stat("rate", Bindings.createStringBinding(() -> Double.isNaN(vm.imagesPerSecondProperty().get()) ? ""
                : String.format(Locale.ROOT, "%.0f images/s", vm.imagesPerSecondProperty().get()), vm.imagesPerSecondProperty()),
                "Real images D sees per second (batch × steps per second), since the run (or its resumption) began.");
        Label eta = stat("eta", Bindings.createStringBinding(() -> vm.etaTextProperty().get().isEmpty() ? ""
                : "ETA " + vm.etaTextProperty().get(), vm.etaTextProperty()), "Time left at the current rate.");
        Label losses = stat("loss-info", Bindings.createStringBinding(() -> Double.isNaN(vm.dLossProperty().get()) ? ""
                : "D " + LossChartRenderer.value(vm.dLossProperty().get()) + " · G " + LossChartRenderer.value(vm.gLossProperty().get()),
                vm.dLossProperty(), vm.gLossProperty()), "The latest losses of the discriminator (D) and the generator (G).");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox figures = new HBox(10, rate, spacer, eta);
        // figures that are not there yet take no room, so a message below them sits near Start
        show(figures, rate.textProperty().isNotEmpty().or(eta.textProperty().isNotEmpty()));
        show(losses, losses.textProperty().isNotEmpty());
        return new VBox(6, bar, step, figures, losses);
    }

    private Node messages() {
        Label status = new Label();
        status.setId("training-status");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(vm.statusTextProperty());
        status.setTooltip(Tooltips.of("What the run is doing."));
        show(status, status.textProperty().isNotEmpty());

        Label error = new Label();
        error.setId("training-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        error.textProperty().bind(vm.errorProperty());
        error.setTooltip(Tooltips.of("What went wrong and what to do about it."));
        showAndReveal(error, vm.errorProperty().isNotEmpty());

        Label saved = new Label();
        saved.setId("saved-model");
        saved.setWrapText(true);
        saved.getStyleClass().add(Styles.SUCCESS);
        saved.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignC.CHECK_CIRCLE));
        saved.textProperty().bind(Bindings.createStringBinding(() -> vm.lastSavedModelProperty().get() == null ? ""
                : "Saved model " + vm.lastSavedModelProperty().get().getFileName(), vm.lastSavedModelProperty()));
        saved.setTooltip(Tooltips.of("The finished generator; the Latent Lab lists it with the others."));
        show(saved, vm.lastSavedModelProperty().isNotNull());
        return new VBox(6, status, error, saved);
    }

    // ---- Step mode tab -------------------------------------------------------------------------

    private Node stepTab() {
        StepModeViewModel step = vm.stepMode();
        Button d = button("step-d", "D step", new FontIcon(MaterialDesignS.STEP_FORWARD),
                "One discriminator update: D learns to score the real pictures higher and G's current fakes lower. "
                        + "Watch the bars under the real pictures grow and those under the fakes shrink; G does not change.",
                step::stepDiscriminator);
        Button g = button("step-g", "G step", new FontIcon(MaterialDesignS.STEP_FORWARD_2),
                "One generator update: G changes its fakes in the direction that raises D's score on them "
                        + "(it follows D's gradient). Watch the fakes change and their bars grow; D does not change.",
                step::stepGenerator);
        Button rounds = button("step-rounds", "Step ×" + StepModeViewModel.ROUNDS,
                new FontIcon(MaterialDesignF.FAST_FORWARD),
                StepModeViewModel.ROUNDS + " rounds of one D update then one G update, as training does, every update "
                        + "recorded in the loss chart.", step::stepRounds);
        Button reset = button("step-reset", "New networks", new FontIcon(MaterialDesignR.REFRESH),
                "Start again from freshly initialised networks (the seed and learning rate of the Train tab).", step::reset);
        Button fromRun = button("step-from-run", "From last run", new FontIcon(MaterialDesignS.SCHOOL),
                "Load the networks of the last run's checkpoint (stopped or finished) and step those: see how a "
                        + "trained pair answers single updates.", step::fromRun);
        fromRun.disableProperty().bind(step.canStepFromRunProperty().not());
        for (Button b : List.of(d, g, rounds)) b.disableProperty().bind(step.canStepProperty().not());
        reset.disableProperty().bind(step.busyProperty());

        Label info = new Label();
        info.setId("step-info-line");
        info.getStyleClass().add(Styles.TEXT_MUTED);
        info.textProperty().bind(Bindings.createStringBinding(() -> describe(step.snapshotProperty().get()),
                step.snapshotProperty()));
        info.setTooltip(Tooltips.of("Updates made so far and the losses on the two fixed batches below."));
        Label stepError = new Label();
        stepError.setId("step-error");
        stepError.getStyleClass().add(Styles.DANGER);
        stepError.textProperty().bind(step.errorProperty());
        stepError.setTooltip(Tooltips.of("Why the last update failed."));
        showAndReveal(stepError, step.errorProperty().isNotEmpty());

        HBox buttons = new HBox(8, d, g, rounds, reset, fromRun);
        buttons.setAlignment(Pos.CENTER_LEFT);

        int cols = 4;
        ScoredGridRenderer realR = new ScoredGridRenderer(cols, "The fixed batch of real pictures (the data chosen on Train) appears with the first step.");
        ScoredGridRenderer fakeR = new ScoredGridRenderer(cols, "G's fakes from fixed noise appear with the first step.");
        CanvasPane real = new CanvasPane("step-real", realR::draw);
        CanvasPane fake = new CanvasPane("step-fakes", fakeR::draw);
        Tooltip.install(real.canvas(), Tooltips.of("The same " + StepModeViewModel.BATCH + " real pictures at every "
                + "update; under each, D's score P(real): green near 1 (D believes it), red near 0."));
        Tooltip.install(fake.canvas(), Tooltips.of("What G draws from the same " + StepModeViewModel.BATCH
                + " noise vectors after each update, with D's score under each: G wants these near 1, D near 0."));
        step.snapshotProperty().addListener((o, a, s) -> {
            if (s == null) {
                realR.set(null, null, 0, 0);
                fakeR.set(null, null, 0, 0);
            } else {
                realR.set(s.real(), s.realScores(), s.width(), s.height());
                fakeR.set(s.fakes(), s.fakeScores(), s.width(), s.height());
            }
            real.redraw();
            fake.redraw();
        });
        VBox realBox = new VBox(6, caption("Real pictures (fixed batch)"), real);
        VBox fakeBox = new VBox(6, caption("Fakes from fixed noise"), fake);
        VBox.setVgrow(real, Priority.ALWAYS);
        VBox.setVgrow(fake, Priority.ALWAYS);
        HBox.setHgrow(realBox, Priority.ALWAYS);
        HBox.setHgrow(fakeBox, Priority.ALWAYS);
        realBox.setPrefWidth(10);
        fakeBox.setPrefWidth(10);
        HBox batches = new HBox(16, realBox, fakeBox);
        VBox.setVgrow(batches, Priority.ALWAYS);

        LossChartRenderer chartR = new LossChartRenderer("updates", "The losses after every update appear here.");
        CanvasPane chart = new CanvasPane("step-loss-chart", (gc, w, h) -> chartR.draw(gc, w, h, step.lossesProperty()));
        Tooltip.install(chart.canvas(), Tooltips.of("D's and G's loss on the fixed batches after every update: a D step "
                + "lowers D's loss and usually raises G's; a G step does the opposite."));
        step.lossesProperty().addListener((ListChangeListener<LossPoint>) c -> chart.redraw());
        chart.setPrefHeight(170);
        chart.setMinHeight(120);

        Label explain = new Label("Like GAN Lab, but on images: make one update of the discriminator or of the generator "
                + "and see what it changes. Both work on the same " + StepModeViewModel.BATCH
                + " real pictures of the chosen data (or the last run's) and the same noise every time, so every change you see comes from the update you made. "
                + "The bars under each picture are D's score: how real D thinks it is. A pair by class asks each fake "
                + "for the class of the real picture in the same place.");
        explain.setWrapText(true);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        explain.setTooltip(Tooltips.of("The idea of step mode."));

        VBox box = new VBox(10, explain, buttons, info, stepError, batches, caption("Losses per update"), chart);
        box.setPadding(new Insets(12));
        return box;
    }

    private static String describe(GanStepper.Snapshot s) {
        if (s == null) return "No updates yet: fresh networks are built with the first step.";
        return String.format(Locale.ROOT, "%d D update%s · %d G update%s · D loss %.3f · G loss %.3f · "
                        + "mean score real %.2f, fake %.2f", s.dUpdates(), s.dUpdates() == 1 ? "" : "s",
                s.gUpdates(), s.gUpdates() == 1 ? "" : "s", s.dLoss(), s.gLoss(), s.meanRealScore(), s.meanFakeScore());
    }
}
