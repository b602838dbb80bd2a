package dev.latentstudio.app.partner;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.LossChartRenderer;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.app.partner.PartnerTrainingViewModel.Data;
import dev.latentstudio.app.partner.PartnerTrainingViewModel.Layout;
import dev.latentstudio.app.common.TrainingRunViewModel.State;
import dev.latentstudio.app.common.OutputNameView;
import dev.latentstudio.app.partner.TranslateViewModel.Choice;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Partner screen (pix2pix): a Translate tab and a Train tab, bound to {@link PartnerViewModel}. */
public final class PartnerView extends BorderPane {
    private final PartnerViewModel vm;
    private final TabPane tabs;
    /** Bidirectional bindings hold their ends weakly: the object views of the number properties live here. */
    private final List<Object> bound = new ArrayList<>();

    public PartnerView(PartnerViewModel vm) {
        this.vm = vm;
        getStyleClass().add("partner");
        Tab translate = new Tab("Translate", translateTab());
        translate.setTooltip(Tooltips.of("Give a pix2pix model a picture and see what it draws from it."));
        Tab train = new Tab("Train", trainTab());
        train.setTooltip(Tooltips.of("Train a pix2pix model on pairs of pictures and watch A | G(A) | B sharpen."));
        tabs = new TabPane(translate, train);
        tabs.setId("partner-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    public PartnerViewModel viewModel() {
        return vm;
    }

    // ---- Translate tab -------------------------------------------------------------------------

    private Node translateTab() {
        TranslateViewModel t = vm.translate();
        ComboBox<Choice> model = new ComboBox<>(t.modelsProperty());
        model.setId("partner-model");
        model.valueProperty().bindBidirectional(t.modelProperty());
        model.setMaxWidth(Double.MAX_VALUE);
        model.setTooltip(Tooltips.of("The pix2pix model that draws the partner: shipped models first, then yours "
                + "(those you trained in the Train tab or with ./studio train-pix2pix)."));
        model.setPlaceholder(new Label("No pix2pix model installed"));
        Label about = stat("partner-model-about", Bindings.createStringBinding(() -> t.modelProperty().get() == null ? ""
                : t.modelProperty().get().about(), t.modelProperty()), "The chosen model's size, training pairs and steps.");
        about.setWrapText(true);
        about.getStyleClass().add(Styles.TEXT_MUTED);

        Label empty = new Label(TranslateViewModel.noModelText());
        empty.setId("partner-empty-text");
        empty.setWrapText(true);
        empty.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        Button toTrain = button("partner-go-train", "Train a model", new FontIcon(MaterialDesignS.SCHOOL),
                "Open the Train tab, set to the bundled garment outlines → garments.", () -> tabs.getSelectionModel().select(1));
        VBox emptyBox = new VBox(8, empty, toTrain);
        emptyBox.setId("partner-empty");
        show(emptyBox, t.hasModelsProperty().not());

        Button open = button("partner-open", "Open picture…", new FontIcon(MaterialDesignI.IMAGE),
                "Pick a picture (PNG, JPEG, GIF, BMP). Its centre square is scaled to the model's size; you can also drop "
                        + "a file onto the pictures.", this::openPicture);
        Button snapshot = button("partner-snapshot", "Snapshot", new FontIcon(MaterialDesignC.CAMERA),
                "Take one frame from the camera (or the folder or video named below) and translate it.", t::snapshot);
        snapshot.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextField camera = new TextField();
        camera.setId("partner-camera");
        camera.textProperty().bindBidirectional(t.cameraProperty());
        camera.setPrefColumnCount(8);
        camera.setTooltip(Tooltips.of("Where a snapshot comes from, as the booth opens it: camera:0 (the first webcam), "
                + "camera:1, a folder of pictures or an MJPEG .avi video."));
        HBox.setHgrow(camera, Priority.ALWAYS);
        Button sample = button("partner-sample", "Sample outline", new FontIcon(MaterialDesignT.TSHIRT_CREW_OUTLINE),
                "Translate the outline of a held-out garment from the bundled Fashion-MNIST test set (a new one each time): "
                        + "what the garments models were trained to fill in.", t::sampleOutline);
        Button export = button("partner-export", "Export PNG…", new FontIcon(MaterialDesignF.FILE_EXPORT),
                "Save what the model saw beside its partner as one PNG, enlarged without blurring.", this::exportPng);
        export.disableProperty().bind(t.resultProperty().isNull());
        Shortcut.PARTNER_EXPORT.attach(export);
        for (Button b : List.of(open, snapshot, sample)) b.disableProperty().bind(t.hasModelsProperty().not());

        Label status = stat("partner-status", t.statusProperty(), "What was translated, or what is being done.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label error = error("partner-error", t.errorProperty());

        // the actions first and the model's long description last: Export stays in sight in a short window
        VBox form = new VBox(10, caption("Model"), model, emptyBox, caption("Picture"), open,
                new HBox(6, snapshot, camera), sample, caption("Result"), export, status, error, about);
        form.setPadding(new Insets(12));
        ScrollPane side = new ScrollPane(form);
        side.setFitToWidth(true);
        side.setPrefWidth(330);
        side.setMinWidth(300);

        PictureRenderer inR = new PictureRenderer("Drop a picture here, or Open picture…");
        PictureRenderer outR = new PictureRenderer("The model's partner appears here.");
        CanvasPane input = new CanvasPane("partner-input", inR::draw);
        CanvasPane output = new CanvasPane("partner-result", outR::draw);
        Tooltips.install(input.canvas(), "What the model sees: the centre square of the picture at the model's size and "
                + "channels, each pixel enlarged to a square. Drop a picture file here.");
        Tooltips.install(output.canvas(), "What the model draws from it, enlarged the same way.");
        t.resultProperty().addListener((o, a, r) -> {
            paint(inR, r == null ? null : r.input());
            paint(outR, r == null ? null : r.output());
            input.redraw();
            output.redraw();
        });
        VBox inBox = column(caption("What the model sees"), input);
        VBox outBox = column(caption("Its partner"), output);
        HBox pictures = new HBox(16, inBox, outBox);
        pictures.setId("partner-drop");
        pictures.setPadding(new Insets(12));
        pictures.setOnDragOver(this::dragOver);
        pictures.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) t.drop(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(ok);
            e.consume();
        });
        HBox.setHgrow(pictures, Priority.ALWAYS);
        return new HBox(side, pictures);
    }

