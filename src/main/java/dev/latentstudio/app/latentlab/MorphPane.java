package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Controls;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.engine.latent.Walks;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The Morph tab: the frame, A and B, straight line or great circle, the t slider, play and export. */
final class MorphPane extends BorderPane {
    private final PictureRenderer renderer = new PictureRenderer("");

    MorphPane(LatentLabViewModel lab) {
        MorphViewModel vm = lab.morph();
        CanvasPane frame = new CanvasPane("morph-canvas", renderer::draw);
        vm.frameProperty().addListener((o, a, f) -> {
            renderer.setPicture(f.argb(), f.width(), f.height());
            frame.redraw();
        });
        Tooltips.install(frame.canvas(), "The picture at t: A at t = 0, B at t = 1.");

        ToggleGroup modes = new ToggleGroup();
        ToggleButton lerp = new ToggleButton("Line");
        lerp.setId("morph-lerp");
        lerp.setTooltip(Tooltips.of("Straight line from A to B (lerp). Midpoints are shorter than typical samples, so they can look washed out."));
        ToggleButton slerp = new ToggleButton("Great circle");
        slerp.setId("morph-slerp");
        slerp.setTooltip(Tooltips.of("Along the great circle from A to B (slerp): every point keeps a typical length, as sampled vectors do."));
        for (ToggleButton b : new ToggleButton[]{lerp, slerp}) b.setToggleGroup(modes);
        lerp.getStyleClass().add(Styles.LEFT_PILL);
        slerp.getStyleClass().add(Styles.RIGHT_PILL);
        (vm.modeProperty().get() == Walks.Mode.LERP ? lerp : slerp).setSelected(true);
        modes.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) (vm.modeProperty().get() == Walks.Mode.LERP ? lerp : slerp).setSelected(true);
            else vm.modeProperty().set(t == lerp ? Walks.Mode.LERP : Walks.Mode.SLERP);
        });

        Slider t = new Slider(0, 1, 0);
        t.setId("morph-t");
        t.valueProperty().bindBidirectional(vm.tProperty());
        t.setTooltip(Tooltips.of("Drag to move between A (left) and B (right); the picture follows live."));
        HBox.setHgrow(t, Priority.ALWAYS);
        ToggleButton play = new ToggleButton(null, new FontIcon(MaterialDesignP.PLAY));
        play.setId("morph-play");
        play.selectedProperty().bindBidirectional(vm.playingProperty());
        play.graphicProperty().bind(javafx.beans.binding.Bindings.when(play.selectedProperty())
                .then(new FontIcon(MaterialDesignP.PAUSE)).otherwise(new FontIcon(MaterialDesignP.PLAY)));
        play.setTooltip(Tooltips.of("Play the morph there and back in a loop (the fps counter measures the frames shown)."));
        Label fps = new Label();
        fps.setId("morph-fps");
        fps.getStyleClass().add(Styles.TEXT_MUTED);
        fps.textProperty().bind(vm.fpsProperty());
        fps.setTooltip(Tooltips.of("Frames put on screen per second while playing, and the median and 99th-percentile time between them."));

        Button gif = ToolControls.saveButton(lab, "GIF", MaterialDesignG.GIF, "morph-gif",
                "Save the morph as a looping animated GIF (32 steps there and back), as `./studio morph` writes it.",
                "morph.gif", "Animated GIF", p -> vm.exportGif(p, 32, 6));
        Button png = ToolControls.saveButton(lab, "PNG", MaterialDesignF.FILE_IMAGE_OUTLINE, "morph-png",
                "Save the picture now shown as a PNG (8× enlarged).", "morph-frame.png", "PNG image",
                p -> lab.exportFrame(vm.frameProperty().get(), p, 8));
        Button use = new Button("Picks 1 → 2");
        use.setId("morph-use-picks");
        use.getStyleClass().add(Styles.SMALL);
        use.setTooltip(Tooltips.of("A ← your first pick, B ← your second (picking exactly two samples does this by itself)."));
        use.setOnAction(e -> vm.usePicks());

        HBox modeRow = new HBox(8, new HBox(0, lerp, slerp), Controls.spacer(), use);
        modeRow.setAlignment(Pos.CENTER_LEFT);
        HBox playRow = new HBox(8, play, t);
        playRow.setAlignment(Pos.CENTER_LEFT);
        HBox exportRow = new HBox(8, fps, Controls.spacer(), png, gif);
        exportRow.setAlignment(Pos.CENTER_LEFT);
        VBox controls = new VBox(8,
                ToolControls.slot(lab, "A", "morph-a", vm.aProperty(),
                        "A ← the average of your picks (one pick: that sample)."),
                ToolControls.slot(lab, "B", "morph-b", vm.bProperty(),
                        "B ← the average of your picks (one pick: that sample)."),
                modeRow, playRow,
                ToolControls.slider("Loop", "morph-seconds", vm.secondsProperty(), 1, 12, "%.1f s",
                        "Seconds for one loop there and back while playing."),
                exportRow);
        controls.setPadding(new Insets(10, 0, 0, 0));
        setCenter(frame);
        setBottom(controls);
        setPadding(new Insets(10));
    }
}
