package dev.latentstudio.app.latentlab;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.Tooltips;
import dev.latentstudio.engine.latent.LatentFile;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/** Small building blocks the Latent Lab tool panes share: slot rows, labelled sliders, save dialogs. */
final class ToolControls {
    private ToolControls() {
    }

    /** "A  seed:1  [← picks]": a slot showing its latent spec, filled from the picks by the button. */
    static HBox slot(String name, String id, ObjectProperty<LatentFile.Named> slot, Runnable fill, String tip) {
        Label n = new Label(name);
        n.getStyleClass().addAll(Styles.TITLE_4, "slot-name");
        n.setMinWidth(22);
        Label spec = new Label();
        spec.setId(id + "-spec");
        spec.getStyleClass().add(Styles.TEXT_MUTED);
        spec.textProperty().bind(Bindings.createStringBinding(() -> slot.get() == null ? "—" : slot.get().name(), slot));
        spec.setTooltip(Tooltips.of("The latent vector in slot " + name + ", as a spec the CLI accepts."));
        spec.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(spec, Priority.ALWAYS);
        Button b = new Button("← picks", new FontIcon(MaterialDesignA.ARROW_LEFT_BOLD_BOX_OUTLINE));
        b.setId(id + "-fill");
        b.getStyleClass().add(Styles.SMALL);
        b.setTooltip(Tooltips.of(tip));
        b.setOnAction(e -> fill.run());
        HBox row = new HBox(8, n, spec, b);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A slider with its name and current value. */
    static HBox slider(String name, String id, DoubleProperty p, double min, double max, String format, String tip) {
        Label n = new Label(name);
        n.setMinWidth(70);
        Slider s = new Slider(min, max, p.get());
        s.setId(id);
        s.valueProperty().bindBidirectional(p);
        s.setTooltip(Tooltips.of(tip));
        HBox.setHgrow(s, Priority.ALWAYS);
        Label v = new Label();
        v.setMinWidth(52);
        v.getStyleClass().add(Styles.TEXT_MUTED);
        v.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, format, p.get()), p));
        HBox row = new HBox(8, n, s, v);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** What a save button does with the file the user chose. */
    interface Save {
        void to(Path file) throws Exception;
    }

    /**
     * A button that asks where to save one kind of file (extension added when missing) and saves it;
     * a failure becomes the lab's notice instead of an exception on the FX thread.
     */
    static javafx.scene.control.Button saveButton(LatentLabViewModel lab, String text, org.kordamp.ikonli.Ikon icon, String id,
                                                  String tip, String initialName, String description, Save save) {
        javafx.scene.control.Button b = new javafx.scene.control.Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(Tooltips.of(tip));
        String ext = initialName.substring(initialName.lastIndexOf('.') + 1);
        b.setOnAction(e -> {
            Path p = saveAs(b.getScene().getWindow(), "Save " + initialName, initialName, description, ext);
            if (p == null) return;
            try {
                save.to(p);
            } catch (Exception ex) {
                lab.setNotice("Could not save " + p.getFileName() + ": " + LatentLabViewModel.messageOf(ex));
            }
        });
        return b;
    }

    /** A save dialog for one kind of file; null when cancelled. */
    static Path saveAs(Window owner, String title, String initialName, String description, String extension) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(initialName);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        File f = fc.showSaveDialog(owner);
        if (f == null) return null;
        Path p = f.toPath();
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension) ? p : Path.of(p + "." + extension);
    }
}
