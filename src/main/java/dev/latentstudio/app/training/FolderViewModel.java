package dev.latentstudio.app.training;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.engine.data.FolderImages;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;

/**
 * The image folder the 64×64 DCGAN trains on: it is read in the background the way the trainer
 * will read it, and the report says what was kept and what was skipped and why.
 */
public final class FolderViewModel {
    private final TrainingViewModel training;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(this, "report", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyObjectWrapper<FolderImages> data = new ReadOnlyObjectWrapper<>(this, "data");

    FolderViewModel(TrainingViewModel training) {
        this.training = training;
        // switching between plain and by-class reads the chosen folder again, the other way
        training.dataSourceProperty().addListener((o, was, now) -> {
            if (was != null && now != null && was.folder() && now.folder() && folder.get() != null) choose(folder.get());
        });
    }

    /**
     * Loads a folder the way the 64×64 trainer will (64×64, colour; by class sub-folders when that source is
     * chosen) and reports what it kept and skipped.
     */
    public void choose(Path dir) {
        if (!training.dataSourceProperty().get().folder()) training.dataSourceProperty().set(TrainingViewModel.DataSource.FOLDER);
        boolean byClass = training.dataSourceProperty().get() == TrainingViewModel.DataSource.FOLDER_BY_CLASS;
        folder.set(dir);
        data.set(null);
        loading.set(true);
        report.set("Reading " + dir + "…");
        training.setError("");
        training.jobs().submit("Read image folder " + dir.getFileName(),
                        () -> byClass ? FolderImages.loadByClass(dir, 64, 3, 1) : FolderImages.load(dir, 64, 3, 1))
                .onlyIf(() -> dir.equals(folder.get()) && byClass == (training.dataSourceProperty().get() == TrainingViewModel.DataSource.FOLDER_BY_CLASS))
                .always(() -> loading.set(false))
                .onSuccess(r -> {
                    data.set(r);
                    report.set(r.report());
                })
                .onFailure(e -> {
                    report.set(Failures.message(e));
                    training.setError("Nothing in this folder can be trained on: " + firstLine(Failures.message(e)));
                });
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** What the folder gave: one line per skipped file with the reason, then the counts. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The classes of a folder read by class sub-folders; null for a plain folder or none loaded. */
    public java.util.List<String> classNamesOrNull() {
        return data.get() == null ? null : data.get().classNames();
    }

    /** The usable images of the chosen folder (null until one loaded with at least one image). */
    public ReadOnlyObjectProperty<FolderImages> dataProperty() {
        return data.getReadOnlyProperty();
    }
}
