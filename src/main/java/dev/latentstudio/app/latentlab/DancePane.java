package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Controls;
import dev.latentstudio.app.common.Tooltips;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The Dance tab: a closed loop over a sphere in z-space, with speed, radius and wobble. */
final class DancePane extends BorderPane {
    private final PictureRenderer renderer = new PictureRenderer("");

    DancePane(LatentLabViewModel lab) {
        DanceViewModel vm = lab.dance();
        CanvasPane frame = new CanvasPane("dance-canvas", renderer::draw);
        vm.frameProperty().addListener((o, a, f) -> {
            renderer.setPicture(f.argb(), f.width(), f.height());
            frame.redraw();
        });
        Tooltips.install(frame.canvas(), "The picture at the current point of the loop.");

        ToggleButton play = new ToggleButton(null, new FontIcon(MaterialDesignP.PLAY));
        play.setId("dance-play");
        play.selectedProperty().bindBidirectional(vm.playingProperty());
        play.graphicProperty().bind(Bindings.when(play.selectedProperty())
                .then(new FontIcon(MaterialDesignP.PAUSE)).otherwise(new FontIcon(MaterialDesignP.PLAY)));
        play.setTooltip(Tooltips.of("Set the picture dancing: round and round the loop."));
        Label fps = new Label();
        fps.setId("dance-fps");
        fps.getStyleClass().add(Styles.TEXT_MUTED);
        fps.textProperty().bind(Bindings.when(vm.problemProperty().isEmpty()).then(vm.fpsProperty()).otherwise(vm.problemProperty()));
        fps.setTooltip(Tooltips.of("Frames shown per second while dancing, or why A, B and C make no loop."));
        Button use = new Button("Picks 1, 2, 3");
        use.setId("dance-use-picks");
        use.getStyleClass().add(Styles.SMALL);
        use.setTooltip(Tooltips.of("A, B, C ← your first three picks."));
        use.setOnAction(e -> vm.usePicks());
        Button gif = ToolControls.saveButton(lab, "GIF", MaterialDesignG.GIF, "dance-gif",
                "Save one turn as a looping GIF (72 frames), as `./studio dance` writes it.", "dance.gif", "Animated GIF",
                p -> vm.exportGif(p, 72, 6));
        Button png = ToolControls.saveButton(lab, "PNG", MaterialDesignF.FILE_IMAGE_OUTLINE, "dance-png",
                "Save the picture now shown as a PNG (8× enlarged).", "dance-frame.png", "PNG image",
                p -> lab.exportFrame(vm.frameProperty().get(), p, 8));

        HBox top = new HBox(8, play, fps, Controls.spacer(), use);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox exportRow = new HBox(8, Controls.spacer(), png, gif);
        VBox controls = new VBox(8,
                ToolControls.slot(lab, "A", "dance-a", vm.aProperty(), "A ← the average of your picks: where the loop starts."),
                ToolControls.slot(lab, "B", "dance-b", vm.bProperty(), "B ← the average of your picks: with A it spans the loop's plane."),
                ToolControls.slot(lab, "C", "dance-c", vm.cProperty(), "C ← the average of your picks: the direction the loop wobbles towards."),
                top,
                ToolControls.slider("Speed", "dance-seconds", vm.secondsProperty(), 2, 30, "%.0f s/turn", "Seconds per turn of the loop."),
                ToolControls.slider("Radius", "dance-radius", vm.radiusProperty(), 0.3, 2.0, "%.2f·√d",
                        "Radius of the sphere in units of √dim, the typical length of a sampled vector: 1 stays where training samples live; "
                                + "smaller gives blander pictures, larger stranger ones."),
                ToolControls.slider("Wobble", "dance-wobble", vm.wobbleProperty(), 0, 1, "%.2f", "How far the loop leans towards C and back, twice per turn (0: a plain circle)."),
                ToolControls.slider("Phase", "dance-phase", vm.phaseProperty(), 0, 1, "%.2f", "Where on the loop: drag to scrub by hand."),
                exportRow);
        controls.setPadding(new Insets(10, 0, 0, 0));
        setCenter(frame);
        setBottom(controls);
        setPadding(new Insets(10));
    }
}
