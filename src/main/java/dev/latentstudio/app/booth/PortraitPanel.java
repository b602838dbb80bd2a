package dev.latentstudio.app.booth;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Tooltips;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.io.File;

/**
 * The booth's portrait column: the portrait emerging step by step, then finished with its distance in words;
 * Cancel and Save. It appears once a portrait is asked for and stays beside the live frame.
 */
final class PortraitPanel extends VBox {
    /** The canvas shows the 150×150 portrait at twice its size. */
    private static final double SIDE = 300;
    private final PortraitViewModel vm;

    PortraitPanel(PortraitViewModel vm) {
        super(8);
        this.vm = vm;
        setId("booth-portrait-panel");
        setPadding(new Insets(12, 12, 12, 4));
        setPrefWidth(SIDE + 16);
        setMinWidth(150 + 16); // its picture shrinks to the portrait's own size in a narrow window

        PictureRenderer renderer = new PictureRenderer("The portrait appears here.");
        CanvasPane picture = new CanvasPane("booth-portrait-canvas", renderer::draw);
        picture.setPrefSize(SIDE, SIDE);
        picture.setMinSize(150, 150);
        picture.setMaxSize(SIDE, SIDE);
        Tooltip.install(picture.canvas(), Tooltips.of("Grown from grey until the face recogniser's 128 numbers for it match "
                + "the target's: what the network keeps of a face, not a photograph of it."));
        vm.previewProperty().addListener((o, a, p) -> {
            paint(renderer, p);
            picture.redraw();
        });

        ProgressBar bar = new ProgressBar();
        bar.setId("booth-portrait-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.setTooltip(Tooltips.of("Share of the steps done."));
        show(bar, vm.runningProperty());

        Label status = stat("booth-portrait-status", vm.statusProperty(), "What the portrait is doing.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label verdict = stat("booth-portrait-verdict", vm.verdictProperty(), "How close the finished portrait's own descriptor "
                + "came to the target's (Euclidean distance between the 128 numbers).");
        verdict.setWrapText(true);
        Label error = stat("booth-portrait-error", vm.errorProperty(), "What went wrong, and what to do instead.");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        showAndReveal(error, vm.errorProperty().isNotEmpty());

        Button cancel = button("booth-portrait-cancel", "Cancel", new FontIcon(MaterialDesignS.STOP),
                "Stop drawing the portrait after the current step.", vm::cancel);
        cancel.disableProperty().bind(vm.runningProperty().not());
        Button save = button("booth-portrait-save", "Save…", new FontIcon(MaterialDesignC.CONTENT_SAVE),
                "Save the finished portrait as a 150×150 PNG.", this::save);
        save.disableProperty().bind(vm.portraitProperty().isNull());

        getChildren().addAll(caption("Portrait"), picture, bar, status, verdict, error, new HBox(8, cancel, save));
        show(this, vm.runningProperty().or(vm.previewProperty().isNotNull()).or(vm.errorProperty().isNotEmpty()));
    }

    static void paint(PictureRenderer r, Picture p) {
        if (p == null) r.setPicture(null, 0, 0);
        else r.setPicture(p.argb(), p.width(), p.height());
    }

    private void save() {
        FileChooser c = new FileChooser();
        c.setTitle("Save the portrait");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        c.setInitialFileName("portrait-" + vm.portraitProperty().get().who().replaceAll("[^A-Za-z0-9]+", "_") + ".png");
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) vm.save(f.toPath());
    }
}
