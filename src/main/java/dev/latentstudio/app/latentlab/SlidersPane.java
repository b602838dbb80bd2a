package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.Controls;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.engine.gan.GeneratorModel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;
import java.util.Locale;

/** The Sliders tab: the edited sample, its class (conditional models), one slider per direction, fit, export. */
final class SlidersPane extends BorderPane {
    private final PictureRenderer renderer = new PictureRenderer("");
    private final SlidersViewModel vm;
    private final VBox rows = new VBox(4);
    private final HBox classStrip = new HBox(2);
    private final VBox classBox;

    SlidersPane(LatentLabViewModel lab) {
        vm = lab.sliders();
        CanvasPane frame = new CanvasPane("sliders-canvas", renderer::draw);
        vm.frameProperty().addListener((o, a, f) -> {
            renderer.setPicture(f.argb(), f.width(), f.height());
            frame.redraw();
        });
        Tooltips.install(frame.canvas(), "The sample as the sliders set it; it follows every drag live.");

        Label status = new Label();
        status.setMinWidth(0);
        status.setId("sliders-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Button fit = new Button("Fit", new FontIcon(MaterialDesignT.TUNE_VERTICAL));
        fit.setId("sliders-fit");
        fit.getStyleClass().add(Styles.SMALL);
        fit.disableProperty().bind(vm.fittingProperty().or(lab.generatorProperty().isNull()));
        fit.setTooltip(Tooltips.of("Find this generator's directions: one per measured attribute (InterFaceGAN: a linear boundary between "
                + "the top and bottom 30 % of 10,000 samples, the other attributes projected out) and ten principal directions of its "
                + "first hidden layer (GANSpace). Saved beside the model as directions.json, as `./studio directions fit` does."));
        fit.setOnAction(e -> vm.fit());
        fit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox statusRow = new HBox(8, status, Controls.spacer(), fit);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        // conditional models: the sample in every class (a click picks the class) and the way there
        ChoiceBox<Integer> target = new ChoiceBox<>();
        target.setId("sliders-class");
        target.setTooltip(Tooltips.of("Draw the same z as another class: the same hand-writing as a 3, a 5, an 8."));
        Slider mix = new Slider(0, 1, 1);
        mix.setId("sliders-class-mix");
        mix.valueProperty().bindBidirectional(vm.classMixProperty());
        restartCounterOnDrag(mix);
        mix.setTooltip(Tooltips.of("How far the class embedding moves from the sample's own class (left) to the chosen one (right)."));
        HBox.setHgrow(mix, Priority.ALWAYS);
        target.valueProperty().addListener((o, a, v) -> vm.targetClassProperty().set(v == null ? -1 : v));
        vm.targetClassProperty().addListener((o, a, v) -> target.setValue(v.intValue() < 0 ? null : v.intValue()));
        Label classLabel = new Label("Class");
        classLabel.setMinWidth(70);
        HBox classRow = new HBox(8, classLabel, target, mix);
        classRow.setAlignment(Pos.CENTER_LEFT);
        classStrip.setId("sliders-class-row");
        classBox = new VBox(4, classRow, classStrip);
        vm.classRowProperty().addListener((o, a, t) -> showClassRow(t));
        classBox.managedProperty().bind(classBox.visibleProperty());
        classBox.setVisible(false);
        lab.generatorProperty().addListener((o, a, g) -> fillClasses(target, g));
        fillClasses(target, lab.generatorProperty().get());

        vm.slidersProperty().addListener((ListChangeListener<SlidersViewModel.Slider>) c -> rebuild(lab));
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(220);
        scroll.setId("sliders-list");

        Button reset = new Button("Reset", new FontIcon(MaterialDesignR.RESTORE));
        reset.setId("sliders-reset");
        reset.setTooltip(Tooltips.of("Every slider back to 0 and the sample's own class."));
        reset.setOnAction(e -> vm.reset());
        Button toPicks = new Button("→ picks", new FontIcon(MaterialDesignP.PLUS_BOX_MULTIPLE_OUTLINE));
        toPicks.setId("sliders-to-picks");
        toPicks.setTooltip(Tooltips.of("Add the edited sample to your picks, so Morph, Dance and Arithmetic can use it."));
        toPicks.setOnAction(e -> vm.toPicks());
        Button save = ToolControls.saveButton(lab, "Save", MaterialDesignF.FILE_DOWNLOAD_OUTLINE, "sliders-save",
                "Save the edited vector as a latent file named by its settings (the CLI reads it as FILE.json).",
                "edit.json", "Latent vectors (JSON)", vm::save);
        Button png = ToolControls.saveButton(lab, "PNG", MaterialDesignF.FILE_IMAGE_OUTLINE, "sliders-png",
                "Save the picture now shown as a PNG (8× enlarged).", "slider-edit.png", "PNG image",
                p -> lab.exportFrame(vm.frameProperty().get(), p, 8));
        Label fps = new Label();
        fps.setId("sliders-fps");
        fps.getStyleClass().add(Styles.TEXT_MUTED);
        fps.textProperty().bind(vm.fpsProperty());
        fps.setTooltip(Tooltips.of("Frames put on screen per second while the sliders move, and the median and 99th-percentile time between them."));
        fps.setMinWidth(0);
        for (Button b : new Button[]{reset, toPicks, save, png}) b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox actions = new HBox(8, Controls.spacer(), reset, toPicks, save, png);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox controls = new VBox(8,
                ToolControls.slot(lab, "S", "sliders-base", vm.baseProperty(),
                        "The sample to edit ← the average of your picks (picking a sample also makes it the one to edit)."),
                statusRow, classBox, scroll, fps, actions);
        controls.setPadding(new Insets(10, 0, 0, 0));
        setCenter(frame);
        setBottom(controls);
        setPadding(new Insets(10));
        rebuild(lab);
    }

    private void fillClasses(ChoiceBox<Integer> target, GeneratorModel g) {
        List<String> names = g == null ? List.of() : g.classNames();
        target.getItems().setAll(java.util.stream.IntStream.range(0, names.size()).boxed().toList());
        target.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer c) {
                return c == null || c < 0 || c >= names.size() ? "its own" : names.get(c);
            }

            @Override
            public Integer fromString(String s) {
                return names.indexOf(s);
            }
        });
        classBox.setVisible(!names.isEmpty());
    }

    private void showClassRow(LatentLabViewModel.Tiles t) {
        classStrip.getChildren().clear();
        if (t == null) return;
        for (int c = 0; c < t.argb().size(); c++) {
            int[] px = t.argb().get(c);
            WritableImage img = new WritableImage(t.width(), t.height());
            for (int y = 0; y < t.height(); y++) for (int x = 0; x < t.width(); x++) img.getPixelWriter().setArgb(x, y, px[y * t.width() + x]);
            ImageView v = new ImageView(img);
            v.setFitWidth(34); // ten of them fit beside the sliders at the window's default size
            v.setPreserveRatio(true);
            v.setId("sliders-class-" + c);
            int cls = c;
            v.setOnMouseClicked(e -> {
                vm.classMixProperty().set(1);
                vm.targetClassProperty().set(cls);
            });
            Tooltips.install(v, "This sample's z drawn as class " + c + ": click to edit it as that class.");
            classStrip.getChildren().add(v);
        }
    }

    /** The frame counter measures each drag from its start, not the idle time before it. */
    private void restartCounterOnDrag(Slider slider) {
        slider.valueChangingProperty().addListener((o, was, now) -> {
            if (now) vm.stats().restart();
        });
    }

    private void rebuild(LatentLabViewModel lab) {
        rows.getChildren().clear();
        for (SlidersViewModel.Slider s : vm.slidersProperty()) {
            Label name = new Label(s.label());
            name.setMinWidth(60);
            name.setPrefWidth(130);
            Slider slider = new Slider(-2, 2, s.value().get());
            slider.setMinWidth(60);
            slider.setPrefWidth(120);
            slider.setId("slider-" + s.name());
            slider.minProperty().bind(s.range().negate());
            slider.maxProperty().bind(s.range());
            slider.valueProperty().bindBidirectional(s.value());
            restartCounterOnDrag(slider);
            slider.setTooltip(Tooltips.of("Move the sample along '" + s.label() + "' (in σ of z; 0 is the sample itself)."));
            HBox.setHgrow(slider, Priority.ALWAYS);
            Label value = new Label();
            value.setMinWidth(44);
            value.getStyleClass().add(Styles.TEXT_MUTED);
            value.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%+.2f", s.value().get()), s.value()));
            ChoiceBox<Double> range = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(1.0, 2.0, 3.0, 5.0));
            range.setId("slider-range-" + s.name());
            range.setValue(s.range().get());
            range.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(Double d) {
                    return d == null ? "" : String.format(Locale.ROOT, "±%.0f", d);
                }

                @Override
                public Double fromString(String t) {
                    return Double.valueOf(t.replace("±", ""));
                }
            });
            range.valueProperty().addListener((o, a, v) -> s.range().set(v));
            range.setTooltip(Tooltips.of("The slider's range, in σ either way."));
            Button gif = ToolControls.saveButton(lab, null, MaterialDesignG.GIF, "slider-gif-" + s.name(),
                    "Save this slider swept over its range and back as a looping GIF.", s.name() + "-sweep.gif", "Animated GIF",
                    p -> vm.exportSweep(s, p, 24, 6));
            gif.getStyleClass().add(Styles.SMALL);
            HBox row = new HBox(6, name, slider, value, range, gif);
            row.setAlignment(Pos.CENTER_LEFT);
            rows.getChildren().add(row);
        }
    }
}
