package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Tooltips;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

/** Latent Lab's window content: layout and bindings to {@link LatentLabViewModel}; drawing is the renderer's. */
public final class LatentLabView extends BorderPane {
    private final LatentLabViewModel vm;
    private final Canvas canvas = new Canvas();
    private final GridRenderer renderer = new GridRenderer(LatentLabViewModel.COLUMNS);

    /** Latent Lab on a generator (a name under models/ or a folder), starting at seed 0; loading runs in the background. */
    public static LatentLabView open(JobRunner jobs, String generator) {
        LatentLabViewModel vm = new LatentLabViewModel(jobs, 0);
        LatentLabView view = new LatentLabView(vm);
        vm.load(generator);
        return view;
    }

    public LatentLabView(LatentLabViewModel vm) {
        this.vm = vm;
        getStyleClass().add("latent-lab");
        setTop(header());
        setCenter(gridArea());
        vm.tilesProperty().addListener((o, a, t) -> {
            renderer.setTiles(t);
            redraw();
        });
        vm.pickedProperty().addListener((o, a, b) -> redraw());
        renderer.setTiles(vm.tilesProperty().get());
    }

    private HBox header() {
        Label title = new Label("Latent Lab");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setTooltip(Tooltips.of("Walk the latent space of a generator: every tile is the picture of one point z."));

        Label model = new Label();
        model.setId("generator-info");
        model.getStyleClass().add(Styles.TEXT_MUTED);
        model.textProperty().bind(vm.generatorInfoProperty());
        model.setTooltip(Tooltips.of("The generator drawing the grid: its name, image size and the quality measured "
                + "by `./studio evaluate` (inception score against the digit classifier, share of confidently "
                + "classified samples)."));

        Label picked = new Label();
        picked.setId("picked-info");
        picked.textProperty().bind(Bindings.when(vm.pickedInfoProperty().isEmpty().and(vm.readyProperty()))
                .then("Click a sample to pick it").otherwise(vm.pickedInfoProperty()));
        vm.pickedInfoProperty().addListener((o, a, b) -> {
            picked.getStyleClass().remove(Styles.TEXT_MUTED);
            if (b.isEmpty()) picked.getStyleClass().add(Styles.TEXT_MUTED);
        });
        picked.getStyleClass().add(Styles.TEXT_MUTED);
        picked.setTooltip(Tooltips.of("The sample you picked and its latent seed; CLI commands accept it as seed:N."));

        Label seed = new Label();
        seed.setId("seed-info");
        seed.getStyleClass().add(Styles.TEXT_MUTED);
        seed.textProperty().bind(Bindings.createStringBinding(() -> vm.readyProperty().get()
                ? "seeds " + vm.getSeed() + "–" + (vm.getSeed() + LatentLabViewModel.COUNT - 1) : "",
                vm.seedProperty(), vm.readyProperty()));
        Tooltip seedTip = Tooltips.of("");
        seedTip.textProperty().bind(Bindings.createStringBinding(() -> "Sample i of this grid has the latent seed "
                + vm.getSeed() + " + i. The same grid from the command line: ./studio sample --seed " + vm.getSeed(),
                vm.seedProperty()));
        seed.setTooltip(seedTip);

        Button shuffle = new Button("Shuffle", new FontIcon(MaterialDesignD.DICE_MULTIPLE));
        shuffle.setId("shuffle");
        shuffle.getStyleClass().add(Styles.ACCENT);
        shuffle.setDefaultButton(true);
        shuffle.setTooltip(Tooltips.of("Draw the next " + LatentLabViewModel.COUNT + " latent vectors and render them (Enter)."));
        shuffle.disableProperty().bind(vm.readyProperty().not());
        shuffle.setOnAction(e -> vm.shuffle());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox names = new VBox(2, title, model);
        HBox bar = new HBox(16, names, spacer, picked, seed, shuffle);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(14, 18, 10, 18));
        return bar;
    }

    private StackPane gridArea() {
        canvas.setId("latent-grid");
        Pane host = new Pane(canvas);
        host.setMinSize(0, 0);
        canvas.widthProperty().bind(host.widthProperty());
        canvas.heightProperty().bind(host.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        canvas.setOnMouseClicked(e -> {
            int i = renderer.indexAt(e.getX(), e.getY(), canvas.getWidth(), canvas.getHeight());
            if (i >= 0) vm.pick(i);
        });
        Tooltip.install(canvas, Tooltips.of("Click a sample to pick it; its seed appears above."));

        Label message = new Label();
        message.setId("grid-message");
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        message.setTooltip(Tooltips.of("Why the grid is empty"));
        message.textProperty().bind(Bindings.when(vm.errorProperty().isNotEmpty())
                .then(vm.errorProperty()).otherwise(vm.statusProperty()));
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        FontIcon alert = new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE);
        alert.setIconSize(28);
        message.graphicProperty().bind(Bindings.when(vm.errorProperty().isNotEmpty()).then(alert).otherwise((FontIcon) null));
        message.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        vm.errorProperty().addListener((o, a, b) -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (!b.isEmpty()) message.getStyleClass().add(Styles.DANGER);
        });

        StackPane area = new StackPane(host, message);
        area.getStyleClass().add("grid-area");
        area.setPadding(new Insets(0, 12, 12, 12));
        return area;
    }

    private void redraw() {
        renderer.draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), vm.getPicked());
    }

    /** The canvas the grid is drawn on. */
    public Canvas canvas() {
        return canvas;
    }
}
