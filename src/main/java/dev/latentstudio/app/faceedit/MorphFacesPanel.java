package dev.latentstudio.app.faceedit;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Tooltips;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.io.File;

/**
 * The morph column (Booth, Inversion Lab): the frames as they are drawn, then a loop there and back (Play) or one frame at a time
 * (the scrubber), the recogniser's distances at both ends, Cancel and Save GIF.
 */
public final class MorphFacesPanel extends VBox {
    private static final double SIDE = 300;
    private final MorphFacesViewModel vm;

    public MorphFacesPanel(MorphFacesViewModel vm, String idPrefix) {
        super(8);
        this.vm = vm;
        setId(idPrefix + "-morph-panel");
        setPadding(new Insets(12, 12, 12, 4));
        setPrefWidth(SIDE + 16);

        PictureRenderer renderer = new PictureRenderer("The frames appear here.");
        CanvasPane picture = new CanvasPane(idPrefix + "-morph-canvas", renderer::draw);
        picture.setPrefSize(SIDE, SIDE);
        picture.setMinSize(150, 150);
        picture.setMaxSize(SIDE, SIDE);
        Tooltip.install(picture.canvas(), Tooltips.of("Each frame is drawn by running the face recogniser backwards from the frame "
                + "before, toward a descriptor a step further from you and nearer the other face."));
        vm.pictureProperty().addListener((o, a, p) -> {
            FaceEditPanel.paint(renderer, p);
            picture.redraw();
        });

        Slider scrub = new Slider(0, 1, 0);
        scrub.setId(idPrefix + "-morph-frame");
        scrub.setMajorTickUnit(1);
        scrub.setMinorTickCount(0);
        scrub.setSnapToTicks(true);
        scrub.maxProperty().bind(javafx.beans.binding.Bindings.max(0, vm.framesProperty().sizeProperty().subtract(1)));
        scrub.valueProperty().bindBidirectional(vm.shownFrameProperty());
        scrub.setTooltip(Tooltips.of("Which frame: you on the left, the other face on the right."));
        scrub.disableProperty().bind(vm.morphProperty().isNull());

        // the loop's only timer: the Booth's kiosk shows the same frames, so it plays with this one
        Timeline loop = new Timeline(new KeyFrame(Duration.millis(120), e -> vm.advance()));
        loop.setCycleCount(Timeline.INDEFINITE);
        ToggleButton play = new ToggleButton("Play", new FontIcon(MaterialDesignP.PLAY));
        play.setId(idPrefix + "-morph-play");
        play.setTooltip(Tooltips.of("Play the morph as a loop, there and back (it starts by itself once the morph is done)."));
        play.disableProperty().bind(vm.morphProperty().isNull());
        play.selectedProperty().bindBidirectional(vm.playingProperty());
        vm.playingProperty().addListener((o, a, on) -> {
            if (on) loop.play();
            else loop.stop();
        });

        ProgressBar bar = new ProgressBar();
        bar.setId(idPrefix + "-morph-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.setTooltip(Tooltips.of("Share of the morph's steps done."));
        show(bar, vm.runningProperty());
        Label status = stat(idPrefix + "-morph-status", vm.statusProperty(), "What the morph is doing.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label verdict = stat(idPrefix + "-morph-verdict", vm.verdictProperty(), "The recogniser's distances from the first and last "
                + "frames to you and to the other face.");
        verdict.setWrapText(true);
        Label error = stat(idPrefix + "-morph-error", vm.errorProperty(), "What went wrong, and what to do instead.");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        showAndReveal(error, vm.errorProperty().isNotEmpty());

        Button cancel = button(idPrefix + "-morph-cancel", "Cancel", new FontIcon(MaterialDesignS.STOP),
                "Stop the morph after the current step.", vm::cancel);
        cancel.disableProperty().bind(vm.runningProperty().not());
        Button save = button(idPrefix + "-morph-save", "Save GIF…", new FontIcon(MaterialDesignC.CONTENT_SAVE),
                "Save the morph as a looping GIF, there and back.", this::save);
        save.disableProperty().bind(vm.morphProperty().isNull());

        getChildren().addAll(caption("Morph"), picture, new HBox(8, play, scrub), bar, status, verdict, error, new HBox(8, cancel, save));
        // stays once a morph has begun, so a cancelled one's frames and message remain in view
        show(this, vm.runningProperty().or(vm.framesProperty().emptyProperty().not()).or(vm.errorProperty().isNotEmpty()));
    }

    private void save() {
        FileChooser c = new FileChooser();
        c.setTitle("Save the morph");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("GIF", "*.gif"));
        c.setInitialFileName("morph-" + vm.morphProperty().get().into().replaceAll("[^A-Za-z0-9]+", "_") + ".gif");
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) vm.saveGif(f.toPath());
    }
}
