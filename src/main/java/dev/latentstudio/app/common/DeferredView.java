package dev.latentstudio.app.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A screen that shows at once while what it needs loads: "Opening …" with a spinner, while {@code prepare} runs
 * as a job (reading models, loading the engine's classes: the slow first time), then the view built on the FX
 * thread, which is quick once that is done. A failure is said in place of the spinner.
 */
public final class DeferredView extends StackPane {

    public DeferredView(String title, JobRunner jobs, Callable<?> prepare, Supplier<? extends Node> view) {
        ProgressIndicator spin = new ProgressIndicator();
        spin.setMaxSize(48, 48);
        spin.setTooltip(Tooltips.of("The screen is loading in the background; the studio stays usable."));
        Label words = new Label("Opening the " + title + "…");
        words.getStyleClass().add(Styles.TEXT_MUTED);
        words.setWrapText(true);
        words.setTooltip(Tooltips.of("Reading its models the first time it opens."));
        VBox loading = new VBox(12, spin, words);
        loading.setId("screen-loading");
        loading.setAlignment(Pos.CENTER);
        getChildren().setAll(loading);
        jobs.submit("Open the " + title, prepare)
                .onSuccess(r -> getChildren().setAll(view.get()))
                .onFailure(e -> {
                    loading.getChildren().remove(spin);
                    words.getStyleClass().setAll("label", Styles.DANGER);
                    words.setText("Could not open the " + title + ": " + Failures.message(e));
                });
    }
}