    private static VBox column(Node title, CanvasPane canvas) {
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox box = new VBox(6, title, canvas);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(10);
        return box;
    }

    private static void paint(PictureRenderer r, Picture p) {
        r.setPicture(p == null ? null : p.argb(), p == null ? 0 : p.width(), p == null ? 0 : p.height());
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && vm.translate().hasModelsProperty().get()) e.acceptTransferModes(TransferMode.COPY);
        e.consume();
    }

    private void openPicture() {
        FileChooser c = new FileChooser();
        c.setTitle("A picture to translate");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp",
                "*.PNG", "*.JPG", "*.JPEG", "*.GIF", "*.BMP"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) vm.translate().drop(f.toPath());
    }

    private void exportPng() {
        File f = save("Export the translation", "partner.png", "PNG picture", "*.png");
        if (f != null) vm.translate().exportPng(f.toPath());
    }

    private File save(String title, String name, String what, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        return c.showSaveDialog(getScene().getWindow());
    }

    // ---- Train tab -----------------------------------------------------------------------------

    private Node trainTab() {
        PartnerTrainingViewModel t = vm.training();
        ScrollPane form = new ScrollPane(trainSettings(t));
        form.setFitToWidth(true);
        form.setPrefWidth(330);
        form.setMinWidth(300);

        PictureRenderer previewR = new PictureRenderer("A | G(A) | B rows appear here every few steps once training runs.");
        CanvasPane preview = new CanvasPane("partner-preview", previewR::draw);
        Tooltips.install(preview.canvas(), "Four fixed pairs, one per row: the input A, what the generator draws from it "
                + "G(A), and the wanted picture B. Watch the middle column come to look like the right one.");
        t.previewProperty().addListener((o, a, p) -> {
            paint(previewR, p);
            preview.redraw();
        });
        LossChartRenderer lossR = new LossChartRenderer("step", "Loss curves appear with the first progress report.",
                "D loss", "G adversarial");
        CanvasPane losses = new CanvasPane("partner-loss-chart", (gc, w, h) -> lossR.draw(gc, w, h, t.lossesProperty()));
        Tooltips.install(losses.canvas(), "D's loss on real pairs (A, B) and G's pairs (A, G(A)) (orange), and G's adversarial "
                + "term −log D(A, G(A)) (blue): neither should win for long.");
        t.lossesProperty().addListener((ListChangeListener<LossPoint>) c -> losses.redraw());
        LossChartRenderer l1R = new LossChartRenderer("step", "The L1 term appears with the first progress report.", "L1", null);
        CanvasPane l1 = new CanvasPane("partner-l1-chart", (gc, w, h) -> l1R.draw(gc, w, h, t.l1Property()));
        Tooltips.install(l1.canvas(), "G's L1 term, the mean |G(A) − B| over the pixels (in G's loss weighted by λ = 100): "
                + "how far the drawing is from the wanted picture. It should fall.");
        t.l1Property().addListener((ListChangeListener<LossPoint>) c -> l1.redraw());
        VBox.setVgrow(preview, Priority.ALWAYS);
        for (CanvasPane c : List.of(losses, l1)) {
            c.setPrefHeight(150);
            c.setMinHeight(110);
        }
        VBox right = new VBox(10, caption("A | G(A) | B"), preview, caption("D and G's adversarial term"), losses, caption("L1"), l1);
        right.setPadding(new Insets(12));
        HBox.setHgrow(right, Priority.ALWAYS);
        return new HBox(form, right);
    }

    private Node trainSettings(PartnerTrainingViewModel t) {
        ChoiceBox<Data> data = new ChoiceBox<>(FXCollections.observableArrayList(Data.values()));
        data.setId("partner-data");
        data.valueProperty().bindBidirectional(t.dataProperty());
        data.setMaxWidth(Double.MAX_VALUE);
        data.setTooltip(Tooltips.of("What to learn: the bundled Fashion-MNIST garments, each from its Canny outline "
                + "(60,000 grey pairs), or a folder of your own pairs."));
        Button folder = button("partner-choose-folder", "Choose folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN),
                "Pick the folder of pairs, laid out as chosen below.", this::chooseFolder);
        Label folderName = stat("partner-folder", Bindings.createStringBinding(() -> t.folderProperty().get() == null
                ? "No folder chosen" : t.folderProperty().get().toString(), t.folderProperty()), "The folder of pairs in use.");
        folderName.setWrapText(true);
        folderName.getStyleClass().add(Styles.TEXT_MUTED);
        ChoiceBox<Layout> layout = new ChoiceBox<>(FXCollections.observableArrayList(Layout.values()));
        layout.setId("partner-layout");
        layout.valueProperty().bindBidirectional(t.layoutProperty());
        layout.setTooltip(Tooltips.of("aligned: each picture holds A on the left and B on the right, twice as wide as high "
                + "(pix2pix's own layout); folders: A/ and B/ hold files of the same names."));
        ChoiceBox<Integer> channels = choice("partner-channels", t.channelsProperty(), List.of(1, 3),
                "1: grey pictures; 3: colour.");
        GridPane folderGrid = form();
        folderGrid.addRow(0, label("Layout", layout), layout);
        folderGrid.addRow(1, label("Channels", channels), channels);
        VBox folderBox = new VBox(6, folder, folderName, folderGrid);
        show(folderBox, t.dataProperty().isEqualTo(Data.FOLDER));

        ChoiceBox<Integer> size = choice("partner-size", t.sizeProperty(), List.of(32, 64, 128, 256),
                "Side of the pictures: the U-Net has one level per halving (32: 5 levels, 256: 8, the paper's). "
                        + "Each doubling costs about four times the time.");
        Spinner<Integer> filters = intSpinner("partner-filters", t.filtersProperty(), 1, 256, 4,
                "U-Net filters at the outer level (the paper's 64); inner levels have up to 8 times as many.", bound);
        Spinner<Integer> dFilters = intSpinner("partner-d-filters", t.dFiltersProperty(), 1, 256, 4,
                "PatchGAN discriminator filters at its first layer (the paper's 64).", bound);
        Spinner<Integer> steps = intSpinner("partner-steps", t.stepsProperty(), 1, 10_000_000, 100,
                "Training steps: one D and one G update each. The learning rate holds for the first half, then falls to zero.", bound);
        Spinner<Integer> batch = intSpinner("partner-batch", t.batchProperty(), 1, 256, 1, "Pairs per step (the paper's 1).", bound);
        Spinner<Integer> previewEvery = intSpinner("partner-preview-every", t.previewEveryProperty(), 1, 100_000, 10,
                "New A | G(A) | B rows every this many steps; each is also a frame of the GIF.", bound);
        ChoiceBox<Pix2PixNets.Norm> norm = new ChoiceBox<>(FXCollections.observableArrayList(Pix2PixNets.Norm.values()));
        norm.setId("partner-norm");
        norm.setConverter(new StringConverter<>() {
            @Override
            public String toString(Pix2PixNets.Norm n) {
                return n == null ? "" : n.option();
            }

            @Override
            public Pix2PixNets.Norm fromString(String text) {
                return Pix2PixNets.Norm.of(text);
            }
        });
        norm.valueProperty().bindBidirectional(t.normProperty());
        norm.setTooltip(Tooltips.of("Normalisation in G and D: batch (the paper's: over the batch, with running statistics "
                + "for drawing) or instance (pix2pix's --norm instance: each picture's each channel over its pixels, the same "
                + "when training and drawing)."));
        Spinner<Double> perceptual = doubleSpinner("partner-perceptual", t.perceptualProperty(), 0, 1000, 1,
                "Weight of a perceptual term added to G's loss: the mean squared difference of a "
                + "shipped network's features of G(A) and of B (grey pictures: the second garment classifier's conv3, so the judge stays independent; colour: the face "
                + "recogniser's conv32_1). 0 = off.", bound);
        TextField name = OutputNameView.field(t, "partner-", "Folder name of the new model among your models; when done it is offered in the Translate tab.");
        GridPane grid = form();
        grid.addRow(0, label("Size", size), size);
        grid.addRow(1, label("Filters (G)", filters), filters);
        grid.addRow(2, label("Filters (D)", dFilters), dFilters);
        grid.addRow(3, label("Steps", steps), steps);
        grid.addRow(4, label("Batch size", batch), batch);
        grid.addRow(5, label("Norm", norm), norm);
        grid.addRow(6, label("Perceptual weight", perceptual), perceptual);
        grid.addRow(7, label("Preview every", previewEvery), previewEvery);
        grid.addRow(8, label("Output name", name), name);
        for (Node n : List.of(data, folder, layout, channels, size, filters, dFilters, batch, norm, perceptual, previewEvery)) {
            n.disableProperty().bind(t.activeProperty());
        }
        steps.disableProperty().bind(t.activeProperty());

        TextArea report = new TextArea();
        report.setId("partner-report");
        report.setEditable(false);
        report.setWrapText(true);
        report.setPrefRowCount(5);
        report.textProperty().bind(t.reportProperty());
        report.setTooltip(Tooltips.of("The pairs in use, and each file of the folder that was skipped with the reason "
                + "(not an image, not an A|B pair, no partner of the same name…)."));
        show(report, t.reportProperty().isNotEmpty());

        VBox box = new VBox(12, caption("Data"), data, folderBox, caption("Settings"), grid, OutputNameView.messages(t, "partner-"), trainControls(t),
                caption("Progress"), progress(t), messages(t), report);
        box.setPadding(new Insets(12));
        return box;
    }

    private Node trainControls(PartnerTrainingViewModel t) {
        Button start = button("partner-start", "Start", new FontIcon(MaterialDesignP.PLAY),
                "Start a new run with these settings; checkpoints are written as it goes.", t::start);
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(t.canStartProperty().not());
        Shortcut.PARTNER_START.attach(start);
        Button pause = button("partner-pause", "Pause", new FontIcon(MaterialDesignP.PAUSE),
                "Hold training after the current step; nothing is lost.", t::pause);
        pause.disableProperty().bind(t.stateProperty().isNotEqualTo(State.RUNNING));
        Button resume = button("partner-resume", "Resume", new FontIcon(MaterialDesignP.PLAY_PAUSE),
                "Continue a paused run exactly where it held.", t::resume);
        resume.disableProperty().bind(t.stateProperty().isNotEqualTo(State.PAUSED));
        Button stop = button("partner-stop", "Stop", new FontIcon(MaterialDesignS.STOP),
                "End the run now; a checkpoint is saved, so Resume run can continue it later.", t::stop);
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(t.activeProperty().not());
        Shortcut.PARTNER_STOP.attach(stop);
        Button chooseRun = button("partner-choose-run", "Resume from run…", new FontIcon(MaterialDesignF.FOLDER_OPEN),
                "Pick the folder of a stopped run (one with a checkpoint.zip) to continue it.", this::chooseRun);
        chooseRun.disableProperty().bind(t.activeProperty());
        Button resumeRun = button("partner-resume-run", "Resume run", new FontIcon(MaterialDesignR.RESTORE),
                "Continue the stopped run from its checkpoint up to the number of steps set above.", t::resumeRun);
        resumeRun.disableProperty().bind(t.canResumeRunProperty().not());
        Button gif = button("partner-save-gif", "Save previews as GIF…", new FontIcon(MaterialDesignF.FILE_IMAGE),
                "Write the A | G(A) | B previews of this run as an animated GIF, 0.2 s a frame.", this::saveGif);
        gif.disableProperty().bind(t.frameCountProperty().isEqualTo(0));
        return new VBox(8, new HBox(8, start, pause, resume), new HBox(8, stop, resumeRun), new HBox(8, chooseRun), gif);
    }

    private Node progress(PartnerTrainingViewModel t) {
        ProgressBar bar = new ProgressBar();
        bar.setId("partner-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(t.progressProperty());
        bar.setTooltip(Tooltips.of("Share of the run's steps done."));
        Label step = stat("partner-step", Bindings.createStringBinding(() -> t.totalProperty().get() == 0 ? "Not started"
                : "Step " + t.stepProperty().get() + " of " + t.totalProperty().get(), t.stepProperty(), t.totalProperty()),
                "Steps done in this run.");
        ObservableValue<PartnerTrainingViewModel.Figures> f = t.figuresProperty();
        Label rate = stat("partner-rate", Bindings.createStringBinding(() -> Double.isNaN(f.getValue().imagesPerSecond()) ? ""
                : String.format(Locale.ROOT, "%.1f images/s", f.getValue().imagesPerSecond()), f),
                "Pairs trained on per second (batch × steps per second) since the run or its resumption began.");
        Label eta = stat("partner-eta", Bindings.createStringBinding(() -> f.getValue().eta().isEmpty() ? ""
                : "ETA " + f.getValue().eta(), f), "Time left at the current rate.");
        Label figures = stat("partner-losses", Bindings.createStringBinding(() -> Double.isNaN(f.getValue().dLoss()) ? ""
                : String.format(Locale.ROOT, "D %s · G adv %s · L1 %s%s\nD(real) %.2f · D(fake) %.2f",
                LossChartRenderer.value(f.getValue().dLoss()), LossChartRenderer.value(f.getValue().gAdversarial()),
                LossChartRenderer.value(f.getValue().gL1()), Double.isNaN(f.getValue().gPerceptual()) ? ""
                        : " · perceptual " + LossChartRenderer.value(f.getValue().gPerceptual()), f.getValue().dReal(), f.getValue().dFake()), f),
                "The latest figures: D's loss, G's adversarial, L1 and (when on) perceptual terms, and D's mean score on real and on G's pairs.");
        return new VBox(6, bar, step, new HBox(10, rate, spacer(), eta), figures);
    }

    private Node messages(PartnerTrainingViewModel t) {
        Label status = stat("partner-train-status", t.statusTextProperty(), "What the run is doing.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label saved = stat("partner-saved", Bindings.createStringBinding(() -> t.lastSavedModelProperty().get() == null ? ""
                : "Saved model " + t.lastSavedModelProperty().get().getFileName(), t.lastSavedModelProperty()),
                "The finished model; the Translate tab offers it.");
        saved.setWrapText(true);
        saved.getStyleClass().add(Styles.SUCCESS);
        saved.setGraphic(new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        show(saved, t.lastSavedModelProperty().isNotNull());
        return new VBox(6, status, error("partner-train-error", t.errorProperty()), saved);
    }

    private void chooseFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Folder of training pairs");
        File dir = c.showDialog(getScene().getWindow());
        if (dir != null) vm.training().folderProperty().set(dir.toPath());
    }

    private void chooseRun() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Folder of a stopped pix2pix run");
        Path models = dev.latentstudio.engine.StudioPaths.userModels();
        if (models.toFile().isDirectory()) c.setInitialDirectory(models.toFile());
        File dir = c.showDialog(getScene().getWindow());
        if (dir != null) vm.training().chooseRun(dir.toPath());
    }

    private void saveGif() {
        File f = save("Save the previews as a GIF", "pix2pix-training.gif", "Animated GIF", "*.gif");
        if (f != null) vm.training().saveGif(f.toPath());
    }

    // ---- small helpers -------------------------------------------------------------------------

    private static Label error(String id, ObservableValue<String> text) {
        Label l = stat(id, text, "What went wrong and what to do about it.");
        l.setWrapText(true);
        l.getStyleClass().add(Styles.DANGER);
        showAndReveal(l, Bindings.createBooleanBinding(() -> !text.getValue().isEmpty(), text));
        return l;
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        return g;
    }

    private ChoiceBox<Integer> choice(String id, IntegerProperty p, List<Integer> values, String tip) {
        ChoiceBox<Integer> c = new ChoiceBox<>(FXCollections.observableArrayList(values));
        c.setId(id);
        ObjectProperty<Integer> object = p.asObject();
        bound.add(object);
        c.valueProperty().bindBidirectional(object);
        c.setTooltip(Tooltips.of(tip));
        return c;
    }
}
