package dev.latentstudio.app.shell;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

import java.util.function.Supplier;

/**
 * One entry of the navigation rail: a title, an icon, a sentence for the tooltip, and how to build
 * the screen's view (called once, the first time the screen is shown).
 */
public record Screen(String title, Ikon icon, String description, Supplier<? extends Node> view) {
}
