package dev.latentstudio.app.faceedit;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.face.FaceBooth;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.image.ImageReading;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Inversion Lab's "A real face": a photo (a sample photo or one of the user's) whose largest face the attribute
 * sliders edit ({@link FaceEditViewModel}) and which morphs into another photo's face ({@link MorphFacesViewModel}),
 * the same view models the Booth uses on its frames. Photos are read off the FX thread by the guarded reader.
 */
public final class RealFaceViewModel {
    private final JobRunner jobs;
    private final FaceEditViewModel edit;
    private final MorphFacesViewModel morph;
    private final ReadOnlyListWrapper<Path> photos = new ReadOnlyListWrapper<>(this, "photos", FXCollections.observableArrayList());
    private final ObjectProperty<Path> photo = new SimpleObjectProperty<>(this, "photo");
    private final ObjectProperty<Path> other = new SimpleObjectProperty<>(this, "other");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private volatile BufferedImage picture;

    /** The shipped networks, the user's gallery and the sample photos of {@code samples}. */
    public static RealFaceViewModel load(JobRunner jobs, Path models, Path samples) {
        return new RealFaceViewModel(jobs, () -> FaceEditor.load(models), () -> FaceBooth.load(models), samples);
    }

    public RealFaceViewModel(JobRunner jobs, FaceEditViewModel.EditorLoader editor, MorphFacesViewModel.EngineLoader engine, Path samples) {
        this.jobs = jobs;
        this.edit = new FaceEditViewModel(jobs, editor);
        this.morph = new MorphFacesViewModel(jobs, engine, () -> picture);
        photos.setAll(samples(samples));
        if (!photos.isEmpty()) {
            photo.set(photos.get(0));
            other.set(photos.get(Math.min(1, photos.size() - 1)));
        }
    }

    private static List<Path> samples(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted().toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Adds a photo of the user's to the list and opens it. */
    public void addPhoto(Path file) {
        if (!photos.contains(file)) photos.add(file);
        photo.set(file);
        open();
    }

    /** Reads the chosen photo and opens its largest face for editing. */
    public void open() {
        Path p = photo.get();
        if (p == null) {
            error.set("Pick a photo first.");
            return;
        }
        error.set("");
        jobs.submit("Read " + p.getFileName(), () -> ImageReading.read(p)).onSuccess(img -> {
            picture = img;
            edit.open(img, p.getFileName().toString());
        }).onFailure(e -> error.set(e instanceof ImageReading.Unusable ? e.getMessage() : "Could not read " + p + ": " + Failures.message(e)));
    }

    /** Morphs the opened photo's face into the other photo's. */
    public void morph() {
        Path b = other.get();
        if (picture == null) {
            error.set("Open a photo first: its face is the one that turns into the other.");
            return;
        }
        if (b == null) {
            error.set("Pick the photo to morph into.");
            return;
        }
        if (b.equals(photo.get())) {
            error.set("Pick another photo to morph into: " + b.getFileName() + " is the one being morphed.");
            return;
        }
        error.set("");
        morph.morphWith(b);
    }

    public FaceEditViewModel edit() {
        return edit;
    }

    public MorphFacesViewModel morphs() {
        return morph;
    }

    /** The sample photos, then those the user opened. */
    public ReadOnlyListProperty<Path> photosProperty() {
        return photos.getReadOnlyProperty();
    }

    /** The photo whose face is edited (and morphs). */
    public ObjectProperty<Path> photoProperty() {
        return photo;
    }

    /** The photo whose face the morph ends at. */
    public ObjectProperty<Path> otherProperty() {
        return other;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
