package dev.latentstudio.app.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.engine.Logs;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The rail's Help button: Shortcuts (the {@link Shortcut} table and the screen keys) and About (versions, backend). */
final class HelpMenu extends MenuButton {
    private final ShellViewModel vm;
    private final List<Screen> screens;
    private final Supplier<Window> owner;

    HelpMenu(ShellViewModel vm, List<Screen> screens, Supplier<Window> owner) {
        super("Help", new FontIcon(MaterialDesignH.HELP_CIRCLE_OUTLINE));
        this.vm = vm;
        this.screens = screens;
        this.owner = owner;
        setId("help-menu");
        getStyleClass().addAll("rail-button", Styles.FLAT, Tweaks.NO_ARROW);
        setContentDisplay(ContentDisplay.TOP);
        setMaxWidth(Double.MAX_VALUE);
        setTooltip(Tooltips.of("The keyboard shortcuts, and the versions this studio runs on."));
        MenuItem keys = new MenuItem("Shortcuts…", new FontIcon(MaterialDesignK.KEYBOARD_OUTLINE));
        keys.setId("help-shortcuts");
        keys.setAccelerator(Shortcut.SHORTCUTS.keys);
        keys.setOnAction(e -> showShortcuts());
        MenuItem about = new MenuItem("About Latent Studio", new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        about.setId("help-about");
        about.setOnAction(e -> showAbout());
        getItems().addAll(keys, about);
    }

    /** Every shortcut: the screen keys first, then each action with the screen it works on. */
    void showShortcuts() {
        GridPane table = table("shortcuts-table");
        int row = 0;
        for (int i = 0; i < screens.size() && Shortcut.screen(i) != null; i++) {
            addRow(table, row++, Shortcut.display(Shortcut.screen(i)), "Show " + screens.get(i).title(), "Studio");
        }
        for (Shortcut s : Shortcut.values()) addRow(table, row++, s.display(), s.action, s.screen);
        show("Keyboard shortcuts", "Keys that work on the screen shown", table, "shortcuts-dialog");
    }

    /** The studio's version, Java's, JavaFX's and the ND4J backend's, as the status bar shows it. */
    void showAbout() {
        GridPane table = table("about-table");
        int row = 0;
        for (Map.Entry<String, String> e : vm.about().entrySet()) addRow(table, row++, e.getKey(), e.getValue(), null);
        addRow(table, row, "Log", Logs.file().toString(), null);
        show("About Latent Studio", "Latent Studio " + vm.about().get("Latent Studio"), table, "about-dialog");
    }

    private static GridPane table(String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(16);
        g.setVgap(6);
        return g;
    }

    private static void addRow(GridPane g, int row, String first, String second, String third) {
        Label a = new Label(first);
        a.getStyleClass().add(Styles.TEXT_BOLD);
        Label b = new Label(second);
        b.setWrapText(true);
        b.setMaxWidth(420);
        if (third == null) {
            g.addRow(row, a, b);
        } else {
            Label c = new Label(third);
            c.getStyleClass().add(Styles.TEXT_MUTED);
            g.addRow(row, a, b, c);
        }
    }

    private void show(String title, String header, GridPane content, String id) {
        Alert a = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId(id);
        a.initOwner(owner.get());
        a.show();
    }
}
