package dev.latentstudio.app.booth;

import static dev.latentstudio.app.common.Controls.*;

import atlantafx.base.theme.Styles;
import dev.latentstudio.app.booth.BoothViewModel.Source;
import dev.latentstudio.app.common.CanvasPane;
import dev.latentstudio.app.faceedit.FaceEditPanel;
import dev.latentstudio.app.faceedit.MorphFacesPanel;
import dev.latentstudio.app.faceedit.MorphFacesViewModel;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.PictureRenderer;
import dev.latentstudio.app.common.Shortcut;
import dev.latentstudio.app.common.ShowScreen;
import dev.latentstudio.app.common.Tooltips;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.io.File;

/** The webcam booth: live frames with face overlays, the source picker and the overlay switches. */
public final class BoothView extends BorderPane {
    private final BoothViewModel vm;
    private Stage kioskStage;
    /** The live frame's least side in a narrow window. */
    private static final double MIN_CANVAS = 200;

    public BoothView(BoothViewModel vm) {
        this.vm = vm;
        getStyleClass().add("booth");
        ScrollPane side = new ScrollPane(controls());
        side.setFitToWidth(true);
        side.setPrefWidth(330);
        side.setMinWidth(240);
        // a row, not a border pane's sides: in a narrow window the columns give way down to their minimum and the
        // live frame keeps room to show
        Node live = canvas();
        HBox.setHgrow(live, Priority.ALWAYS);
        PortraitPanel portrait = new PortraitPanel(vm.portrait());
        FaceEditPanel edit = new FaceEditPanel(vm.faceEdit(), "booth");
        MorphFacesPanel morph = new MorphFacesPanel(vm.morphFaces(), "booth");
        ScrollPane rightScroll = new ScrollPane(new VBox(portrait, edit, morph));
        rightScroll.setFitToWidth(true);
        rightScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // takes room only once a portrait, an edit or a morph is asked for
        rightScroll.visibleProperty().bind(portrait.visibleProperty().or(edit.visibleProperty()).or(morph.visibleProperty()));
        rightScroll.managedProperty().bind(rightScroll.visibleProperty());
        setCenter(new HBox(side, live, rightScroll));
        vm.kioskProperty().addListener((o, a, on) -> kiosk(on));
    }

    public BoothViewModel viewModel() {
        return vm;
    }

