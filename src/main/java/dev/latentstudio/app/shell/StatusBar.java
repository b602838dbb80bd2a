package dev.latentstudio.app.shell;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.engine.Logs;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.controlsfx.dialog.ExceptionDialog;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** The strip along the bottom: the engine's backend and device on the left, the running jobs on the right. */
final class StatusBar extends HBox {

    StatusBar(ShellViewModel vm) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        Label env = new Label();
        env.setId("environment");
        env.setGraphic(new FontIcon(MaterialDesignC.CHIP));
        env.textProperty().bind(vm.environmentProperty());
        env.setTooltip(Tooltips.of("The ND4J backend, the device it computes on, and its thread count. "
                + "`./studio info` prints the full picture (and, where CUDA was asked for and is unavailable, why); "
                + "`mvn -Pcuda` builds the CUDA backend, `--backend cpu|cuda|auto` chooses at start."));

        JobRunner jobs = vm.jobs();
        Label job = new Label();
        job.setId("job-status");
        job.getStyleClass().add(Styles.TEXT_MUTED);
        job.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = jobs.getRunning();
            if (n == 0) return "No jobs running";
            String name = jobs.currentNameProperty().get();
            String msg = jobs.messageProperty().get();
            String s = name.isEmpty() ? "Starting…" : name + (msg.isEmpty() ? "" : ": " + msg);
            return n > 1 ? s + "  (+" + (n - 1) + " more)" : s;
        }, jobs.runningProperty(), jobs.currentNameProperty(), jobs.messageProperty()));
        job.setTooltip(Tooltips.of("Work running in the background (the newest shown; \"+N more\" counts the others): "
                + "training and exports each run on their own, loading and rendering one after another. The window stays responsive."));

        ProgressBar bar = new ProgressBar();
        bar.setId("job-progress");
        bar.setPrefWidth(160);
        bar.getStyleClass().add(Styles.SMALL);
        bar.progressProperty().bind(jobs.progressProperty());
        bar.visibleProperty().bind(jobs.runningProperty().greaterThan(0));
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setTooltip(Tooltips.of("Progress of the running job (moving stripes: it has not said how far it is)."));

        // the screens say what failed; this opens the trace, which the log file also keeps
        Button details = new Button("Details…", new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        details.setId("failure-details");
        details.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.DANGER);
        details.visibleProperty().bind(jobs.lastFailureProperty().isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        details.setOnAction(e -> {
            JobRunner.Failure f = jobs.lastFailureProperty().get();
            ExceptionDialog d = new ExceptionDialog(f.cause());
            d.setTitle("What went wrong");
            d.setHeaderText("'" + f.job() + "' failed: " + Failures.message(f.cause()));
            d.setContentText("The log keeps every failure's trace: " + Logs.file());
            d.initOwner(getScene() == null ? null : getScene().getWindow());
            d.show();
        });
        details.setTooltip(Tooltips.of("The last failure's full trace. All of them are in the log file: " + Logs.file()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(env, spacer, details, job, bar);
    }
}
