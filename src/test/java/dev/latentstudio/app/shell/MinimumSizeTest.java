package dev.latentstudio.app.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latentstudio.app.StudioApp;
import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.TabPane;
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

/**
 * The window at its minimum size: on every screen the main buttons lie inside the window, every tab's name is
 * inside its tab bar, and the canvases have room to draw.
 */
@ExtendWith(ApplicationExtension.class)
class MinimumSizeTest {
    /** Per rail button: the controls that must be reachable there, and the canvases that must show. */
    private static final Map<String, List<String>> SCREENS = Map.of(
            "#nav-latent-lab", List.of("#shuffle", "#export-grid", "#generator-choice", "#clear-picks", "canvas:#latent-grid"),
            "#nav-training", List.of("#start", "#stop", "#data-source", "canvas:#training-preview", "canvas:#loss-chart"),
            "#nav-inversion-lab", List.of("#start", "#cancel", "#objective", "#export-png", "canvas:#inversion-canvas", "canvas:#inversion-chart"),
            "#nav-booth", List.of("#booth-start", "#booth-stop", "#booth-source", "#booth-enroll", "#booth-portrait", "canvas:#booth-canvas"),
            "#nav-partner", List.of("#partner-open", "#partner-export"));
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
        stage.setScene(new Scene(shell, StudioApp.MIN_WIDTH, StudioApp.MIN_HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        jobs.close();
    }

    @Test
    void everyScreenIsUsableAtTheMinimumSize(FxRobot robot) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String screen : List.of("#nav-latent-lab", "#nav-training", "#nav-inversion-lab", "#nav-booth", "#nav-partner")) {
            robot.clickOn(screen);
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(60, SECONDS, () -> robot.lookup("#screen-loading").tryQuery().isEmpty()); // a screen that loads in the background
            WaitForAsyncUtils.asyncFx(() -> {
                shell.layout();
                Bounds window = new javafx.geometry.BoundingBox(0, 0, shell.getScene().getWidth(), shell.getScene().getHeight());
                for (String what : SCREENS.get(screen)) {
                    boolean canvas = what.startsWith("canvas:");
                    String id = canvas ? what.substring(7) : what;
                    Node n = shell.lookup(id);
                    if (n == null) {
                        problems.add(screen + ": no " + id);
                        continue;
                    }
                    Bounds b = n.localToScene(n.getLayoutBounds());
                    if (canvas) {
                        Canvas c = (Canvas) n;
                        if (c.getWidth() < 100 || c.getHeight() < 100) problems.add(screen + ": " + id + " is " + c.getWidth() + "×" + c.getHeight());
                    } else if (!inside(window, b) || !inScrolledView(n, b) || !shown(n) || b.getWidth() < 8) {
                        problems.add(screen + ": " + id + " at " + b + " not inside the window " + window);
                    }
                }
                Node view = ((javafx.scene.layout.StackPane) shell.getCenter()).getChildren().get(0);
                Bounds v = view.localToScene(view.getLayoutBounds());
                if (!inside(window, v)) problems.add(screen + ": the screen " + v + " is larger than the window");
                for (Node tp : shell.lookupAll(".tab-pane")) {
                    if (!shown(tp)) continue;
                    Bounds bar = tp.localToScene(tp.getLayoutBounds());
                    for (Node tab : tp.lookupAll(".tab")) {
                        if (tab.getParent() == null || !(tab.getParent().getParent() != null)) continue;
                        Bounds t = tab.localToScene(tab.getLayoutBounds());
                        if (t.getMaxX() > bar.getMaxX() + 0.5 || t.getMinX() < bar.getMinX() - 0.5) {
                            problems.add(screen + ": tab " + ((TabPane) tp).getId() + " header " + t + " outside its bar " + bar);
                        }
                    }
                }
                return null;
            }).get(30, SECONDS);
            FxSnapshots.save(shell, Path.of("target", "min-size-" + screen.substring(5) + ".png"));
        }
        assertEquals(List.of(), problems);
    }

    private static boolean inside(Bounds window, Bounds b) {
        return b.getMinX() >= window.getMinX() - 0.5 && b.getMinY() >= window.getMinY() - 0.5
                && b.getMaxX() <= window.getMaxX() + 0.5 && b.getMaxY() <= window.getMaxY() + 0.5;
    }

    /** Inside the viewport of every scroll pane around it: in sight without scrolling. */
    private static boolean inScrolledView(Node n, Bounds b) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                Bounds view = sp.localToScene(sp.getLayoutBounds());
                if (!inside(view, b)) return false;
            }
        }
        return true;
    }

    /** It and its parents visible: on the screen shown, in the tab selected. */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }
}
