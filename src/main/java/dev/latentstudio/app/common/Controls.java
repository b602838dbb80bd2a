package dev.latentstudio.app.common;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** The small pieces every screen's form is built from, in one style. */
public final class Controls {
    private Controls() {
    }

    public static Button button(String id, String text, FontIcon icon, String tip, Runnable action) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setTooltip(Tooltips.of(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A figure that follows a view-model property. */
    public static Label stat(String id, ObservableValue<String> text, String tip) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setTooltip(Tooltips.of(tip));
        return l;
    }

    /**
     * An editable whole-number spinner bound both ways to {@code p}. Bidirectional bindings hold their ends weakly,
     * so the object view of {@code p} they bind is added to {@code keep}, which the view holds as long as it lives.
     */
    public static Spinner<Integer> intSpinner(String id, IntegerProperty p, int min, int max, int stepBy, String tip, List<Object> keep) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get(), stepBy);
        s.setId(id);
        s.setEditable(true);
        ObjectProperty<Integer> object = p.asObject();
        keep.add(object);
        s.getValueFactory().valueProperty().bindBidirectional(object);
        s.setTooltip(Tooltips.of(tip));
        s.setMaxWidth(Double.MAX_VALUE);
        return s;
    }

    /** {@link #intSpinner}'s counterpart for a real number. */
    public static Spinner<Double> doubleSpinner(String id, DoubleProperty p, double min, double max, double stepBy, String tip, List<Object> keep) {
        Spinner<Double> s = new Spinner<>(min, max, p.get(), stepBy);
        s.setId(id);
        s.setEditable(true);
        ObjectProperty<Double> object = p.asObject();
        keep.add(object);
        s.getValueFactory().valueProperty().bindBidirectional(object);
        s.setTooltip(Tooltips.of(tip));
        s.setMaxWidth(Double.MAX_VALUE);
        return s;
    }

    /** A form label for a control, sharing its tooltip. */
    public static Label label(String text, Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        if (target instanceof Control c) l.setTooltip(c.getTooltip());
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A section heading. */
    public static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    /** Growing space in a row. */
    public static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** Shows the node, and gives it room in the layout, only while the condition holds. */
    public static void show(Node n, ObservableValue<Boolean> when) {
        n.visibleProperty().bind(when);
        n.managedProperty().bind(n.visibleProperty());
    }

    /**
     * {@link #show} for a message the user must see: each time it appears or its text changes, the
     * nearest enclosing scroll pane scrolls it into view (a form's error below the fold made Start
     * look as if it did nothing).
     */
    public static void showAndReveal(Labeled n, ObservableValue<Boolean> when) {
        show(n, when);
        InvalidationListener reveal = o -> {
            if (n.isVisible()) Platform.runLater(() -> reveal(n));
        };
        n.visibleProperty().addListener(reveal);
        n.textProperty().addListener(reveal);
    }

    /** Scrolls the nearest scroll pane around {@code n} just far enough to show all of it. */
    static void reveal(Node n) {
        ScrollPane pane = null;
        for (Parent p = n.getParent(); p != null && pane == null; p = p.getParent()) {
            if (p instanceof ScrollPane sp) pane = sp;
        }
        if (pane == null || !(pane.getContent() instanceof Parent content)) return;
        pane.applyCss();
        pane.layout(); // the message was just made managed: size the content and place it before measuring
        double view = pane.getViewportBounds().getHeight();
        double extra = content.getLayoutBounds().getHeight() - view;
        if (extra <= 0) return;
        Bounds b = content.sceneToLocal(n.localToScene(n.getLayoutBounds()));
        double range = pane.getVmax() - pane.getVmin();
        double top = (pane.getVvalue() - pane.getVmin()) / range * extra;
        if (b.getMaxY() > top + view) top = b.getMaxY() - view;
        if (b.getMinY() < top) top = b.getMinY();
        pane.setVvalue(pane.getVmin() + range * Math.max(0, Math.min(1, top / extra)));
    }
}
