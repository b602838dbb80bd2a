package dev.latentstudio.app.common;

import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** Tooltips in one style: wrapped, not too wide, shown quickly. Every control in the studio has one. */
public final class Tooltips {
    private Tooltips() {
    }

    public static Tooltip of(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(400));
        return t;
    }

    /** A tooltip on a node that is not a control (a canvas, say). */
    public static void install(javafx.scene.Node n, String text) {
        Tooltip.install(n, of(text));
    }
}
