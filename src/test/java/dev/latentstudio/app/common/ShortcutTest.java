package dev.latentstudio.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A shortcut fires the one button of its kind that is shown and enabled, wherever the focus is, and its tooltip names the keys. */
@ExtendWith(ApplicationExtension.class)
class ShortcutTest {
    private final AtomicInteger first = new AtomicInteger();
    private final AtomicInteger second = new AtomicInteger();
    private Button a;
    private Button b;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        a = Controls.button("a", "A", null, "Starts A.", first::incrementAndGet);
        b = Controls.button("b", "B", null, "Starts B.", second::incrementAndGet);
        Shortcut.TRAINING_START.attach(a);
        Shortcut.TRAINING_START.attach(b);
        tabs = new TabPane(new Tab("one", a), new Tab("two", b));
        TextField field = new TextField();
        field.setId("field");
        stage.setScene(new Scene(new VBox(field, tabs), 400, 300));
        stage.show();
    }

    private void ctrlEnter(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void firesTheShownEnabledButtonOnly(FxRobot robot) throws Exception {
        assertTrue(a.getTooltip().getText().endsWith("(Ctrl+Enter)"), a.getTooltip().getText());
        robot.clickOn("#field"); // typing in a field does not take the keys away
        ctrlEnter(robot);
        assertEquals(1, first.get());
        assertEquals(0, second.get());

        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(1)).get();
        ctrlEnter(robot);
        assertEquals(1, first.get(), "A's tab is hidden");
        assertEquals(1, second.get());

        WaitForAsyncUtils.asyncFx(() -> b.setDisable(true)).get();
        ctrlEnter(robot);
        assertEquals(1, first.get());
        assertEquals(1, second.get(), "a disabled button does not fire");

        // a button taken out of the window no longer answers
        WaitForAsyncUtils.asyncFx(() -> {
            b.setDisable(false);
            tabs.getTabs().get(1).setContent(null);
        }).get();
        ctrlEnter(robot);
        assertEquals(1, second.get());
        assertEquals(0, Shortcut.TRAINING_START.attached(a.getScene()).stream().filter(x -> x == b).count());
    }
}