    private Node controls() {
        ChoiceBox<Source> source = new ChoiceBox<>(vm.sourcesProperty());
        source.setId("booth-source");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        source.setTooltip(Tooltips.of("Where the pictures come from: a webcam, the bundled sample photos, or a folder or "
                + "video you open. With no camera, pick the sample photos."));
        Button folder = button("booth-open-folder", "Folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN),
                "Play a folder of pictures, each for a moment.", this::openFolder);
        Button video = button("booth-open-video", "Video…", new FontIcon(MaterialDesignF.FILE_VIDEO),
                "Play a video file. This build's OpenCV reads MJPEG .avi files (no H.264 .mp4).", this::openVideo);
        Button start = button("booth-start", "Start", new FontIcon(MaterialDesignP.PLAY),
                "Start the chosen source; faces are found, named and described live.", vm::start);
        start.getStyleClass().add(Styles.ACCENT);
        Shortcut.BOOTH_START.attach(start);
        Button stop = button("booth-stop", "Stop", new FontIcon(MaterialDesignS.STOP), "Stop playing.", vm::stop);
        stop.disableProperty().bind(vm.runningProperty().not());
        Shortcut.BOOTH_STOP.attach(stop);
        Button kiosk = button("booth-kiosk", "Kiosk", new FontIcon(MaterialDesignM.MONITOR_SCREENSHOT),
                "Full screen with the video alone, for a demo booth. There P draws the portrait of the face on screen, and M "
                        + "morphs it into the person selected in the list (with nobody selected, into the next sample photo's "
                        + "face) beside the video; M again stops the morph. Esc leaves.", () -> vm.kioskProperty().set(true));

        CheckBox landmarks = check("booth-landmarks", "68 landmarks", vm.landmarksProperty(),
                "Find and draw the 68 face landmarks (eyes, brows, nose, mouth, jaw) used to align each face.");
        CheckBox identify = check("booth-identify", "Names", vm.identifyProperty(),
                "Encode each aligned face as 128 numbers and name it against the enrolled people (or \"unknown\").");
        CheckBox attributes = check("booth-attributes", "Age, gender, expression", vm.attributesProperty(),
                "Estimate age, gender and the most likely of seven expressions for each face.");
        CheckBox hog = check("booth-hog", "HOG picture", vm.hogProperty(),
                "Show the histogram-of-oriented-gradients picture of the frame: per cell, the strongest edge "
                        + "directions as strokes. Classic face detectors look at this.");
        Slider still = new Slider(500, 6000, vm.stillMillisProperty().get());
        still.setId("booth-still");
        still.valueProperty().addListener((o, a, v) -> vm.stillMillisProperty().set(v.intValue()));
        still.setTooltip(Tooltips.of("How long each picture of a folder stays up."));
        Label stillValue = stat("booth-still-value", still.valueProperty().asString("%.0f ms"), "How long each picture stays up.");

        Label status = stat("booth-status", vm.statusProperty(), "What the booth is doing.");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        // wrapped messages keep all their lines: a short column must not cut them to one line and an ellipsis
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label error = stat("booth-error", vm.errorProperty(), "What went wrong, and what to do instead.");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button useSamples = button("booth-use-samples", "Play the sample photos", new FontIcon(MaterialDesignF.FOLDER_IMAGE),
                "Switch the source to the bundled sample photos and start them.", vm::useSamplePhotos);
        show(useSamples, vm.offerSamplesProperty());
        error.getStyleClass().add(Styles.DANGER);
        showAndReveal(error, vm.errorProperty().isNotEmpty());
        VBox problem = new VBox(8, error, useSamples);
        Label repaired = stat("booth-repaired", vm.repairedProperty(), "What was fixed in the gallery folder when it was opened.");
        repaired.setWrapText(true);
        repaired.getStyleClass().add(Styles.TEXT_MUTED);
        show(repaired, vm.repairedProperty().isNotEmpty());

        TextField name = new TextField();
        name.setId("booth-enroll-name");
        name.setPromptText("Name");
        name.textProperty().bindBidirectional(vm.enrollNameProperty());
        name.setTooltip(Tooltips.of("The name to enrol the face on screen under."));
        Button enroll = button("booth-enroll", "Enrol", new FontIcon(MaterialDesignA.ACCOUNT_PLUS),
                "Take a snapshot of the largest face on screen and enrol it under this name. A few snapshots per person "
                        + "(turn a little, change the light) make the naming surer.", vm::enroll);
        enroll.disableProperty().bind(vm.shownProperty().isNull());
        Shortcut.BOOTH_ENROL.attach(enroll);
        name.setOnAction(e -> vm.enroll());
        HBox.setHgrow(name, Priority.ALWAYS);
        name.setPrefColumnCount(10);
        ListView<String> people = new ListView<>(vm.peopleProperty());
        people.setId("booth-people");
        people.setPrefHeight(80);
        people.setPlaceholder(new Label("Nobody enrolled yet."));
        people.setTooltip(Tooltips.of("The enrolled people, stored in your data folder. Select one and press Forget to "
                + "delete their snapshots."));
        Button forget = button("booth-forget", "Forget", new FontIcon(MaterialDesignD.DELETE_OUTLINE),
                "Forget the selected person and delete their snapshots.", () -> {
                    String who = people.getSelectionModel().getSelectedItem();
                    if (who != null) vm.remove(who);
                });
        forget.disableProperty().bind(people.getSelectionModel().selectedItemProperty().isNull());
        people.getSelectionModel().selectedItemProperty().addListener((o, a, who) -> vm.selectedPersonProperty().set(who));
        Button portrait = button("booth-portrait", "Portrait", new FontIcon(MaterialDesignF.FACE_RECOGNITION),
                "Draw the portrait the network remembers of you: a picture grown from grey until the face recogniser "
                        + "reads it as the largest face on screen (or as the person selected in the list; Ctrl-click "
                        + "deselects). 300 steps, about half a minute; the booth keeps playing.", vm.portrait()::draw);

        Button edit = button("booth-edit-face", "Edit face", new FontIcon(MaterialDesignF.FACE_SHIMMER),
                "Edit the largest face on screen with sliders: an expression, older or younger, more male or female. "
                        + "The networks are run backwards from the face itself, keeping who it is; the edit is pasted back into the frame.",
                vm::editFace);
        edit.disableProperty().bind(vm.shownProperty().isNull());
        Button morph = button("booth-morph", "Morph with…", new FontIcon(MaterialDesignA.ACCOUNT_CONVERT),
                "You turning into someone else, as the face recogniser sees it: into the person selected in the list, or "
                        + "(with nobody selected) into the largest face of a photo you pick. 12 frames, about a minute.", () -> {
                    String who = people.getSelectionModel().getSelectedItem();
                    if (who != null) vm.morphFaces().morphWith(who);
                    else morphWithPhoto();
                });
        morph.disableProperty().bind(vm.shownProperty().isNull());

        Shortcut.BOOTH_PORTRAIT.attach(portrait);
        Button partner = button("booth-partner", "Partner", new FontIcon(MaterialDesignA.ACCOUNT_HEART),
                "Send the frame on screen (or the last one) to the Partner screen, where the chosen pix2pix model draws "
                        + "its partner.", () -> {
                    if (vm.sendToPartner()) fireEvent(new ShowScreen(vm.partnerScreenProperty().get()));
                });
        partner.disableProperty().bind(vm.shownProperty().isNull());
        show(partner, vm.partnerScreenProperty().isNotNull());

        javafx.scene.layout.FlowPane personActions = new javafx.scene.layout.FlowPane(8, 8, portrait, edit, morph, partner, forget);
        // the switches flow two to a row where they fit, so Enrol and Portrait stay in sight in a short window
        javafx.scene.layout.FlowPane overlays = new javafx.scene.layout.FlowPane(14, 8, landmarks, identify, attributes, hog);
        VBox box = new VBox(8, caption("Source"), source, new HBox(6, folder, video), new HBox(8, start, stop, spacer(), kiosk),
                caption("Overlays"), overlays,
                caption("People"), new HBox(6, name, enroll), enrolled(), people, personActions,
                caption("Pictures of a folder"), new HBox(8, still, stillValue), status, problem, repaired);
        box.setPadding(new Insets(12));
        return box;
    }

