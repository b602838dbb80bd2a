package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.training.TrainingView;
import dev.latentstudio.app.training.TrainingViewModel;
import dev.latentstudio.engine.model.ModelStore;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** A run finished on the Training screen shows up in Latent Lab's generator chooser without a restart. */
@ExtendWith(ApplicationExtension.class)
class TrainedModelInLatentLabTest {
    @TempDir
    static Path dir;
    private static String savedProperty;
    private JobRunner jobs;

    @BeforeAll
    static void userData() {
        savedProperty = System.getProperty("studio.data");
        System.setProperty("studio.data", dir.resolve("user").toString());
    }

    @AfterAll
    static void restore() {
        if (savedProperty == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedProperty);
    }

    @Start
    void start(Stage stage) throws Exception {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        Path g = TestGenerators.writeUntrained(dir.resolve("untrained"));
        stage.setScene(new Scene(new StudioShell(new ShellViewModel(jobs), StudioShell.screens(jobs, g.toString())),
                StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void aFinishedRunIsOfferedAsAGenerator(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<ModelStore.Entry> choice = robot.lookup("#generator-choice").queryAs(ComboBox.class);
        assertTrue(choice.getItems().stream().noneMatch(e -> e.card().name().equals("shell-run")));
        robot.clickOn("#nav-training");
        TrainingViewModel vm = robot.lookup(".training").queryAs(TrainingView.class).viewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            vm.outputNameProperty().set("shell-run");
            vm.stepsProperty().set(3);
            vm.batchProperty().set(4);
            vm.previewEveryProperty().set(3);
        }).get(10, SECONDS);
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(180, SECONDS, () -> vm.getState() == TrainingViewModel.State.DONE);
        robot.clickOn("#nav-latent-lab");
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> choice.getItems().stream().anyMatch(e -> e.card().name().equals("shell-run")));
    }
}
