package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
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

/** Every control a user can touch, on every screen and tab, explains itself in a tooltip. */
@ExtendWith(ApplicationExtension.class)
class TooltipsEverywhereTest {
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
        shell = new StudioShell(new ShellViewModel(jobs), StudioShell.screens(jobs, generator.toString()));
        stage.setScene(new Scene(shell, StudioShell.WIDTH, StudioShell.HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void everyControlOnEveryScreenHasATooltip(FxRobot robot) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String screen : List.of("#nav-latent-lab", "#nav-training", "#nav-inversion-lab", "#nav-booth", "#nav-partner")) {
            robot.clickOn(screen);
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(60, SECONDS, () -> robot.lookup("#screen-loading").tryQuery().isEmpty()); // a screen that loads in the background
            WaitForAsyncUtils.asyncFx(() -> {
                // every tab's content, shown or not
                collect(shell, missing, screen);
                return null;
            }).get(30, SECONDS);
        }
        assertEquals(List.of(), missing, "controls without a tooltip");
    }

    private static void collect(Node n, List<String> missing, String where) {
        if (n instanceof Control c && c.getTooltip() == null && needsTip(c)) {
            missing.add(where + ": " + c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId())
                    + (c instanceof javafx.scene.control.Labeled l && l.getText() != null ? " '" + l.getText() + "'" : ""));
        }
        if (n instanceof TabPane tp) {
            for (Tab t : tp.getTabs()) {
                if (t.getTooltip() == null) missing.add(where + ": tab '" + t.getText() + "'");
                if (t.getContent() != null) collect(t.getContent(), missing, where);
            }
            return;
        }
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) collect(child, missing, where);
    }

    /** Plain text, containers and the pieces inside other controls (scroll bars, list cells) need none. */
    private static boolean needsTip(Control c) {
        if (c instanceof Label || c instanceof ScrollBar || c instanceof ScrollPane || c instanceof SplitPane || c instanceof TabPane) {
            return false;
        }
        if (c instanceof TextArea) return true;
        for (Parent p = c.getParent(); p != null; p = p.getParent()) {
            // the inner parts of a composite control (a spinner's text field, a combo box's cell) share its tooltip
            if (p instanceof Control owner && !(owner instanceof ScrollPane || owner instanceof SplitPane || owner instanceof TabPane
                    || owner instanceof Label)) {
                return false;
            }
        }
        return true;
    }
}
