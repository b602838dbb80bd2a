package dev.latentstudio.app;

import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.shell.ShellViewModel;
import dev.latentstudio.app.shell.StudioShell;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.Environment;
import dev.latentstudio.engine.Logs;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The studio window. {@code ./studio ui} starts it through {@link #launchApp} (by reflection, from a
 * main class that is not an Application, so JavaFX on the class path is fine); {@code mvn javafx:run}
 * starts this class directly with JavaFX on the module path.
 */
public final class StudioApp extends Application {
    /** The smallest window every screen stays usable in (MinimumSizeTest lays each one out at this size). */
    public static final double MIN_WIDTH = 720, MIN_HEIGHT = 520;
    private JobRunner jobs;

    public static void launchApp(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    public static void main(String[] args) {
        Environment.refuseJavaDeserialisation();
        Logs.init();
        launchApp(args);
    }

    @Override
    public void start(Stage stage) {
        // anything that escapes a screen still leaves its trace in the log
        Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                org.slf4j.LoggerFactory.getLogger(Logs.FAILURES).error("uncaught on " + t.getName(), e));
        StudioShell.applyTheme();
        jobs = new JobRunner();
        // SIGTERM (or a logout) skips stop(): running jobs still get their chance to save, within 5 s
        Runtime.getRuntime().addShutdownHook(new Thread(() -> jobs.closeGracefully(GRACE_MS), "save-jobs"));
        ShellViewModel shellVm = new ShellViewModel(jobs);
        shellVm.loadEnvironment(); // first in the job queue: it starts ND4J, which every screen needs
        StudioShell shell = new StudioShell(shellVm, StudioShell.screens(jobs, ModelStore.DEFAULT_GENERATOR));
        stage.setScene(new Scene(shell, StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.setTitle(StudioShell.TITLE);
        stage.show();
        // the minimum is the content's: the window's frame (title bar, borders) comes on top of it
        stage.setMinWidth(MIN_WIDTH + stage.getWidth() - stage.getScene().getWidth());
        stage.setMinHeight(MIN_HEIGHT + stage.getHeight() - stage.getScene().getHeight());
    }

    @Override
    public void stop() {
        if (jobs != null) jobs.closeGracefully(GRACE_MS);
    }

    /** As the CLI's: room for a cancelled training step to write its checkpoint, under the 5 s a stop may take. */
    private static final long GRACE_MS = 4000;
}
