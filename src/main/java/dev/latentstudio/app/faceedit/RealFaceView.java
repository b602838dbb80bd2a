package dev.latentstudio.app.faceedit;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.common.Tooltips;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.io.File;
import java.nio.file.Path;

/** The Inversion Lab's "A real face" tab: pick a photo, edit its face with the sliders, morph it into another face. */
public final class RealFaceView extends BorderPane {
    private final RealFaceViewModel vm;

    public RealFaceView(RealFaceViewModel vm) {
        this.vm = vm;
        ChoiceBox<Path> photo = photoChoice("lab-face-photo", vm, "The photo whose largest face is edited, and which morphs.");
        photo.valueProperty().bindBidirectional(vm.photoProperty());
        Button open = button("lab-face-open", "Open…", new FontIcon(MaterialDesignF.FOLDER_OPEN),
                "A photo of your own (JPEG or PNG); its largest face is opened.", this::openPhoto);
        Button edit = button("lab-face-edit", "Edit face", new FontIcon(MaterialDesignF.FACE_SHIMMER),
                "Find the photo's largest face and put its readings on the sliders.", vm::open);
        edit.getStyleClass().add(Styles.ACCENT);
        ChoiceBox<Path> other = photoChoice("lab-face-other", vm, "The face the morph ends at.");
        other.valueProperty().bindBidirectional(vm.otherProperty());
        Button morph = button("lab-face-morph", "Morph", new FontIcon(MaterialDesignA.ACCOUNT_CONVERT),
                "Turn the opened face into this one, as the face recogniser sees it: each frame is drawn from the one "
                        + "before toward a descriptor further along the way. 12 frames, about a minute.", vm::morph);
        morph.disableProperty().bind(vm.edit().readyProperty().not());
        Label error = stat("lab-face-error", vm.errorProperty(), "What went wrong, and what to do instead.");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        showAndReveal(error, vm.errorProperty().isNotEmpty());
        Label about = new Label("The sliders run the expression and age/gender networks backwards from the face itself, while the "
                + "face recogniser keeps who it is; the edit is pasted back into the photo.");
        about.setWrapText(true);
        about.getStyleClass().add(Styles.TEXT_MUTED);

        VBox left = new VBox(10, caption("Photo"), photo, new HBox(8, open, edit), about, caption("Morph into"), other, morph, error);
        left.setPadding(new Insets(12));
        left.setPrefWidth(300);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        setLeft(leftScroll);
        HBox panels = new HBox(8, new FaceEditPanel(vm.edit(), "lab"), new MorphFacesPanel(vm.morphs(), "lab"));
        ScrollPane centre = new ScrollPane(panels);
        setCenter(centre);
    }

    private static ChoiceBox<Path> photoChoice(String id, RealFaceViewModel vm, String tip) {
        ChoiceBox<Path> c = new ChoiceBox<>(vm.photosProperty());
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setTooltip(Tooltips.of(tip));
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        return c;
    }

    private void openPhoto() {
        FileChooser c = new FileChooser();
        c.setTitle("A photo with a face");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.jpg", "*.jpeg", "*.png"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) vm.addPhoto(f.toPath());
    }
}
