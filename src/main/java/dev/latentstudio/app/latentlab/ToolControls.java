package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.Failures;
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

    /**
     * "A  seed:1  [← picks]": a slot showing its latent spec, filled with the average of the picks by the
     * button, or with one sample dragged from the grid or the picks and dropped on it.
     */
    static HBox slot(LatentLabViewModel lab, String name, String id, ObjectProperty<LatentFile.Named> slot, String tip) {
        Label n = new Label(name);
        n.getStyleClass().addAll(Styles.TITLE_4, "slot-name");
        n.setMinWidth(22);
        Label spec = new Label();
        spec.setId(id + "-spec");
        spec.getStyleClass().add(Styles.TEXT_MUTED);
        spec.textProperty().bind(Bindings.createStringBinding(() -> slot.get() == null ? "—" : slot.get().name(), slot));
        spec.setTooltip(Tooltips.of("The latent vector in slot " + name + ", as a spec the CLI accepts. "
                + "Drag a sample from the grid or your picks onto this row to put it here."));
        spec.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(spec, Priority.ALWAYS);
        Button b = new Button("← picks", new FontIcon(MaterialDesignA.ARROW_LEFT_BOLD_BOX_OUTLINE));
        b.setId(id + "-fill");
        b.getStyleClass().add(Styles.SMALL);
        b.setTooltip(Tooltips.of(tip));
        b.setOnAction(e -> lab.fillFromPicks(slot));
        HBox row = new HBox(8, n, spec, b);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("slot");
        return droppable(row, lab, slot);
    }

    /** Lets grid samples and picks be dropped onto a slot row (the slot takes that one sample). */
    private static HBox droppable(HBox row, LatentLabViewModel lab, ObjectProperty<LatentFile.Named> slot) {
        row.setOnDragOver(e -> {
            if (lab.dragged(e.getDragboard().getString()) != null) e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            e.consume();
        });
        row.setOnDragEntered(e -> row.getStyleClass().add("drop-target"));
        row.setOnDragExited(e -> row.getStyleClass().remove("drop-target"));
        row.setOnDragDropped(e -> {
            LatentFile.Named n = lab.dragged(e.getDragboard().getString());
            if (n != null) slot.set(n);
            e.setDropCompleted(n != null);
            e.consume();
        });
        return row;
    }

    /** Starts dragging a sample from a node (a grid tile, a pick), showing its picture under the pointer. */
    static void dragSample(javafx.scene.Node from, javafx.scene.input.MouseEvent e, String token, javafx.scene.image.Image picture) {
        javafx.scene.input.Dragboard db = from.startDragAndDrop(javafx.scene.input.TransferMode.COPY);
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(token);
        db.setContent(c);
        if (picture != null) db.setDragView(picture);
        e.consume();
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
                lab.setNotice("Could not save " + p.getFileName() + ": " + Failures.message(ex));
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
