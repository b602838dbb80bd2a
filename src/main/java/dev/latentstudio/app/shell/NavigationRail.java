package dev.latentstudio.app.shell;

import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.Tooltips;
import javafx.scene.input.KeyCombination;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** The column of screen buttons on the left: one button per {@link Screen}, exactly one selected. */
final class NavigationRail extends VBox {
    private final ToggleGroup group = new ToggleGroup();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", -1);

    NavigationRail(List<Screen> screens) {
        getStyleClass().add("nav-rail");
        setAlignment(Pos.TOP_CENTER);
        for (int i = 0; i < screens.size(); i++) {
            Screen s = screens.get(i);
            FontIcon icon = new FontIcon(s.icon());
            ToggleButton b = new ToggleButton(s.title(), icon);
            b.setId("nav-" + s.title().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            b.getStyleClass().add("rail-button");
            b.setContentDisplay(ContentDisplay.TOP);
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            KeyCombination keys = Shortcut.screen(i);
            b.setTooltip(Tooltips.of(s.title() + ": " + s.description() + (keys == null ? "" : " (" + Shortcut.display(keys) + ")")));
            b.setToggleGroup(group);
            b.setUserData(i);
            // a rail always shows one screen: clicking the selected button does not unselect it
            b.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
                if (b.isSelected()) e.consume();
            });
            getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) selected.set((Integer) t.getUserData());
        });
    }

    /** Puts a node at the foot of the rail, below the screen buttons (the Help menu). */
    void addFooter(javafx.scene.Node n) {
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        VBox.setVgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(gap, n);
    }

    void select(int i) {
        group.selectToggle(group.getToggles().get(i));
    }

    ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
