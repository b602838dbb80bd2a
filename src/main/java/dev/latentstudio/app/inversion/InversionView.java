package dev.latentstudio.app.inversion;

import dev.latentstudio.app.common.Picture;
import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.LossChartRenderer;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.engine.invert.LandmarkMoves;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.app.inversion.InversionViewModel.Result;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The Inversion Lab screen: layout and bindings to {@link InversionViewModel}; drawing is the renderers'. */
public final class InversionView extends BorderPane {
    private final InversionViewModel vm;
    /** Bidirectional bindings hold their ends weakly: the object views of the number properties live here. */
    private final List<Object> bound = new ArrayList<>();

    public InversionView(InversionViewModel vm) {
        this.vm = vm;
        getStyleClass().add("inversion");
        ScrollPane form = new ScrollPane(settings());
        form.setFitToWidth(true);
        // Start, Cancel and the progress stay in sight below the knobs, however short the window
        VBox pinned = new VBox(8, controls(), progress());
        pinned.setPadding(new Insets(8, 12, 10, 12));
        BorderPane left = new BorderPane(form);
        left.setBottom(pinned);
        left.setPrefWidth(310);
        left.setMinWidth(300);
        setLeft(left);
        setCenter(canvasColumn());
    }

    public InversionViewModel viewModel() {
        return vm;
    }

    // ---- left: the knobs -----------------------------------------------------------------------