    /** The last enrolment's face beside what the engine said, while the confirmation shows. */
    private Node enrolled() {
        javafx.scene.image.ImageView face = new javafx.scene.image.ImageView();
        face.setId("booth-enrolled-face");
        face.setFitWidth(64);
        face.setFitHeight(64);
        Label said = new Label();
        said.setId("booth-enrolled-text");
        said.setWrapText(true);
        said.getStyleClass().add(Styles.SUCCESS);
        said.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        said.setTooltip(Tooltips.of("The face just enrolled, as the snapshot took it."));
        HBox.setHgrow(said, Priority.ALWAYS);
        vm.enrolledProperty().addListener((o, a, e) -> {
            face.setImage(e == null || e.face() == null ? null : image(e.face()));
            said.setText(e == null ? "" : e.said());
        });
        HBox row = new HBox(10, face, said);
        row.setId("booth-enrolled");
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        show(row, vm.enrolledProperty().isNotNull());
        return row;
    }

    private static javafx.scene.image.Image image(Picture p) {
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), javafx.scene.image.PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
        return img;
    }

    private static CheckBox check(String id, String text, BooleanProperty p, String tip) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        c.setTooltip(Tooltips.of(tip));
        return c;
    }

    private Node canvas() {
        CanvasPane pane = livePane("booth-canvas");
        pane.setMinSize(MIN_CANVAS, MIN_CANVAS);
        HBox.setMargin(pane, new Insets(8));
        return pane;
    }

    /** A canvas that draws the newest analysed frame whenever it or the HOG switch changes. */
    private CanvasPane livePane(String id) {
        BoothRenderer renderer = new BoothRenderer("Press Start. No camera? Pick “Sample photos”.");
        CanvasPane pane = new CanvasPane(id, (gc, w, h) ->
                renderer.draw(gc, w, h, vm.shownProperty().get(), vm.hogProperty().get(), vm.fpsProperty().get()));
        Tooltip.install(pane.canvas(), Tooltips.of("The frame with each face's box, landmarks, name and attributes. "
                + "Green: an enrolled person; amber: unknown."));
        vm.shownProperty().addListener(o -> pane.redraw());
        vm.hogProperty().addListener(o -> pane.redraw());
        return pane;
    }

    private void openFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("A folder of pictures");
        File f = c.showDialog(getScene().getWindow());
        if (f != null) vm.addSource(f.toPath());
    }

    private void morphWithPhoto() {
        FileChooser c = new FileChooser();
        c.setTitle("Morph into the face of…");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.jpg", "*.jpeg", "*.png", "*.bmp", "*.gif"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) vm.morphFaces().morphWith(f.toPath());
    }

    private void openVideo() {
        FileChooser c = new FileChooser();
        c.setTitle("A video (MJPEG .avi)");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("MJPEG video", "*.avi", "*.AVI"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) vm.addSource(f.toPath());
    }

    /**
     * Kiosk: a window of its own, full screen, with the live canvas and, once asked for, the portrait (P) and the
     * morph (M) beside it (the operator's keys: the main window's buttons are behind the full screen); leaving full
     * screen (Esc) closes it and the studio is as it was.
     */
    private void kiosk(boolean on) {
        if (!on) {
            if (kioskStage != null) kioskStage.close();
            kioskStage = null;
            return;
        }
        if (kioskStage != null) return;
        PortraitViewModel portrait = vm.portrait();
        MorphFacesViewModel morph = vm.morphFaces();
        // the view models outlive the kiosk: what this window adds to them is taken off when it closes
        java.util.List<Runnable> detach = new java.util.ArrayList<>();
        CanvasPane portraitPicture = kioskPicture("booth-kiosk-portrait", portrait.previewProperty(), detach);
        VBox portraitSide = kioskSide(portraitPicture, kioskText("booth-kiosk-verdict", portrait.verdictProperty(), "white"));
        show(portraitSide, portrait.runningProperty().or(portrait.previewProperty().isNotNull()));

        CanvasPane morphPicture = kioskPicture("booth-kiosk-morph", morph.pictureProperty(), detach);
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.setId("booth-kiosk-morph-progress");
        bar.setPrefWidth(KIOSK_SIDE);
        bar.progressProperty().bind(morph.progressProperty());
        show(bar, morph.runningProperty());
        VBox morphSide = kioskSide(morphPicture, bar, kioskText("booth-kiosk-morph-status", morph.statusProperty(), "white"),
                kioskText("booth-kiosk-morph-verdict", morph.verdictProperty(), "white"),
                kioskText("booth-kiosk-morph-error", morph.errorProperty(), "#ff8a80"));
        morphSide.setId("booth-kiosk-morph-side");
        show(morphSide, morph.runningProperty().or(morph.framesProperty().emptyProperty().not()).or(morph.errorProperty().isNotEmpty()));

        BorderPane root = new BorderPane(livePane("booth-kiosk-canvas"));
        root.setId("booth-kiosk-window");
        root.setRight(new HBox(portraitSide, morphSide));
        root.setStyle("-fx-background-color: black;");
        root.setOnKeyPressed(e -> {
            // the kiosk's keys are bare letters (no buttons there to hold them); Esc is the stage's own full-screen exit
            if (Shortcut.KIOSK_PORTRAIT.keys.match(e)) portrait.draw();
            else if (Shortcut.KIOSK_MORPH.keys.match(e)) vm.toggleMorph();
        });
        Stage stage = new Stage();
        stage.setTitle("Latent Studio booth");
        stage.setScene(new javafx.scene.Scene(root, 1024, 720, javafx.scene.paint.Color.BLACK));
        stage.setFullScreenExitHint("Esc leaves the kiosk; P draws the portrait of the face on screen; M morphs it "
                + vm.morphTarget() + " (M again stops)");
        stage.fullScreenProperty().addListener((o, a, full) -> {
            if (!full) vm.kioskProperty().set(false);
        });
        stage.setOnHidden(e -> {
            detach.forEach(Runnable::run);
            vm.kioskProperty().set(false);
        });
        if (getScene() != null) stage.initOwner(getScene().getWindow());
        kioskStage = stage;
        stage.show();
        stage.setFullScreen(true);
        root.requestFocus();
    }

    /** The kiosk's pictures (portrait, morph frames) are this wide. */
    private static final double KIOSK_SIDE = 450;

    /** A kiosk canvas that draws {@code picture} as it changes, until the kiosk closes. */
    private static CanvasPane kioskPicture(String id, javafx.beans.value.ObservableValue<Picture> picture, java.util.List<Runnable> detach) {
        PictureRenderer renderer = new PictureRenderer("");
        CanvasPane pane = new CanvasPane(id, renderer::draw);
        pane.setPrefSize(KIOSK_SIDE, KIOSK_SIDE);
        ChangeListener<Picture> repaint = (o, a, p) -> {
            PortraitPanel.paint(renderer, p);
            pane.redraw();
        };
        picture.addListener(repaint);
        repaint.changed(null, null, picture.getValue());
        detach.add(() -> picture.removeListener(repaint));
        return pane;
    }

    private static VBox kioskSide(Node... children) {
        VBox side = new VBox(12, children);
        side.setPadding(new Insets(24));
        return side;
    }

    /** Large wrapped words on the kiosk's black, following a view-model property. */
    private static Label kioskText(String id, javafx.beans.value.ObservableValue<String> text, String colour) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMaxWidth(KIOSK_SIDE);
        l.setStyle("-fx-text-fill: " + colour + "; -fx-font-size: 18px;");
        show(l, l.textProperty().isNotEmpty());
        return l;
    }
}
