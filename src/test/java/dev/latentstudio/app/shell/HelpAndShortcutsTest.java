package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.engine.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
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

/** Ctrl+1… switch screens, every screen's shortcuts are on its buttons, Ctrl+R shuffles, F1 lists them all, About names the versions. */
@ExtendWith(ApplicationExtension.class)
class HelpAndShortcutsTest {
    private static final List<String> RAIL = List.of("#nav-latent-lab", "#nav-training", "#nav-inversion-lab", "#nav-booth", "#nav-partner");
    @TempDir
    static Path dir;
    private static Path generator;
    private JobRunner jobs;
    private StudioShell shell;

    @BeforeAll
    static void writeGenerator() throws Exception {
        generator = TestGenerators.writeUntrained(dir.resolve("untrained"));
    }

    @Start
    void start(Stage stage) {
        StudioShell.applyTheme();
        jobs = new JobRunner();
        ShellViewModel vm = new ShellViewModel(jobs);
        vm.loadEnvironment();
        shell = new StudioShell(vm, StudioShell.screens(jobs, generator.toString()));
        stage.setScene(new Scene(shell, StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void screenKeysAndEveryScreensShortcutsWork(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(120, SECONDS, () -> text(robot, "#seed-info").equals("seeds 0–63"));
        robot.push(KeyCode.CONTROL, KeyCode.R);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> text(robot, "#seed-info").equals("seeds 64–127"));

        String[] titles = {"Latent Lab", "Training", "Inversion Lab", "Booth", "Partner"};
        for (int i = 0; i < RAIL.size(); i++) {
            robot.push(KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (i + 1)));
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(60, SECONDS, () -> robot.lookup("#screen-loading").tryQuery().isEmpty()); // a screen that loads in the background
            assertTrue(robot.lookup(RAIL.get(i)).queryAs(ToggleButton.class).isSelected(), "Ctrl+" + (i + 1) + " shows " + titles[i]);
            Scene scene = shell.getScene();
            for (Shortcut s : Shortcut.values()) {
                if (!s.screen.equals(titles[i])) continue;
                assertEquals(1, s.attached(scene).size(), s + " is on one button of " + titles[i]);
                String tip = s.attached(scene).get(0).getTooltip().getText();
                assertTrue(tip.contains(s.display()), s + "'s button names its keys: " + tip);
            }
        }
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#nav-latent-lab").queryAs(ToggleButton.class).isSelected());
        robot.push(KeyCode.CONTROL, KeyCode.R); // the lab is still wired after coming back
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> text(robot, "#seed-info").equals("seeds 128–191"));
    }

    @Test
    void helpListsEveryShortcutAndAboutNamesTheVersions(FxRobot robot) throws Exception {
        robot.push(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> robot.lookup("#shortcuts-table").tryQuery().isPresent());
        List<String> shown = texts(robot.lookup("#shortcuts-table").queryParent());
        for (Shortcut s : Shortcut.values()) {
            assertTrue(shown.contains(s.display()) && shown.contains(s.action), s + " listed: " + shown);
        }
        for (String title : List.of("Latent Lab", "Training", "Inversion Lab", "Booth", "Partner")) {
            assertTrue(shown.contains("Show " + title), title + " has its key: " + shown);
        }
        robot.push(KeyCode.ESCAPE); // closes the dialog
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> robot.lookup("#shortcuts-table").tryQuery().isEmpty());

        String backend = String.valueOf(Environment.describe().get("backend"));
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> text(robot, "#environment").startsWith(backend + " · "));
        robot.clickOn("#help-menu").clickOn("#help-about");
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> robot.lookup("#about-table").tryQuery().isPresent());
        List<String> about = texts(robot.lookup("#about-table").queryParent());
        assertTrue(about.contains(Environment.studioVersion()), about.toString());
        assertFalse(Environment.studioVersion().isBlank());
        assertTrue(about.stream().anyMatch(t -> t.startsWith(System.getProperty("java.version"))), about.toString());
        assertTrue(about.contains(System.getProperty("javafx.runtime.version")), about.toString());
        assertTrue(about.contains(text(robot, "#environment")), "the backend as the status bar says it: " + about);
    }

    private static List<String> texts(Parent p) {
        List<String> out = new ArrayList<>();
        for (Node n : p.getChildrenUnmodifiable()) if (n instanceof Labeled l) out.add(l.getText());
        return out;
    }
}
