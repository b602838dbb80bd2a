package dev.latentstudio.app.common;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * A screen asks the shell to show another screen (by its rail title): fired on a node of the screen, it
 * bubbles up to the shell, which selects that screen. Screens need not know the shell.
 */
public final class ShowScreen extends Event {
    public static final EventType<ShowScreen> SHOW = new EventType<>(Event.ANY, "SHOW_SCREEN");
    private final String title;

    public ShowScreen(String title) {
        super(SHOW);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