    private Node settings() {
        ChoiceBox<Technique> objective = new ChoiceBox<>(vm.objectivesProperty());
        objective.setId("objective");
        objective.valueProperty().bindBidirectional(vm.objectiveProperty());
        objective.setMaxWidth(Double.MAX_VALUE);
        objective.setTooltip(Tooltips.of("What the picture is optimised for. Class visualisation: climb a digit's logit "
                + "from the mean digit, and see what the classifier takes to be a perfect 3. Channel: what one channel "
                + "(or neuron) of a layer responds to most. Reconstruct: rebuild a picture from nothing but its activations "
                + "at a layer; deeper layers keep less of it. DeepDream: amplify whatever a layer sees in a picture. cGMM: "
                + "draw a layer's activations from per-attribute Gaussians (a digit, thin or thick, slanted) and invert them."));

        ChoiceBox<String> model = new ChoiceBox<>(vm.modelsProperty());
        model.setId("model");
        model.valueProperty().bindBidirectional(vm.modelProperty());
        model.setMaxWidth(Double.MAX_VALUE);
        model.setTooltip(Tooltips.of("The classifier to look into: the classifiers in models/ and among your own models."));

        Node digits = digitRow("digit", vm.digitProperty(), d -> "Visualise digit " + d + ": the gradient of its logit drives the pixels.");
        CheckBox mix = new CheckBox("Mix with a second digit");
        mix.setId("mix");
        mix.selectedProperty().bindBidirectional(vm.mixProperty());
        mix.setTooltip(Tooltips.of("Climb a weighted sum of two logits, w·a + (1 − w)·b: a picture that is both digits "
                + "at once for the classifier (the objectives add, as in Lucid)."));
        Node secondDigit = digitRow("digit-b", vm.secondDigitProperty(), d -> "The second digit of the mix: " + d + ".");
        ChoiceBox<String> secondNamed = new ChoiceBox<>(); // a garment classifier's second class
        secondNamed.setId("class-b");
        secondNamed.setPrefWidth(160);
        secondNamed.setTooltip(Tooltips.of("The second class of the mix."));
        secondNamed.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) vm.secondDigitProperty().set(i.intValue());
        });
        vm.secondDigitProperty().addListener((o, a, d) -> {
            if (d.intValue() < secondNamed.getItems().size()) secondNamed.getSelectionModel().select(d.intValue());
        });
        BooleanBinding named = Bindings.createBooleanBinding(
                () -> InversionViewModel.hasNamedClasses(vm.modelProperty().get()), vm.modelProperty());
        show(secondDigit, named.not());
        show(secondNamed, named);
        VBox second = new VBox(6, secondDigit, secondNamed);
        Slider weight = slider("mix-weight", vm.mixWeightProperty(), 0, 1, "%.2f",
                "The first digit's weight w; the second gets 1 − w. 0.5 asks for both equally.");
        Label weightLabel = label("Weight of the first", weight);
        VBox mixBox = new VBox(6, second, new HBox(8, weightLabel, weight, valueOf(weight, "%.2f")));
        show(mixBox, vm.mixProperty());
        VBox mixTarget = new VBox(8, mix, mixBox);
        ChoiceBox<String> expression = new ChoiceBox<>();
        expression.setId("expression");
        expression.setPrefWidth(160);
        expression.setTooltip(Tooltips.of("What to visualise: the mean face is changed until face-api's net sees it — an "
                + "expression's logit, or the age estimate climbing (older) or falling (younger), or the gender logits "
                + "parting (male, female), drives the pixels."));
        Runnable labels = () -> {
            List<String> names = InversionViewModel.classLabels(vm.modelProperty().get());
            expression.getItems().setAll(names);
            if (!names.isEmpty()) expression.getSelectionModel().select(Math.min(vm.digitProperty().get(), names.size() - 1));
            secondNamed.getItems().setAll(names);
            if (!names.isEmpty()) secondNamed.getSelectionModel().select(Math.min(vm.secondDigitProperty().get(), names.size() - 1));
        };
        labels.run();
        vm.modelProperty().addListener((o, a, m) -> labels.run());
        expression.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) vm.digitProperty().set(i.intValue());
        });
        vm.digitProperty().addListener((o, a, d) -> {
            if (d.intValue() < expression.getItems().size()) expression.getSelectionModel().select(d.intValue());
        });
        Label expressionLabel = label("Expression", expression);
        expressionLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String m = vm.modelProperty().get();
            return InversionViewModel.AGE_GENDER_MODEL.equals(m) || InversionViewModel.DETECTOR_MODEL.equals(m) ? "Target"
                    : InversionViewModel.EXPRESSION_MODEL.equals(m) ? "Expression" : "Garment";
        }, vm.modelProperty()));
        HBox expressionRow = new HBox(8, expressionLabel, expression);
        BooleanBinding faceAttributes = Bindings.createBooleanBinding(
                () -> InversionViewModel.isFaceAttributes(vm.modelProperty().get()), vm.modelProperty());
        show(expressionRow, named);
        show(digits, named.not());
        VBox classTarget = new VBox(8, digits, expressionRow, mixTarget);
        ChoiceBox<String> thickness = new ChoiceBox<>(FXCollections.observableArrayList(InversionViewModel.ANY, "thin", "thick"));
        thickness.setId("cgmm-thickness");
        thickness.valueProperty().bindBidirectional(vm.thicknessProperty());
        thickness.setTooltip(Tooltips.of("cGMM: also ask for thin or thick strokes (measured on the training digits: "
                + "ink area over outline length, the thinnest and thickest thirds)."));
        ChoiceBox<String> slant = new ChoiceBox<>(FXCollections.observableArrayList(InversionViewModel.ANY, "slant-left", "slant-right"));
        slant.setId("cgmm-slant");
        slant.valueProperty().bindBidirectional(vm.slantProperty());
        slant.setTooltip(Tooltips.of("cGMM: also ask for a left or right slant (from the digit's second moments, the "
                + "most slanted thirds). The target is a weighted sum of samples of each attribute's Gaussian."));
        HBox cgmmBox = new HBox(8, label("Strokes", thickness), thickness, label("Slant", slant), slant);
        show(cgmmBox, vm.objectiveProperty().isEqualTo(Technique.CGMM));
        ChoiceBox<String> move = new ChoiceBox<>(FXCollections.observableArrayList(InversionViewModel.MOVE_CHOICES));
        move.setId("landmark-move");
        move.valueProperty().bindBidirectional(vm.moveProperty());
        move.setTooltip(Tooltips.of("The landmark move: mouth_open parts the lips, brows_up lifts both brows, eyes_wide "
                + "opens the lids, smile draws the mouth corners out and up; or the dot you dragged on the face. The face "
                + "changes until face-api's landmark net puts those points on their targets, while the rest of the photo is held."));
        Slider movePx = slider("landmark-px", vm.movePixelsProperty(), 1, 12, "%.1f", "How far the points move, in the photo's pixels.");
        HBox pixelsRow = new HBox(8, label("Pixels", movePx), movePx, valueOf(movePx, "%.1f"));
        BooleanBinding pointMove = vm.moveProperty().isEqualTo(InversionViewModel.POINT_MOVE);
        show(pixelsRow, pointMove.not());
        Label dragged = stat("landmark-drag", Bindings.createStringBinding(() -> vm.dragPointProperty().get() < 0
                        ? "Drag a dot on the face to move that landmark."
                        : String.format(Locale.ROOT, "Landmark %d by (%.1f, %.1f) px%s", vm.dragPointProperty().get(),
                        vm.dragDxProperty().get(), vm.dragDyProperty().get(), vm.dragGroupProperty().get()
                                ? ", with its group (" + LandmarkMoves.group(vm.dragPointProperty().get()).name().replace('_', ' ') + ")" : ""),
                vm.dragPointProperty(), vm.dragDxProperty(), vm.dragDyProperty(), vm.dragGroupProperty()),
                "Press on one of the face's dots on the right, drag it where it should go and let go: that starts the move "
                        + "(in the photo's pixels). The net's points on the result are the green rings.");
        dragged.setWrapText(true);
        CheckBox mirrored = new CheckBox("Its mirror partner too");
        mirrored.setId("landmark-mirror");
        mirrored.selectedProperty().bindBidirectional(vm.dragMirroredProperty());
        mirrored.setTooltip(Tooltips.of("Move the dragged landmark's partner on the other side of the face as well, "
                + "reflected: both mouth corners for a smile, both brows."));
        Button fromOriginal = button("landmark-original", "Start from the original", new FontIcon(MaterialDesignR.RESTORE),
                "After a move the next drag moves the result's face (the edits build on each other); this goes back to the "
                        + "original face.", vm::startFromOriginal);
        fromOriginal.disableProperty().bind(vm.continuingProperty().not().or(vm.runningProperty()));
        CheckBox group = new CheckBox("Move its group (Shift-drag)");
        group.setId("landmark-group");
        group.selectedProperty().bindBidirectional(vm.dragGroupProperty());
        group.setTooltip(Tooltips.of("Move the dragged landmark's whole feature group by the drag, as one piece: the jaw, "
                + "a brow, the nose, an eye, the outer or the inner lips. A drag that starts with Shift held ticks this."));
        VBox dragBox = new VBox(6, dragged, mirrored, group, fromOriginal);
        show(dragBox, pointMove);
        Slider identity = slider("landmark-identity", vm.identityWeightProperty(), 0, 1000, "%.0f", "Weight of the face "
                + "recogniser's descriptor distance² to the original face: holds who the person is while the points move "
                + "(0: off; 200 by default, as ./studio invert landmarks --identity).");
        identity.setMajorTickUnit(10);
        Slider appearance = slider("landmark-appearance", vm.appearanceWeightProperty(), 0, 5, "%.2f", "Weight of the "
                + "recogniser's shallow layer toward the original's: holds textures and shading (0: off, the default; "
                + "./studio invert landmarks --appearance).");
        Slider others = slider("landmark-others", vm.othersWeightProperty(), 0, 0.5, "%.2f", "Weight that holds the landmarks "
                + "not moved at their original places (the moved ones weigh 1): without it the rest of the face drifts with the "
                + "dragged point (0: off; " + dev.latentstudio.engine.invert.LandmarkEdit.OTHERS + " by default, as ./studio invert landmarks --others).");
        GridPane holdGrid = new GridPane();
        holdGrid.setHgap(8);
        holdGrid.setVgap(6);
        holdGrid.addRow(0, label("Identity", identity), identity, valueOf(identity, "%.0f"));
        holdGrid.addRow(1, label("Appearance", appearance), appearance, valueOf(appearance, "%.2f"));
        holdGrid.addRow(2, label("Other points", others), others, valueOf(others, "%.2f"));
        GridPane.setHgrow(others, Priority.ALWAYS);
        GridPane.setHgrow(identity, Priority.ALWAYS);
        GridPane.setHgrow(appearance, Priority.ALWAYS);
        VBox moveBox = new VBox(8, new HBox(8, label("Move", move), move), pixelsRow, dragBox, holdGrid);
        show(moveBox, vm.objectiveProperty().isEqualTo(Technique.LANDMARKS));

        ChoiceBox<String> layer = new ChoiceBox<>(vm.layersProperty());
        layer.setId("layer");
        layer.valueProperty().bindBidirectional(vm.layerProperty());
        layer.setMaxWidth(Double.MAX_VALUE);
        layer.setTooltip(Tooltips.of("The layer to look at, from the first convolution (edges and strokes) to the logits "
                + "(the classes)."));
        Spinner<Integer> channel = intSpinner("channel", vm.channelProperty(), 0, 1023, "Which channel of the layer (a "
                + "neuron, at a dense layer) to excite: conv1 has 32, conv2 64, fc1 256.");
        HBox channelRow = new HBox(8, label("Channel", channel), channel);
        show(channelRow, vm.objectiveProperty().isEqualTo(Technique.CHANNEL));
        Spinner<Integer> heldOut = intSpinner("held-out", vm.heldOutProperty(), 0, 1499, "Which of the held-out test "
                + "pictures to start from (the classifier never trained on them): 1,500 digits, or 10,000 garments for a "
                + "Fashion-MNIST classifier; for the face recogniser, which of the six sample photos (its largest face).");
        Runnable heldOutRange = () -> {
            String m = vm.modelProperty().get();
            if (InversionViewModel.FACE_MODEL.equals(m) || InversionViewModel.dataset(m) == null) return;
            ((SpinnerValueFactory.IntegerSpinnerValueFactory) heldOut.getValueFactory()).setMax(InversionViewModel.heldOutCount(m) - 1);
        };
        heldOutRange.run();
        vm.modelProperty().addListener((o, a, m) -> heldOutRange.run());
        Button open = button("open-picture", "Your picture…", new FontIcon(MaterialDesignF.FOLDER_IMAGE),
                "Start from a picture of your own: for a digit classifier it is made grey, cut to its centre square and "
                        + "scaled to 28×28 (light strokes on dark work best); for the face recogniser its largest face is "
                        + "found and aligned.", this::openPicture);
        Button digitSource = button("use-held-out", "Held-out digit", new FontIcon(MaterialDesignN.NUMERIC),
                "Go back to the held-out digit (or sample photo) chosen on the left.", () -> vm.pictureFileProperty().set(null));
        digitSource.disableProperty().bind(vm.pictureFileProperty().isNull());
        digitSource.textProperty().bind(Bindings.createStringBinding(() -> heldOutWords(vm.modelProperty().get()), vm.modelProperty()));
        ImageView originalView = new ImageView();
        originalView.setId("original");
        originalView.setFitWidth(84);
        originalView.setFitHeight(84);
        originalView.setSmooth(false);
        Tooltip.install(originalView, Tooltips.of("The picture the run starts from, as the classifier sees it."));
        vm.originalProperty().addListener((o, a, p) -> originalView.setImage(p == null ? null : image(p, Math.max(1, 84 / p.width()))));
        Label pictureName = stat("picture-name", Bindings.createStringBinding(() -> vm.pictureFileProperty().get() == null
                ? InversionViewModel.startName(vm.modelProperty().get(), vm.heldOutProperty().get())
                : vm.pictureFileProperty().get().getFileName().toString(),
                vm.pictureFileProperty(), vm.heldOutProperty(), vm.modelProperty()), "Where the starting picture comes from.");
        Label heldOutLabel = label("Held-out digit", heldOut);
        heldOutLabel.textProperty().bind(Bindings.createStringBinding(() -> heldOutWords(vm.modelProperty().get()), vm.modelProperty()));
        VBox pictureBox = new VBox(6, new HBox(8, heldOutLabel, heldOut), new HBox(6, open, digitSource),
                new HBox(8, originalView, pictureName));
        Slider octaves = intSlider("octaves", vm.octavesProperty(), 1, 4, "DeepDream dreams the picture at this many scales, "
                + "smallest first, carrying the detail up: bigger patterns. Only convolutional layers take other sizes.");
        HBox octaveRow = new HBox(8, label("Octaves", octaves), octaves, valueOf(octaves, "%.0f"));
        show(octaveRow, vm.objectiveProperty().isEqualTo(Technique.DREAM));
        show(classTarget, vm.objectiveProperty().isEqualTo(Technique.CLASS).or(vm.objectiveProperty().isEqualTo(Technique.CGMM)));
        show(mixTarget, vm.objectiveProperty().isEqualTo(Technique.CLASS).and(faceAttributes.not()));
        show(pictureBox, Bindings.createBooleanBinding(() -> vm.objectiveProperty().get() != null && vm.objectiveProperty().get().usesPicture(), vm.objectiveProperty()));
        HBox layerRow = new HBox(8, label("Layer", layer), layer);
        HBox.setHgrow(layer, Priority.ALWAYS);
        show(layerRow, Bindings.createBooleanBinding(() -> vm.objectiveProperty().get() != null && vm.objectiveProperty().get().usesLayer(), vm.objectiveProperty()));
        CheckBox fourier = new CheckBox("Fourier parameterisation");
        fourier.setId("fourier");
        fourier.selectedProperty().bindBidirectional(vm.fourierProperty());
        fourier.setTooltip(Tooltips.of("Hold the image as its Fourier spectrum, scaled so low frequencies move first: "
                + "smoother, blobbier pictures (Lucid's trick; decorrelated colour for colour networks)."));
        show(fourier, vm.objectiveProperty().isNotEqualTo(Technique.LANDMARKS)); // a landmark move warps the face: nothing to choose
        CheckBox zoomTurn = new CheckBox("Zoom and turn");
        zoomTurn.setId("scale-rotate");
        zoomTurn.selectedProperty().bindBidirectional(vm.scaleRotateProperty());
        zoomTurn.setTooltip(Tooltips.of("Each step also zooms (±5 %) and turns (±5°) the image at random before the network "
                + "sees it, so the picture must work at slightly different sizes and angles."));

        Slider l2 = slider("l2", vm.l2Property(), 0, 0.2, "%.3f", "L2 decay: pulls every pixel towards the black "
                + "background (weight × Σ(x+1)²). More keeps the picture sparse; too much and the digit fades.");
        Slider tv = slider("tv", vm.tvProperty(), 0, 0.2, "%.3f", "Total variation: penalises differences between "
                + "neighbouring pixels, so strokes come out smooth rather than speckled adversarial noise.");
        Slider jitter = intSlider("jitter", vm.jitterProperty(), 0, 4, "Each step the image is shifted at random by up "
                + "to this many pixels before the network sees it, so the picture must work wherever it sits: steadier strokes.");
        Slider blur = intSlider("blur-every", vm.blurEveryProperty(), 0, 20, "Blur the image with a small Gaussian every "
                + "k steps (0: never). Blurring removes high-frequency noise the classifier would otherwise exploit.");
        Slider lr = slider("learning-rate", vm.learningRateProperty(), 0.005, 0.2, "%.3f", "Adam's step size in pixel "
                + "units (the pixels run from −1 to 1). Larger moves faster but can overshoot into noise.");
        Slider steps = intSlider("steps", vm.stepsProperty(), 10, 1000, "Gradient steps. 200 (the default) gives the "
                + "classifier p ≥ 0.99 for every digit; a digit step takes about 2 ms here, a face step 60–80 ms.");
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) vm.seedProperty().get(), 1);
        seed.setId("seed");
        seed.setEditable(true);
        seed.setMaxWidth(Double.MAX_VALUE);
        seed.getValueFactory().valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b == null ? 0 : b));
        vm.seedProperty().addListener((o, a, b) -> seed.getValueFactory().setValue(b.intValue()));
        seed.setTooltip(Tooltips.of("Seed of the start noise and of the jitter: the same seed and knobs give the same picture."));
        Slider previewEvery = intSlider("preview-every", vm.previewEveryProperty(), 1, 20, "Show the image (and keep a GIF "
                + "frame) every this many steps.");

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        for (Object[] r : new Object[][]{{"L2 decay", l2, "%.4f"}, {"Total variation", tv, "%.4f"}, {"Jitter (px)", jitter, "%.0f"},
                {"Blur every", blur, "%.0f"}, {"Learning rate", lr, "%.3f"}, {"Steps", steps, "%.0f"}, {"Preview every", previewEvery, "%.0f"}}) {
            Slider s = (Slider) r[1];
            GridPane.setHgrow(s, Priority.ALWAYS);
            grid.addRow(row++, label((String) r[0], s), s, valueOf(s, (String) r[2]));
        }
        grid.addRow(row, label("Seed", seed), seed);
        GridPane.setColumnSpan(seed, 2);

        Button reset = button("reset-knobs", "Defaults", new FontIcon(MaterialDesignR.RESTORE),
                "Put every knob back to this objective's defaults (those of its ./studio invert command).", vm::resetKnobs);
        reset.getStyleClass().add(Styles.SMALL);

        GridPane what = new GridPane();
        what.setHgap(8);
        what.setVgap(6);
        what.addRow(0, label("Objective", objective), objective);
        what.addRow(1, label("Classifier", model), model);
        GridPane.setHgrow(objective, Priority.ALWAYS);
        GridPane.setHgrow(model, Priority.ALWAYS);

        Node form = new VBox(8, caption("What to see"), what, caption("Target"), classTarget, cgmmBox, moveBox, layerRow, channelRow, pictureBox,
                octaveRow, new HBox(8, caption("Regularisers"), spacer(), reset), grid, new VBox(6, fourier, zoomTurn));
        for (Node n : List.of(what, classTarget, cgmmBox, moveBox, layerRow, channelRow, pictureBox, octaveRow, grid, reset, fourier, zoomTurn)) {
            n.disableProperty().bind(vm.runningProperty());
        }

        VBox box = new VBox(12, form, messages());
        box.setPadding(new Insets(12));
        return box;
    }

    /** "Held-out digit", "Held-out garment" or "Sample photo". */
    private static String heldOutWords(String model) {
        String noun = InversionViewModel.pictureNoun(model);
        return noun.equals("sample photo") ? "Sample photo" : "Held-out " + noun;
    }

    private Node digitRow(String id, IntegerProperty p, Function<Integer, String> tip) {
        ToggleGroup group = new ToggleGroup();
        HBox row = new HBox(2);
        row.setId(id + "-row");
        ToggleButton[] buttons = new ToggleButton[10];
        for (int d = 0; d < 10; d++) {
            ToggleButton b = new ToggleButton(Integer.toString(d));
            b.setId(id + "-" + d);
            b.setToggleGroup(group);
            b.setTooltip(Tooltips.of(tip.apply(d)));
            b.setMinWidth(26);
            b.setPrefWidth(28);
            b.setPadding(new Insets(3, 0, 3, 0));
            b.setUserData(d);
            buttons[d] = b;
            row.getChildren().add(b);
        }
        buttons[p.get()].setSelected(true);
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) a.setSelected(true); // one digit is always chosen
            else p.set((Integer) t.getUserData());
        });
        p.addListener((o, a, d) -> buttons[d.intValue()].setSelected(true));
        return row;
    }

    private Node controls() {
        Button start = button("start", "Start", new FontIcon(MaterialDesignP.PLAY),
                "Run the inversion with these settings; the picture evolves on the right and lands in the gallery.", vm::start);
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.canStartProperty().not());
        Shortcut.INVERSION_START.attach(start);
        Button cancel = button("cancel", "Cancel", new FontIcon(MaterialDesignS.STOP),
                "Stop the inversion after the current step (a few milliseconds); nothing goes to the gallery.", vm::cancel);
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.disableProperty().bind(vm.runningProperty().not());
        Shortcut.INVERSION_CANCEL.attach(cancel);
        return new HBox(8, start, cancel);
    }

    private Node progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("inversion-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.setTooltip(Tooltips.of("Share of the steps done."));
        Label figures = stat("inversion-metrics", Bindings.createStringBinding(() -> describe(vm.metricsProperty().get()),
                vm.metricsProperty()), "The last step's terms: the objective (weighted logit, climbed), the L2 and TV "
                + "penalties, and the loss = −objective + penalties.");
        figures.setWrapText(true);
        Label p = stat("verdict", vm.verdictProperty(), "How the finished picture did: the classifier's probability of "
                + "the target (class visualisation), the SSIM between a picture and its reconstruction (1 = identical), or "
                + "the activation reached (channel, dream).");
        p.getStyleClass().add(Styles.TITLE_4);
        return new VBox(6, bar, figures, p);
    }

    private static String describe(Map<String, Double> m) {
        if (m == null || m.isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (!b.isEmpty()) b.append(" · ");
            b.append(e.getKey()).append(' ').append(LossChartRenderer.value(e.getValue()));
        }
        return b.toString();
    }

    private Node messages() {
        Label status = stat("inversion-status", vm.statusTextProperty(), "What the Inversion Lab is doing.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label error = stat("inversion-error", vm.errorProperty(), "What went wrong.");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        showAndReveal(error, vm.errorProperty().isNotEmpty());
        return new VBox(6, status, error);
    }

    // ---- right: the picture, the curves, the gallery -------------------------------------------

    private Node canvasColumn() {
        PictureRenderer renderer = new PictureRenderer("Press Start to watch the picture emerge.");
        LandmarkOverlay overlay = new LandmarkOverlay(vm);
        CanvasPane picture = new CanvasPane("inversion-canvas", (gc, w, h) -> {
            renderer.draw(gc, w, h);
            overlay.draw(gc, w, h);
        });
        Tooltip.install(picture.canvas(), Tooltips.of("The image being optimised, shown every few steps, then the result. "
                + "Pixels run from black (−1) to white (1). For the landmark net, the face's 68 landmarks: drag one to move it."));
        // the landmark net's start face takes the canvas until a run draws on it, for its dots to be dragged
        Runnable shown = () -> {
            Picture p = vm.previewProperty().get() != null ? vm.previewProperty().get() : overlay.active() ? vm.originalProperty().get() : null;
            renderer.setPicture(p == null ? null : p.argb(), p == null ? 0 : p.width(), p == null ? 0 : p.height());
            overlay.picture(p);
            picture.redraw();
        };
        for (ObservableValue<?> v : List.of(vm.previewProperty(), vm.originalProperty(), vm.objectiveProperty(), vm.modelProperty(),
                vm.landmarksProperty())) {
            v.addListener(o -> shown.run());
        }
        for (ObservableValue<?> v : List.of(vm.dragPointProperty(), vm.dragDxProperty(), vm.dragDyProperty(), vm.dragMirroredProperty(),
                vm.dragGroupProperty(), vm.moveProperty(), vm.resultLandmarksProperty())) {
            v.addListener(o -> picture.redraw());
        }
        overlay.attach(picture.canvas());

        LossChartRenderer chartRenderer = new LossChartRenderer("step", "The loss terms are charted as the steps run.",
                "objective", "L2 + TV");
        CanvasPane chart = new CanvasPane("inversion-chart", (gc, w, h) -> chartRenderer.draw(gc, w, h, vm.lossesProperty()));
        Tooltip.install(chart.canvas(), Tooltips.of("Orange: the objective (the target's weighted logit), which the "
                + "ascent climbs. Blue: the regularisers' penalty L2 + TV, which keeps the picture smooth and sparse."));
        vm.lossesProperty().addListener((ListChangeListener<LossPoint>) c -> chart.redraw());
        chart.setPrefHeight(170);
        chart.setMinHeight(120);

        HBox top = new HBox(10, picture, chart);
        picture.setPrefWidth(300);
        picture.setMinWidth(120); // in a narrow window both give way, so the chart keeps room to draw
        chart.setMinWidth(150);
        HBox.setHgrow(picture, Priority.ALWAYS);
        HBox.setHgrow(chart, Priority.ALWAYS);
        chart.setPrefWidth(360);
        VBox.setVgrow(top, Priority.ALWAYS);

        VBox box = new VBox(10, caption("Picture and loss terms"), top, caption("Gallery"), gallery(), galleryButtons(),
                selectedInfo());
        box.setPadding(new Insets(12));
        return box;
    }

    private Node gallery() {
        ListView<Result> list = new ListView<>(vm.galleryProperty());
        list.setId("gallery");
        list.setOrientation(Orientation.HORIZONTAL);
        list.setPrefHeight(160);
        list.setMinHeight(160);
        Label placeholder = new Label("Finished pictures gather here for side-by-side comparison.");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        list.setMinWidth(0);
        list.setTooltip(Tooltips.of("Every finished result with its settings and how it did, side by side; select one "
                + "to see it again or export it."));
        list.setCellFactory(v -> new ListCell<>() {
            private final ImageView view = new ImageView();

            {
                view.setFitWidth(84); // a digit at 3×, a 150×150 face shrunk to the same size
                view.setFitHeight(84);
                view.setPreserveRatio(true);
            }

            @Override
            protected void updateItem(Result r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                view.setImage(image(r.picture(), Math.max(1, 84 / r.picture().width())));
                setGraphic(view);
                setContentDisplay(ContentDisplay.TOP);
                setText("#" + r.number() + " " + r.settings().target() + "\n" + r.verdict());
                setAlignment(Pos.CENTER);
                setTooltip(Tooltips.of(r.settings().describe()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) vm.selectedProperty().set(r);
        });
        vm.selectedProperty().addListener((o, a, r) -> {
            if (r != null && list.getSelectionModel().getSelectedItem() != r) {
                list.getSelectionModel().select(r);
                list.scrollTo(r);
            }
        });
        return list;
    }

    private Node galleryButtons() {
        Button png = button("export-png", "PNG", new FontIcon(MaterialDesignF.FILE_IMAGE),
                "Save the selected picture as a PNG (each pixel an 8×8 block).", () -> save("png"));
        Button gif = button("export-gif", "GIF", new FontIcon(MaterialDesignG.GIF),
                "Save the selected result's optimisation, from the first preview to the result, as a looping GIF.", () -> save("gif"));
        Button remove = button("remove-result", "Remove", new FontIcon(MaterialDesignD.DELETE_OUTLINE),
                "Drop the selected result from the gallery.", vm::removeSelected);
        for (Button b : List.of(png, gif, remove)) {
            b.getStyleClass().add(Styles.SMALL);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }
        Shortcut.INVERSION_EXPORT.attach(png);
        return new HBox(6, png, gif, remove);
    }

    private void save(String ext) {
        Result r = vm.selectedProperty().get();
        if (r == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle(ext.equals("png") ? "Save the picture" : "Save the optimisation as a GIF");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        chooser.setInitialFileName("inversion-" + r.number() + "-" + r.settings().target().replaceAll("[^0-9a-z.]+", "_") + "." + ext);
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f == null) return;
        if (ext.equals("png")) vm.exportPng(f.toPath());
        else vm.exportGif(f.toPath());
    }

    private Node selectedInfo() {
        Label info = stat("selected-result", Bindings.createStringBinding(() -> {
            Result r = vm.selectedProperty().get();
            return r == null ? "" : "#" + r.number() + ": " + r.settings().describe()
                    + " · " + r.verdict() + topClass(r);
        }, vm.selectedProperty()), "The selected result's settings, how it did, and what the classifier makes of it.");
        info.getStyleClass().add(Styles.TEXT_MUTED);
        info.setWrapText(true);
        return info;
    }

    /** What the classifier makes of the picture. */
    private static String topClass(Result r) {
        if (r.probabilities().length == 0) return ""; // the face recogniser has no classes
        int best = r.topClass();
        return String.format(Locale.ROOT, " · the classifier sees %s (%.3f)",
                InversionViewModel.classLabel(r.settings().model(), best), r.probabilities()[best]);
    }

    static WritableImage image(Picture p, int scale) {
        WritableImage img = new WritableImage(p.width() * scale, p.height() * scale);
        int[] row = new int[p.width() * scale];
        for (int y = 0; y < p.height() * scale; y++) {
            for (int x = 0; x < row.length; x++) row[x] = p.argb()[(y / scale) * p.width() + x / scale];
            img.getPixelWriter().setPixels(0, y, row.length, 1, PixelFormat.getIntArgbInstance(), row, 0, row.length);
        }
        return img;
    }

    // ---- small helpers -------------------------------------------------------------------------

    private Slider slider(String id, DoubleProperty p, double min, double max, String format, String tip) {
        Slider s = new Slider(min, max, p.get());
        s.setId(id);
        // a drag lands on round values (0.125, not 0.127)
        s.setMajorTickUnit(max - min > 0.5 ? 0.05 : 0.005);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.valueProperty().bindBidirectional(p);
        s.setTooltip(Tooltips.of(tip));
        s.setMinWidth(90);
        return s;
    }

    private Slider intSlider(String id, IntegerProperty p, int min, int max, String tip) {
        Slider s = new Slider(min, max, p.get());
        s.setId(id);
        s.setMajorTickUnit(1);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.valueProperty().addListener((o, a, v) -> p.set((int) Math.round(v.doubleValue())));
        p.addListener((o, a, v) -> {
            if ((int) Math.round(s.getValue()) != v.intValue()) s.setValue(v.intValue());
        });
        s.setTooltip(Tooltips.of(tip));
        s.setMinWidth(90);
        return s;
    }

    private Spinner<Integer> intSpinner(String id, IntegerProperty p, int min, int max, String tip) {
        Spinner<Integer> sp = new Spinner<>(min, max, p.get(), 1);
        sp.setId(id);
        sp.setEditable(true);
        sp.setPrefWidth(100);
        sp.getValueFactory().valueProperty().addListener((o, a, b) -> p.set(b == null ? min : b));
        p.addListener((o, a, b) -> sp.getValueFactory().setValue(b.intValue()));
        sp.setTooltip(Tooltips.of(tip));
        return sp;
    }

    private void openPicture() {
        FileChooser c = new FileChooser();
        c.setTitle("A picture to start from");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) vm.pictureFileProperty().set(f.toPath());
    }

    private static Label valueOf(Slider s, String format) {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, format, s.getValue()), s.valueProperty()));
        l.setMinWidth(54);
        l.setTooltip(s.getTooltip());
        return l;
    }
}
