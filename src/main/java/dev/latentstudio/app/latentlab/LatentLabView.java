package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Controls;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.Tooltips;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.StudioPaths;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
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
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * Latent Lab's window content: the sample grid and the picks on the left, the tools (morph, dance,
 * arithmetic, map) on the right. Layout and bindings to {@link LatentLabViewModel}; drawing is the renderers'.
 */
public final class LatentLabView extends BorderPane {
    private final LatentLabViewModel vm;
    private final Canvas canvas = new Canvas();
    private final GridRenderer renderer = new GridRenderer(LatentLabViewModel.COLUMNS);
    private HBox gridFooter;

    /** The view model on a generator, loading in the background, with the list of generators to switch to. */
    public static LatentLabViewModel openModel(JobRunner jobs, String generator) {
        LatentLabViewModel vm = new LatentLabViewModel(jobs, 0);
        vm.refreshGenerators();
        vm.load(generator);
        return vm;
    }

    public LatentLabView(LatentLabViewModel vm) {
        this.vm = vm;
        getStyleClass().add("latent-lab");
        setTop(header());
        BorderPane left = new BorderPane(gridArea());
        left.setBottom(picksTray());
        TabPane tools = new TabPane(
                tab("Morph", MaterialDesignS.SWAP_HORIZONTAL, new MorphPane(vm), "Morph one sample into another."),
                tab("Dance", MaterialDesignS.SYNC, new DancePane(vm), "A closed loop over a sphere in z-space: the dancing image."),
                tab("Arithmetic", MaterialDesignC.CALCULATOR_VARIANT_OUTLINE, new ArithPane(vm), "A − B + C on latent vectors."),
                tab("Map", MaterialDesignM.MAP_MARKER_RADIUS_OUTLINE, new MapPane(vm), "A 2-D map of z-space; drag a point to move its vector."),
                tab("Sliders", MaterialDesignT.TUNE_VERTICAL, new SlidersPane(vm), "Move one sample along attribute and discovered directions, or into another class."));
        tools.setId("latent-tools");
        tools.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        iconsWhenNarrow(tools);
        // the two sides may be narrower than their content: each scrolls then instead of pushing the window wider
        left.setMinWidth(0);
        tools.setMinWidth(0);
        SplitPane split = new SplitPane(left, tools);
        split.setDividerPositions(0.5);
        setCenter(split);
        vm.tilesProperty().addListener((o, a, t) -> {
            renderer.setTiles(t);
            redraw();
        });
        vm.pickedProperty().addListener((o, a, b) -> redraw());
        vm.picksProperty().addListener((ListChangeListener<LatentLabViewModel.Pick>) c -> redraw());
        renderer.setTiles(vm.tilesProperty().get());
        // one timer drives both animations; it runs only while one of them plays
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.morph().tick(now);
                vm.dance().tick(now);
            }
        };
        javafx.beans.value.ChangeListener<Boolean> playing = (o, a, b) -> {
            if (vm.morph().playingProperty().get() || vm.dance().playingProperty().get()) timer.start();
            else timer.stop();
        };
        vm.morph().playingProperty().addListener(playing);
        vm.dance().playingProperty().addListener(playing);
        // an animation nobody sees only costs the cores a training run could use
        tools.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> stopAnimations());
        sceneProperty().addListener((o, a, s) -> {
            if (s == null) stopAnimations();
        });
    }

    private void stopAnimations() {
        vm.morph().playingProperty().set(false);
        vm.dance().playingProperty().set(false);
    }

    /** Below this width the tool tabs show their icons alone (their names stay in the tooltips). */
    private static final double NAMED_TABS_WIDTH = 500;

    private static void iconsWhenNarrow(TabPane tools) {
        java.util.Map<Tab, String> names = new java.util.HashMap<>();
        for (Tab t : tools.getTabs()) names.put(t, t.getText());
        tools.widthProperty().addListener((o, a, w) -> {
            boolean named = w.doubleValue() >= NAMED_TABS_WIDTH;
            for (Tab t : tools.getTabs()) t.setText(named ? names.get(t) : null);
        });
    }

    private static Tab tab(String name, org.kordamp.ikonli.Ikon icon, javafx.scene.Node content, String tip) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        Tab t = new Tab(name, scroll);
        t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT));
        t.setGraphic(new FontIcon(icon));
        t.setTooltip(Tooltips.of(tip));
        return t;
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
        seedTip.textProperty().bind(Bindings.createStringBinding(() -> "Row by row from the top left, the samples have the latent seeds "
                + vm.getSeed() + ", " + (vm.getSeed() + 1) + ", … " + (vm.getSeed() + LatentLabViewModel.COUNT - 1) + ". The same grid from the command line: ./studio sample --seed " + vm.getSeed(),
                vm.seedProperty()));
        seed.setTooltip(seedTip);

        Button shuffle = new Button("Shuffle", new FontIcon(MaterialDesignD.DICE_MULTIPLE));
        shuffle.setId("shuffle");
        shuffle.getStyleClass().add(Styles.ACCENT);
        shuffle.setTooltip(Tooltips.of("Draw the next " + LatentLabViewModel.COUNT + " latent vectors and render them."));
        Shortcut.SHUFFLE.attach(shuffle);
        shuffle.disableProperty().bind(vm.readyProperty().not());
        shuffle.setOnAction(e -> vm.shuffle());

        ComboBox<ModelStore.Entry> generators = new ComboBox<>(vm.generatorsProperty());
        generators.setId("generator-choice");
        generators.setPromptText("Generator");
        generators.setCellFactory(l -> new EntryCell());
        generators.setButtonCell(new EntryCell());
        generators.setTooltip(Tooltips.of("Switch generator: the shipped ones (models/) and those you trained ("
                + StudioPaths.userModels() + "). Picks are kept when the latent size matches."));
        // the chooser shows the loaded generator, also after its list was read afresh
        javafx.beans.InvalidationListener showLoaded = o -> {
            Path dir = vm.generatorDirProperty().get();
            for (ModelStore.Entry e : vm.generatorsProperty()) {
                if (dir != null && e.dir().toAbsolutePath().normalize().equals(dir)) generators.getSelectionModel().select(e);
            }
        };
        vm.generatorDirProperty().addListener(showLoaded);
        vm.generatorsProperty().addListener(showLoaded);
        generators.setOnShowing(e -> vm.refreshGenerators());
        generators.setOnAction(e -> {
            ModelStore.Entry sel = generators.getValue();
            if (sel != null && !sel.dir().toAbsolutePath().normalize().equals(vm.generatorDirProperty().get())) {
                vm.load(sel.dir().toString());
            }
        });

        Button exportGrid = ToolControls.saveButton(vm, null, MaterialDesignF.FILE_IMAGE_OUTLINE, "export-grid",
                "Save the grid as a PNG (4× enlarged).", "grid.png", "PNG image", p -> vm.exportGrid(p, 4));
        exportGrid.disableProperty().bind(vm.tilesProperty().isNull());
        Shortcut.EXPORT_GRID.attach(exportGrid);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox names = new VBox(2, title, model);
        // in a narrow window the names and the seeds are cut short first, then the chooser; the buttons never
        names.setMinWidth(0);
        title.setMinWidth(0);
        model.setMinWidth(0);
        seed.setMinWidth(0);
        generators.setPrefWidth(200);
        generators.setMinWidth(120);
        shuffle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        exportGrid.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(12, names, spacer, seed, generators, exportGrid, shuffle);
        gridFooter = new HBox(picked);

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
        canvas.setOnDragDetected(e -> {
            int i = renderer.indexAt(e.getX(), e.getY(), canvas.getWidth(), canvas.getHeight());
            LatentLabViewModel.Tiles t = vm.tilesProperty().get();
            if (i >= 0 && t != null) ToolControls.dragSample(canvas, e, LatentLabViewModel.dragToken(false, i), picture(t.argb().get(i), t.width(), t.height()));
        });
        canvas.setOnMouseClicked(e -> {
            if (!e.isStillSincePress()) return; // the end of a drag, not a click
            int i = renderer.indexAt(e.getX(), e.getY(), canvas.getWidth(), canvas.getHeight());
            if (i >= 0) vm.pick(i);
        });
        Tooltip.install(canvas, Tooltips.of("Click a sample to pick it (click again to drop it); picks carry a number "
                + "and feed the tools on the right."));

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
        renderer.draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), vm.getPicked(), vm.pickNumbers());
    }

    /** The picks as a row of small pictures (click one to drop it), with load, save and clear. */
    private VBox picksTray() {
        HBox thumbs = new HBox(6);
        thumbs.setId("picks");
        thumbs.setAlignment(Pos.CENTER_LEFT);
        Runnable fill = () -> {
            thumbs.getChildren().clear();
            var picks = vm.picksProperty();
            for (int k = 0; k < picks.size(); k++) {
                LatentLabViewModel.Pick p = picks.get(k);
                ImageView iv = new ImageView();
                if (p.argb() != null) {
                    WritableImage img = new WritableImage(p.width(), p.height());
                    img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
                    iv.setImage(img);
                }
                if (iv.getImage() != null) {
                    javafx.scene.image.Image big = picture(p.argb(), p.width(), p.height());
                    int dragged = k;
                    iv.setOnDragDetected(e -> ToolControls.dragSample(iv, e, LatentLabViewModel.dragToken(true, dragged), big));
                }
                iv.setFitWidth(40);
                iv.setFitHeight(40);
                iv.setSmooth(false);
                Button b = new Button(String.valueOf(k + 1), iv);
                b.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
                b.getStyleClass().addAll(Styles.FLAT, "pick");
                b.setTooltip(Tooltips.of("Pick " + (k + 1) + ": " + p.label() + ". Click to drop it."));
                int at = k;
                b.setOnAction(e -> vm.removePick(at));
                thumbs.getChildren().add(b);
            }
        };
        vm.picksProperty().addListener((ListChangeListener<LatentLabViewModel.Pick>) c -> fill.run());
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(thumbs);
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(70);
        scroll.setMinViewportHeight(70);
        scroll.setTooltip(Tooltips.of("Your picks, in order. The tools' \u2190 picks buttons take their average."));

        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.picksProperty().isEmpty()
                ? "No picks yet" : "Picks: " + vm.picksProperty().size(), vm.picksProperty()));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Button load = new Button("Load…", new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        load.setId("load-latents");
        load.getStyleClass().add(Styles.SMALL);
        load.setTooltip(Tooltips.of("Add the vectors of a latent JSON file (saved here or by `./studio sample --latents`) to your picks."));
        load.disableProperty().bind(vm.readyProperty().not());
        load.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Load latent vectors");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Latent vectors (JSON)", "*.json"));
            var f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) vm.loadPicks(f.toPath());
        });
        Button save = ToolControls.saveButton(vm, "Save…", MaterialDesignC.CONTENT_SAVE_OUTLINE, "save-latents",
                "Save your picks as a latent JSON file; the CLI takes it as z.json, z.json#2 or avg:z.json.",
                "picks.json", "Latent vectors (JSON)", vm::savePicks);
        save.getStyleClass().add(Styles.SMALL);
        save.disableProperty().bind(vm.picksProperty().emptyProperty());
        Button clear = new Button("Clear", new FontIcon(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
        clear.setId("clear-picks");
        clear.getStyleClass().add(Styles.SMALL);
        clear.setTooltip(Tooltips.of("Drop all picks."));
        clear.disableProperty().bind(vm.picksProperty().emptyProperty());
        clear.setOnAction(e -> vm.clearPicks());
        Label notice = new Label();
        notice.setId("lab-notice");
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.textProperty().bind(vm.noticeProperty());
        notice.setTooltip(Tooltips.of("What the last save, load or export did."));
        title.setMinWidth(0);
        for (Button b : new Button[]{load, save, clear}) b.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, title, Controls.spacer(), load, save, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox tray = new VBox(6, gridFooter, bar, scroll, notice);
        tray.setPadding(new Insets(0, 12, 10, 12));
        return tray;
    }

    /** A picture enlarged 3× (nearest neighbour), for what a drag shows under the pointer. */
    private static WritableImage picture(int[] argb, int w, int h) {
        WritableImage img = new WritableImage(3 * w, 3 * h);
        for (int y = 0; y < 3 * h; y++) for (int x = 0; x < 3 * w; x++) img.getPixelWriter().setArgb(x, y, argb[(y / 3) * w + x / 3]);
        return img;
    }

    /** A generator in the chooser: its name, whether it ships with the studio or is the user's, and whether it takes a class. */
    private static final class EntryCell extends ListCell<ModelStore.Entry> {
        @Override
        protected void updateItem(ModelStore.Entry e, boolean empty) {
            super.updateItem(e, empty);
            setText(empty || e == null ? null : e.card().name() + (e.dir().startsWith(StudioPaths.userModels()) ? "  (yours)" : "")
                    + (e.card().labels() != null ? "  · " + e.card().labels().size() + " classes" : "  · unconditional")
                    + "  " + e.card().width() + "×" + e.card().height());
        }
    }

    public LatentLabViewModel viewModel() {
        return vm;
    }

    /** The canvas the grid is drawn on. */
    public Canvas canvas() {
        return canvas;
    }
}
