package dev.latentstudio.app.faceedit;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Tooltips;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.io.File;
import java.util.Locale;

/**
 * The face-edit column: the face's neighbourhood as the edit goes, a slider per expression, age and gender (each
 * starts where the networks read the face; letting go edits from the current picture), the weights of identity,
 * appearance and background, and what the networks read before → after. Shown once a face is opened.
 */
public final class FaceEditPanel extends VBox {
    private static final double SIDE = 300;
    private final FaceEditViewModel vm;

    public FaceEditPanel(FaceEditViewModel vm, String idPrefix) {
        super(8);
        this.vm = vm;
        setId(idPrefix + "-face-edit-panel");
        setPadding(new Insets(12, 12, 12, 4));
        setPrefWidth(SIDE + 16);

        PictureRenderer renderer = new PictureRenderer("Open a face to edit it.");
        CanvasPane picture = new CanvasPane(idPrefix + "-face-edit-canvas", renderer::draw);
        picture.setPrefSize(SIDE, SIDE);
        picture.setMinSize(150, 150);
        picture.setMaxSize(SIDE, SIDE);
        vm.previewProperty().addListener((o, a, p) -> {
            paint(renderer, p);
            picture.redraw();
        });

        GridPane sliders = new GridPane();
        sliders.setHgap(6);
        sliders.setVgap(2);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        sliders.getColumnConstraints().addAll(new ColumnConstraints(), grow, new ColumnConstraints(44));
        int row = 0;
        for (int k = 0; k < FaceEditViewModel.EXPRESSIONS.size(); k++) {
            String name = FaceEditViewModel.EXPRESSIONS.get(k);
            addRow(sliders, row++, idPrefix + "-face-edit-" + name, name, 0, 1, vm.expressionProperty(k), vm.expressionSetProperty(k),
                    true, "%.2f", "How sure the expression net should be that the face is " + name + " (0 to 1). It starts at what the "
                            + "net reads now; let go to edit.");
        }
        Slider age = addRow(sliders, row++, idPrefix + "-face-edit-age", "age", -FaceEditViewModel.AGE_RANGE, FaceEditViewModel.AGE_RANGE,
                vm.ageProperty(), null, true, "%+.0f y", "Years older (right) or younger (left) than the age net reads now; 0 leaves the age.");
        age.setMajorTickUnit(20);
        addRow(sliders, row, idPrefix + "-face-edit-gender", "male", 0, 1, vm.pMaleProperty(), vm.genderSetProperty(), true, "%.2f",
                "How sure the gender net should be that the face is male (0: female, 1: male). It starts at what the net reads now.");

        GridPane weights = new GridPane();
        weights.setHgap(6);
        weights.getColumnConstraints().addAll(new ColumnConstraints(), grow, new ColumnConstraints(44));
        addRow(weights, 0, idPrefix + "-face-edit-w-identity", "identity", 0, 10, vm.identityWeightProperty(), null, false, "%.1f",
                "How much the face recogniser must still see the same person (its descriptor's distance to the original).");
        addRow(weights, 1, idPrefix + "-face-edit-w-appearance", "appearance", 0, 5, vm.appearanceWeightProperty(), null, false, "%.1f",
                "How closely the recogniser's first layers must still see the original (textures and edges).");
        addRow(weights, 2, idPrefix + "-face-edit-w-outside", "background", 0, 100, vm.outsideWeightProperty(), null, false, "%.0f",
                "How firmly the pixels outside the face stay as they were.");
        TitledPane weightPane = new TitledPane("Weights", weights);
        weightPane.setExpanded(false);
        weightPane.setTooltip(Tooltips.of("How much each of the edit's other terms counts against the sliders."));

        ProgressBar bar = new ProgressBar();
        bar.setId(idPrefix + "-face-edit-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.setTooltip(Tooltips.of("Share of the edit's steps done."));
        show(bar, vm.runningProperty());
        Label status = stat(idPrefix + "-face-edit-status", vm.statusProperty(), "What the edit is doing.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label reading = stat(idPrefix + "-face-edit-reading", vm.readingProperty(), "What the networks read on the face, "
                + "before → after, and how far the recogniser's descriptor moved (below 0.6: the same person).");
        reading.setWrapText(true);
        Label error = stat(idPrefix + "-face-edit-error", vm.errorProperty(), "What went wrong, and what to do instead.");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        showAndReveal(error, vm.errorProperty().isNotEmpty());

        Button cancel = button(idPrefix + "-face-edit-cancel", "Cancel", new FontIcon(MaterialDesignS.STOP),
                "Stop the edit after the current step.", vm::cancel);
        cancel.disableProperty().bind(vm.runningProperty().not());
        Button reset = button(idPrefix + "-face-edit-reset", "Reset", new FontIcon(MaterialDesignR.RESTORE),
                "Back to the original face and the networks' readings.", vm::reset);
        reset.disableProperty().bind(vm.readyProperty().not());
        Button save = button(idPrefix + "-face-edit-save", "Save…", new FontIcon(MaterialDesignC.CONTENT_SAVE),
                "Save the whole photo with the edited face pasted back, as PNG.", this::save);
        save.disableProperty().bind(vm.resultProperty().isNull());

        VBox controls = new VBox(8, sliders, weightPane);
        controls.disableProperty().bind(vm.readyProperty().not());
        getChildren().addAll(caption("Edit face"), picture, controls, bar, status, reading, error, new HBox(8, cancel, reset, save));
        show(this, vm.readyProperty().or(vm.runningProperty()).or(vm.errorProperty().isNotEmpty()));
    }

    /**
     * One labelled slider, its value beside it ("· " while not set); letting go of an attribute slider (mouse or key)
     * edits from the current picture, a weight counts from the next edit.
     */
    private Slider addRow(GridPane grid, int row, String id, String name, double min, double max, DoubleProperty value,
                          BooleanProperty set, boolean edits, String format, String tip) {
        Slider s = new Slider(min, max, value.get());
        s.setId(id);
        s.valueProperty().bindBidirectional(value);
        s.setTooltip(Tooltips.of(tip));
        Label label = new Label(name);
        label.setLabelFor(s);
        Label shown = new Label();
        shown.textProperty().bind(set == null ? Bindings.createStringBinding(() -> String.format(Locale.ROOT, format, value.get()), value)
                : Bindings.createStringBinding(() -> (set.get() ? "" : "· ") + String.format(Locale.ROOT, format, value.get()), value, set));
        if (edits) {
            s.setOnMouseReleased(e -> vm.apply());
            s.setOnKeyReleased(e -> vm.apply());
        }
        grid.addRow(row, label, s, shown);
        return s;
    }

    public static void paint(PictureRenderer r, Picture p) {
        if (p == null) r.setPicture(null, 0, 0);
        else r.setPicture(p.argb(), p.width(), p.height());
    }

    private void save() {
        FileChooser c = new FileChooser();
        c.setTitle("Save the edited photo");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        c.setInitialFileName("edited.png");
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) vm.save(f.toPath());
    }
}
