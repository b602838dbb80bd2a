package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Tooltips;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The Map tab: the grid's samples and the picks on a 2-D projection; drag one and its picture follows. */
final class MapPane extends BorderPane {
    private final MapRenderer renderer = new MapRenderer();
    private final PictureRenderer frameRenderer = new PictureRenderer("");

    MapPane(LatentLabViewModel lab) {
        MapViewModel vm = lab.map();
        CanvasPane map = new CanvasPane("map-canvas", (gc, w, h) -> renderer.draw(gc, w, h,
                vm.pointsProperty(), vm.boundsProperty().get(), vm.selectedProperty().get()));
        vm.pointsProperty().addListener((javafx.beans.InvalidationListener) o -> map.redraw());
        vm.selectedProperty().addListener(o -> map.redraw());
        vm.boundsProperty().addListener(o -> map.redraw());
        map.canvas().setOnMousePressed(e -> {
            int i = renderer.pointAt(vm.pointsProperty(), vm.boundsProperty().get(), vm.selectedProperty().get(),
                    e.getX(), e.getY(), map.getWidth(), map.getHeight());
            vm.select(i);
        });
        map.canvas().setOnMouseDragged(e -> {
            int i = vm.selectedProperty().get();
            var b = vm.boundsProperty().get();
            if (i < 0 || b == null) return;
            vm.drag(i, renderer.toMapX(b, e.getX(), map.getWidth()), renderer.toMapY(b, e.getY(), map.getHeight()));
        });
        Tooltips.install(map.canvas(), "Each picture sits where its latent vector projects onto the plane of the two directions "
                + "in which these vectors differ most (PCA). Blue frames: your picks. Drag a picture to move its vector "
                + "in that plane and watch it change.");

        CanvasPane frame = new CanvasPane("map-frame", frameRenderer::draw);
        frame.setPrefSize(112, 112);
        frame.setMinSize(112, 112);
        frame.setMaxSize(112, 112);
        javafx.beans.InvalidationListener show = o -> {
            LiveFrames.Frame f = vm.frameProperty().get();
            if (vm.selectedProperty().get() < 0 || f == null) frameRenderer.setPicture(null, 0, 0);
            else frameRenderer.setPicture(f.argb(), f.width(), f.height());
            frame.redraw();
        };
        vm.frameProperty().addListener(show);
        vm.selectedProperty().addListener(show);
        Tooltips.install(frame.canvas(), "The selected point's picture, large.");

        Label which = new Label();
        which.setId("map-selected");
        which.setWrapText(true);
        which.textProperty().bind(Bindings.createStringBinding(() -> {
            int i = vm.selectedProperty().get();
            return i < 0 || i >= vm.pointsProperty().size() ? "Press a picture on the map, then drag it."
                    : vm.pointsProperty().get(i).label();
        }, vm.selectedProperty(), vm.pointsProperty()));
        which.setTooltip(Tooltips.of("The selected point's latent spec; \"(moved)\" once you have dragged it."));
        Button pick = new Button("Pick it", new FontIcon(MaterialDesignP.PLUS_CIRCLE_OUTLINE));
        pick.setId("map-pick");
        pick.getStyleClass().add(Styles.SMALL);
        pick.disableProperty().bind(vm.selectedProperty().lessThan(0));
        pick.setTooltip(Tooltips.of("Add the selected (perhaps moved) vector to your picks."));
        pick.setOnAction(e -> vm.pickSelected());
        VBox words = new VBox(8, which, pick);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox below = new HBox(12, frame, words);
        below.setAlignment(Pos.CENTER_LEFT);
        below.setPadding(new Insets(10, 0, 0, 0));
        setCenter(map);
        setBottom(below);
        setPadding(new Insets(10));
    }
}
