package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Inversion Lab shows at once, saying it is loading, while its models are read in the background. */
@ExtendWith(ApplicationExtension.class)
class InversionOpensAtOnceTest {
    @TempDir
    static Path dir;
    private static Path generator;
    private JobRunner jobs;

    @BeforeAll
    static void writeGenerator() throws Exception {
        generator = TestGenerators.writeUntrained(dir.resolve("untrained"));
    }

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        stage.setScene(new Scene(new StudioShell(new ShellViewModel(jobs), StudioShell.screens(jobs, generator.toString())),
                StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void theScreenShowsWhileItLoadsThenItsControls(FxRobot robot) throws Exception {
        // hold the background queue, so the loading is still under way when the screen is shown
        CountDownLatch held = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> jobs.submit("hold the queue", () -> {
            held.await();
            return null;
        })).get(10, SECONDS);
        robot.clickOn("#nav-inversion-lab");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#nav-inversion-lab").queryAs(ToggleButton.class).isSelected());
        assertTrue(robot.lookup("#screen-loading").query().isVisible(), "the screen says it is loading");
        assertTrue(robot.lookup("#objective").tryQuery().isEmpty(), "its controls come once it has loaded");

        held.countDown();
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> robot.lookup("#objective").tryQuery().isPresent());
        assertTrue(robot.lookup("#screen-loading").tryQuery().isEmpty());
        robot.clickOn("#nav-latent-lab").clickOn("#nav-inversion-lab"); // built once: it comes back at once
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#objective").tryQuery().isPresent());
    }
}
