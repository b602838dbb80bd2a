package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.common.JobRunner;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Without a generator the studio still opens, says why the grid is empty, and offers nothing that cannot work. */
@ExtendWith(ApplicationExtension.class)
class MissingGeneratorTest {
    private JobRunner jobs;

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        ShellViewModel vm = new ShellViewModel(jobs);
        stage.setScene(new Scene(new StudioShell(vm, StudioShell.screens(jobs, "/no/such/generator")), 900, 600));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void showsTheLoadErrorWhereTheGridWouldBe(FxRobot robot) throws Exception {
        Label message = robot.lookup("#grid-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> message.isVisible() && message.getText().contains("Could not load"));
        assertTrue(message.getText().contains("No model named '/no/such/generator'"), message.getText());
        assertTrue(robot.lookup("#shuffle").queryAs(Button.class).isDisabled());
    }
}
