package dev.latentstudio.app.common;

import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The studio's keyboard shortcuts, in one place: the keys each button answers to, the words its tooltip and
 * Help ▸ Shortcuts show. A button {@link #attach attached} to one fires on its keys while it is in the window,
 * shown (its tab selected) and enabled; screens sharing a key (Start is Ctrl+Enter everywhere) never clash, as
 * only the screen shown is in the window.
 */
public enum Shortcut {
    SHUFFLE("Latent Lab", "Shuffle: draw the next grid", key(KeyCode.R)),
    EXPORT_GRID("Latent Lab", "Export the grid as a PNG", key(KeyCode.E)),
    TRAINING_START("Training", "Start a run", key(KeyCode.ENTER)),
    TRAINING_STOP("Training", "Stop the run (a checkpoint is saved)", new KeyCodeCombination(KeyCode.ESCAPE)),
    INVERSION_START("Inversion Lab", "Start the inversion", key(KeyCode.ENTER)),
    INVERSION_CANCEL("Inversion Lab", "Cancel the inversion", new KeyCodeCombination(KeyCode.ESCAPE)),
    INVERSION_EXPORT("Inversion Lab", "Export the selected picture as a PNG", key(KeyCode.E)),
    BOOTH_START("Booth", "Start the chosen source", key(KeyCode.ENTER)),
    BOOTH_STOP("Booth", "Stop playing", new KeyCodeCombination(KeyCode.ESCAPE)),
    BOOTH_ENROL("Booth", "Enrol the face on screen under the typed name", key(KeyCode.N)),
    BOOTH_PORTRAIT("Booth", "Draw the identity portrait", key(KeyCode.P)),
    KIOSK_PORTRAIT("Booth kiosk", "Draw the portrait of the face on screen", new KeyCodeCombination(KeyCode.P)),
    KIOSK_MORPH("Booth kiosk", "Morph the face on screen into the selected person or the next sample photo; again: stop", new KeyCodeCombination(KeyCode.M)),
    KIOSK_LEAVE("Booth kiosk", "Leave the kiosk", new KeyCodeCombination(KeyCode.ESCAPE)),
    PARTNER_START("Partner", "Start a training run", key(KeyCode.ENTER)),
    PARTNER_STOP("Partner", "Stop the training run", new KeyCodeCombination(KeyCode.ESCAPE)),
    PARTNER_EXPORT("Partner", "Export the translation as a PNG", key(KeyCode.E)),
    SHORTCUTS("Studio", "Help ▸ Shortcuts (this list)", new KeyCodeCombination(KeyCode.F1));

    /** Where an action lives (a screen's rail title, or "Studio" for the whole window). */
    public final String screen;
    public final String action;
    public final KeyCombination keys;

    Shortcut(String screen, String action, KeyCombination keys) {
        this.screen = screen;
        this.action = action;
        this.keys = keys;
    }

    private static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }

    /** The keys that show screen i (0-based) of the rail: Ctrl+1, Ctrl+2, …; null past the ninth. */
    public static KeyCombination screen(int i) {
        return i < 9 ? key(KeyCode.valueOf("DIGIT" + (i + 1))) : null;
    }

    /** The keys as the user types them, "Ctrl+R". */
    public String display() {
        return display(keys);
    }

    /** Keys in words: JavaFX writes Enter as an arrow symbol that the fonts of some desktops lack. */
    public static String display(KeyCombination k) {
        return k.getDisplayText().replace("\u21b5", "Enter");
    }

    /** Makes the button answer to this shortcut and names the keys in its tooltip. */
    public void attach(ButtonBase b) {
        Tooltip tip = b.getTooltip();
        if (tip != null && !tip.textProperty().isBound()) tip.setText(tip.getText() + " (" + display() + ")");
        b.getProperties().put(Shortcut.class, this);
        ChangeListener<Scene> moved = (o, from, to) -> {
            if (from != null) buttons(from).getOrDefault(keys, new ArrayList<>()).remove(b);
            if (to != null) register(to, keys, b);
        };
        b.sceneProperty().addListener(moved);
        if (b.getScene() != null) register(b.getScene(), keys, b);
    }

    /** The buttons in the scene attached to this shortcut (the screen shown has one per shortcut of its own). */
    public List<ButtonBase> attached(Scene s) {
        return buttons(s).getOrDefault(keys, List.of()).stream().filter(b -> b.getProperties().get(Shortcut.class) == this).toList();
    }

    /** The buttons attached to each key combination in a scene; kept in the scene's properties. */
    @SuppressWarnings("unchecked")
    private static Map<KeyCombination, List<ButtonBase>> buttons(Scene s) {
        return (Map<KeyCombination, List<ButtonBase>>) s.getProperties()
                .computeIfAbsent(Shortcut.class, k -> new LinkedHashMap<KeyCombination, List<ButtonBase>>());
    }

    private static void register(Scene s, KeyCombination keys, ButtonBase b) {
        List<ButtonBase> list = buttons(s).computeIfAbsent(keys, k -> new ArrayList<>());
        if (!list.contains(b)) list.add(b);
        ObservableMap<KeyCombination, Runnable> acc = s.getAccelerators();
        acc.putIfAbsent(keys, () -> {
            for (ButtonBase candidate : List.copyOf(buttons(s).getOrDefault(keys, List.of()))) {
                if (usable(candidate)) {
                    candidate.fire();
                    return;
                }
            }
        });
    }

    /** Enabled and on screen: it and every parent visible (a tab not selected hides its content). */
    static boolean usable(ButtonBase b) {
        if (b.isDisabled()) return false;
        for (Node n = b; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }
}
