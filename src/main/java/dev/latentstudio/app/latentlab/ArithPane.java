package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.common.Controls;
import dev.latentstudio.app.common.Tooltips;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The Arithmetic tab: slots A − B + C, the result and its neighbourhood. */
final class ArithPane extends BorderPane {

    ArithPane(LatentLabViewModel lab) {
        ArithViewModel vm = lab.arith();
        GridRenderer grid = new GridRenderer(4);
        grid.setCaptions(java.util.List.of("A", "B", "C", "A − B + C"));
        CanvasPane tiles = new CanvasPane("arith-canvas", (gc, w, h) -> grid.draw(gc, w, h, vm.tilesProperty().get() == null ? -1 : 3, null));
        vm.tilesProperty().addListener((o, a, t) -> {
            grid.setTiles(t);
            tiles.redraw();
        });
        Tooltips.install(tiles.canvas(), "Top row: A, B, C and (framed) the result A − B + C. Below: the result's neighbourhood, "
                + "small random steps away from it: how stable the combination is.");

        Label formula = new Label();
        formula.setId("arith-formula");
        formula.getStyleClass().add(Styles.TEXT_MUTED);
        formula.textProperty().bind(vm.formulaProperty());
        formula.setTooltip(Tooltips.of("The sum as latent specs; `./studio arith A - B + C` renders the same."));
        Button pick = new Button("Pick result", new FontIcon(MaterialDesignP.PLUS_CIRCLE_OUTLINE));
        pick.setId("arith-pick");
        pick.getStyleClass().add(Styles.SMALL);
        pick.setTooltip(Tooltips.of("Add the result to your picks, to morph it, set it dancing or save it."));
        pick.setOnAction(e -> vm.pickResult());
        Button png = ToolControls.saveButton(lab, "PNG", MaterialDesignF.FILE_IMAGE_OUTLINE, "arith-png",
                "Save A, B, C, the result and its neighbourhood as one PNG.", "arith.png", "PNG image", p -> vm.exportPng(p, 4));
        HBox actions = new HBox(8, formula, Controls.spacer(), pick, png);
        actions.setAlignment(Pos.CENTER_LEFT);
        String tip = " ← the average of your picks (pick several samples that share what you want, e.g. three smiling faces).";
        VBox controls = new VBox(8,
                ToolControls.slot(lab, "A", "arith-a", vm.aProperty(), "A" + tip),
                ToolControls.slot(lab, "−B", "arith-b", vm.bProperty(), "B" + tip + " B is taken away."),
                ToolControls.slot(lab, "+C", "arith-c", vm.cProperty(), "C" + tip + " C is added."),
                ToolControls.slider("Spread", "arith-spread", vm.spreadProperty(), 0, 1, "%.2f", "Size of the steps to the neighbours (std-dev per component)."),
                actions);
        controls.setPadding(new Insets(10, 0, 0, 0));
        setCenter(tiles);
        setBottom(controls);
        setPadding(new Insets(10));
    }
}
