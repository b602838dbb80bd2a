package dev.latentstudio.app.common;

import atlantafx.base.theme.Styles;
import dev.latentstudio.engine.StudioPaths;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import static dev.latentstudio.app.common.Controls.show;

/** A training run's output name, as the Training screen and the Partner's Train tab show it: the field, then why it
 * cannot be used or, when it is taken, the offer of the first free name. Ids carry {@code prefix} ("" or "partner-"). */
public final class OutputNameView {
    private OutputNameView() {
    }

    public static TextField field(TrainingRunViewModel vm, String prefix, String tip) {
        TextField name = new TextField();
        name.setId(prefix + "output-name");
        name.textProperty().bindBidirectional(vm.outputNameProperty());
        name.setTooltip(Tooltips.of(tip));
        name.disableProperty().bind(vm.activeProperty());
        return name;
    }

    public static Node messages(TrainingRunViewModel vm, String prefix) {
        Label problem = new Label();
        problem.setId(prefix + "name-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.textProperty().bind(vm.nameProblemProperty());
        problem.setTooltip(Tooltips.of("Why this name cannot be used."));
        show(problem, vm.nameProblemProperty().isNotEmpty());
        Label taken = new Label();
        taken.setId(prefix + "name-taken");
        taken.getStyleClass().add(Styles.WARNING);
        taken.setWrapText(true);
        taken.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        taken.textProperty().bind(Bindings.createStringBinding(() -> "'" + vm.outputNameProperty().get().trim()
                + "' already exists among your models; Start will not overwrite it.", vm.outputNameProperty()));
        taken.setTooltip(Tooltips.of("A model or a run of that name is in " + StudioPaths.userModels()
                + ". Take the offered name, type another, or resume that run."));
        Button useFresh = new Button();
        useFresh.setId(prefix + "use-fresh-name");
        useFresh.getStyleClass().add(Styles.SMALL);
        useFresh.textProperty().bind(Bindings.concat("Use ", vm.freshNameProperty()));
        useFresh.setTooltip(Tooltips.of("Name the new model with the first free name after this one."));
        useFresh.setOnAction(e -> vm.useFreshName());
        useFresh.disableProperty().bind(vm.activeProperty());
        VBox takenBox = new VBox(6, taken, useFresh);
        show(takenBox, vm.freshNameProperty().isNotEmpty());
        return new VBox(6, problem, takenBox);
    }
}
