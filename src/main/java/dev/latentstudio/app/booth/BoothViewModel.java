package dev.latentstudio.app.booth;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.FrameStats;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.face.BoothEngine;
import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.face.Frame;
import dev.latentstudio.engine.face.FrameReport;
import dev.latentstudio.engine.face.FrameSource;
import dev.latentstudio.engine.face.FrameSources;
import dev.latentstudio.engine.face.ImageFolderSource;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The booth's state: which source plays, the newest analysed frame with its faces, the fps, and the overlay
 * switches. Frames are read and analysed on one job thread; each result replaces the one the FX thread has
 * not yet shown, so a slow analysis drops frames rather than queueing them and the window never waits.
 */
public final class BoothViewModel {

    /** A source the picker offers: words for the list, the spec {@link FrameSources#open} reads. */
    public record Source(String label, String spec) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** An enrolment's confirmation: what the engine said, and the face it took (cropped from the frame on screen). */
    public record Enrolled(String said, Picture face) {
    }

    /** How long the confirmation of an enrolment shows, and a slideshow holds the enrolled picture. */
    static final long CONFIRM_MILLIS = 4000;

    /** An analysed frame as the canvas draws it. */
    public record Shown(Picture frame, Picture hog, List<FaceReport> faces, String origin, double millis) {
    }

    private final JobRunner jobs;
    private final Executor fx;
    private final EngineLoader loader;

    /** Loads the face networks and the gallery, off the FX thread, the first time they are needed. */
    public interface EngineLoader {
        BoothEngine load() throws Exception;
    }

    private final ReadOnlyListWrapper<Source> sources = new ReadOnlyListWrapper<>(this, "sources", FXCollections.observableArrayList());
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source");
    private final BooleanProperty landmarks = new SimpleBooleanProperty(this, "landmarks", true);
    private final BooleanProperty identify = new SimpleBooleanProperty(this, "identify", true);
    private final BooleanProperty attributes = new SimpleBooleanProperty(this, "attributes", true);
    private final BooleanProperty hog = new SimpleBooleanProperty(this, "hog", false);
    private final IntegerProperty stillMillis = new SimpleIntegerProperty(this, "stillMillis", 2000);
    private final BooleanProperty kiosk = new SimpleBooleanProperty(this, "kiosk", false);

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyDoubleWrapper fps = new ReadOnlyDoubleWrapper(this, "fps", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper repaired = new ReadOnlyStringWrapper(this, "repaired", "");
    private final ReadOnlyBooleanWrapper offerSamples = new ReadOnlyBooleanWrapper(this, "offerSamples", false);
    private final ReadOnlyObjectWrapper<Enrolled> enrolledShown = new ReadOnlyObjectWrapper<>(this, "enrolled");
    /** Until when (System.nanoTime) a slideshow holds its picture: from an Enrol click to the end of its confirmation. */
    private volatile long holdUntil = Long.MIN_VALUE;
    private final Source samples;

    private final FrameStats stats = new FrameStats();
    private final AtomicReference<Shown> pending = new AtomicReference<>();
    private final AtomicReference<FaceAnalyser.Options> options = new AtomicReference<>();
    private volatile int still = 2000;
    private volatile BoothEngine engine;
    private final ReadOnlyListWrapper<String> people = new ReadOnlyListWrapper<>(this, "people", FXCollections.observableArrayList());
    private final StringProperty enrollName = new SimpleStringProperty(this, "enrollName", "");
    private final ObjectProperty<String> selectedPerson = new SimpleObjectProperty<>(this, "selectedPerson");
    private final PortraitViewModel portrait;
    private final dev.latentstudio.app.faceedit.FaceEditViewModel faceEdit;
    private final dev.latentstudio.app.faceedit.MorphFacesViewModel morphFaces;
    private final ReadOnlyStringWrapper partnerScreen = new ReadOnlyStringWrapper(this, "partnerScreen");
    private java.util.function.Consumer<java.awt.image.BufferedImage> partner;
    private JobRunner.Handle<Void> run;
    /** Where the kiosk's next morph into a sample photo looks first: the photo after the last one used. */
    private int nextSample;

    public BoothViewModel(JobRunner jobs, EngineLoader loader, Path samples) {
        this.jobs = jobs;
        this.fx = jobs.fx();
        this.loader = loader;
        sources.add(new Source("Camera 0", "camera:0"));
        this.samples = new Source("Sample photos", samples.toString());
        sources.add(this.samples);
        source.set(sources.get(0));
        updateOptions();
        for (BooleanProperty b : List.of(landmarks, identify, attributes, hog)) b.addListener(o -> updateOptions());
        stillMillis.addListener((o, a, v) -> still = v.intValue());
        portrait = new PortraitViewModel(jobs, this::engine, selectedPerson::get, () -> {
            Shown s = shown.get();
            return s == null ? null : s.frame().image();
        });
        morphFaces = new dev.latentstudio.app.faceedit.MorphFacesViewModel(jobs, this::engine, () -> {
            Shown s = shown.get();
            return s == null ? null : s.frame().image();
        });
        // Esc in the kiosk stops a morph being drawn there, as M does
        kiosk.addListener((o, a, on) -> {
            if (!on) morphFaces.cancel();
        });
        faceEdit = new dev.latentstudio.app.faceedit.FaceEditViewModel(jobs,
                () -> dev.latentstudio.engine.faceedit.FaceEditor.load(dev.latentstudio.engine.StudioPaths.models().resolve("face-api")));
    }

    /** Attribute sliders on the largest face of the frame on screen ({@link #editFace}). */
    public dev.latentstudio.app.faceedit.FaceEditViewModel faceEdit() {
        return faceEdit;
    }

    /** "You morphing into …": the face on screen into an enrolled person or a photo's face. */
    public dev.latentstudio.app.faceedit.MorphFacesViewModel morphFaces() {
        return morphFaces;
    }

    /**
     * The kiosk's M: stops the morph being drawn, else morphs the largest face on screen into the person selected in
     * the people list or, with nobody selected, into the next sample photo's face (never the photo on screen itself).
     */
    public void toggleMorph() {
        if (morphFaces.runningProperty().get()) {
            morphFaces.cancel();
            return;
        }
        String who = selectedPerson.get();
        if (who != null) {
            morphFaces.morphWith(who);
            return;
        }
        Shown s = shown.get();
        try {
            Optional<Path> photo = nextSamplePhoto(s == null ? null : s.origin());
            if (photo.isPresent()) morphFaces.morphWith(photo.get());
            else morphFaces.refuse("Nobody is selected in the people list, and " + samples.spec() + " holds no other photo to morph into.");
        } catch (java.io.IOException e) {
            morphFaces.refuse("Cannot list the sample photos to morph into: " + Failures.message(e));
        }
    }

    /** Whom {@link #toggleMorph} morphs into, in words: "into Sam", "into the next sample photo's face". */
    public String morphTarget() {
        String who = selectedPerson.get();
        return who != null ? "into " + who : "into the next sample photo's face";
    }

    /** The sample photos in name order, from the one after the last used; the photo named {@code onScreen} is passed over. */
    private Optional<Path> nextSamplePhoto(String onScreen) throws java.io.IOException {
        // the slideshow's own listing (regular, visible files in name order), not a read of the photos: the morph's
        // job reads the one it takes
        List<Path> photos = dev.latentstudio.engine.image.ImageFolder.list(Path.of(samples.spec())).files().stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|gif)")).toList();
        for (int k = 0; k < photos.size(); k++) {
            int i = (nextSample + k) % photos.size();
            if (!photos.get(i).getFileName().toString().equals(onScreen)) {
                nextSample = i + 1;
                return Optional.of(photos.get(i));
            }
        }
        return Optional.empty();
    }

    /** Opens the largest face of the frame on screen (or the last one) for editing. */
    public void editFace() {
        Shown s = shown.get();
        faceEdit.open(s == null ? null : s.frame().image(), "the frame on screen");
    }

    /** The identity portrait: of {@link #selectedPersonProperty} if set, else of the largest face on screen. */
    public PortraitViewModel portrait() {
        return portrait;
    }

    /** Where {@link #sendToPartner} sends the frame: the screen's title and what translates it there. */
    public void setPartner(String screen, java.util.function.Consumer<java.awt.image.BufferedImage> translate) {
        partner = translate;
        partnerScreen.set(screen);
    }

    /**
     * Sends the frame on screen (once stopped, the last one shown) to the Partner screen's translate, with the model
     * chosen there; true when sent (the view then shows that screen).
     */
    public boolean sendToPartner() {
        Shown s = shown.get();
        if (partner == null) return false;
        if (s == null) {
            error.set("Start a source first: Partner translates the frame on screen.");
            return false;
        }
        partner.accept(s.frame().image());
        return true;
    }

    /** The title of the screen {@link #sendToPartner} sends to; null while none is set. */
    public ReadOnlyStringProperty partnerScreenProperty() {
        return partnerScreen.getReadOnlyProperty();
    }

    private void updateOptions() {
        options.set(new FaceAnalyser.Options(landmarks.get(), identify.get(), attributes.get(), hog.get()));
    }

    /** Adds a folder or video file the user picked to the list and selects it. */
    public void addSource(Path p) {
        Source s = new Source(p.getFileName() == null ? p.toString() : p.getFileName().toString(), p.toString());
        if (!sources.contains(s)) sources.add(s);
        source.set(s);
    }

    /** Plays the chosen source; stops the one playing first. */
    public void start() {
        Source s = source.get();
        if (s == null) return;
        stop();
        error.set("");
        offerSamples.set(false);
        status.set("Opening " + s.label() + "…");
        stats.restart();
        fps.set(0);
        running.set(true);
        run = jobs.start(loop(s)).onlyIfCurrent(() -> run)
                .always(() -> running.set(false))
                .onCancel(() -> status.set("Stopped."))
                .onFailure(e -> {
                    status.set("Stopped.");
                    error.set("The booth stopped: " + Failures.message(e));
                });
    }

    /** Switches the source to the bundled sample photos and plays them (what the no-camera message offers). */
    public void useSamplePhotos() {
        source.set(samples);
        start();
    }

    /** Stops playing after the frame in hand (well within a second). */
    public void stop() {
        if (run != null) run.cancel();
    }

    private Job<Void> loop(Source s) {
        return new Job<>() {
            @Override
            public String name() {
                return "Booth: " + s.label();
            }

            @Override
            public Void run(JobControl control) throws Exception {
                fx.execute(() -> status.set("Loading the face networks…"));
                BoothEngine a = engine();
                try (FrameSource src = FrameSources.open(s.spec(), true)) {
                    boolean stills = src instanceof ImageFolderSource;
                    fx.execute(() -> status.set("Playing " + src.description()));
                    while (true) {
                        control.checkpoint();
                        Optional<Frame> f = src.next();
                        if (f.isEmpty()) {
                            FrameSource.Status st = src.status();
                            fx.execute(() -> ended(st));
                            return null;
                        }
                        FrameReport r = a.analyse(f.get().image(), options.get().accurately(stills));
                        if (stills) waitWhileHeld(control); // an enrolment holds the picture it took
                        publish(new Shown(Picture.of(f.get().image()), r.hog() == null ? null : Picture.of(r.hog()),
                                r.faces(), f.get().origin(), r.millis()));
                        if (stills) hold(control);
                    }
                }
            }
        };
    }

    private synchronized BoothEngine engine() throws Exception {
        if (engine == null) {
            engine = loader.load();
            List<String> names = engine.people();
            List<String> fixed = engine.repairs();
            fx.execute(() -> {
                people.setAll(names);
                if (!fixed.isEmpty()) repaired.set("Repaired the gallery: " + String.join("; ", fixed) + ".");
            });
        }
        return engine;
    }

    /**
     * Enrols the largest face of the frame on screen under {@link #enrollNameProperty}: a snapshot of that
     * person; more snapshots (other angles, light) make the naming surer.
     */
    public void enroll() {
        Shown s = shown.get();
        String name = enrollName.get() == null ? "" : enrollName.get().strip();
        if (s == null) {
            error.set("Start a source first: enrolling takes a snapshot of the frame on screen.");
            return;
        }
        if (name.isEmpty()) {
            error.set("Type the person's name, then enrol.");
            return;
        }
        java.awt.image.BufferedImage frame = s.frame().image();
        Picture face = largestFace(s);
        record Done(String said, List<String> people) {
        }
        holdUntil = Long.MAX_VALUE; // the slideshow stays on this picture while it is enrolled and confirmed
        enrolledShown.set(null);
        jobs.submit("Enrol " + name, () -> {
            BoothEngine e = engine();
            String said = e.enroll(name, frame);
            return new Done(said, e.people());
        }).onSuccess(r -> {
            error.set("");
            status.set(r.said());
            people.setAll(r.people());
            Enrolled shownNow = new Enrolled(r.said(), face);
            enrolledShown.set(shownNow);
            holdUntil = System.nanoTime() + CONFIRM_MILLIS * 1_000_000L;
            java.util.concurrent.CompletableFuture.delayedExecutor(CONFIRM_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> fx.execute(() -> {
                        if (enrolledShown.get() == shownNow) enrolledShown.set(null);
                    }));
        }).onFailure(e -> {
            holdUntil = Long.MIN_VALUE;
            error.set(Failures.message(e));
        });
    }

    /** The largest face of a frame, cropped square around its box, as the confirmation's thumbnail; null without a face. */
    static Picture largestFace(Shown s) {
        FaceReport best = null;
        for (FaceReport f : s.faces()) {
            if (best == null || f.box().width() * f.box().height() > best.box().width() * best.box().height()) best = f;
        }
        if (best == null) return null;
        java.awt.image.BufferedImage img = s.frame().image();
        double side = Math.max(best.box().width(), best.box().height()) * 1.2;
        double cx = best.box().x() + best.box().width() / 2, cy = best.box().y() + best.box().height() / 2;
        int x = (int) Math.max(0, cx - side / 2), y = (int) Math.max(0, cy - side / 2);
        int w = (int) Math.min(img.getWidth() - x, side), h = (int) Math.min(img.getHeight() - y, side);
        if (w < 1 || h < 1) return null;
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(THUMB, THUMB, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, THUMB, THUMB, x, y, x + w, y + h, null);
        } finally {
            g.dispose();
        }
        return Picture.of(out);
    }

    /** The confirmation thumbnail's side, in pixels. */
    static final int THUMB = 96;

    /** Forgets an enrolled person and deletes their snapshots. */
    public void remove(String name) {
        jobs.submit("Forget " + name, () -> {
            BoothEngine e = engine();
            e.remove(name);
            return e.people();
        }).onSuccess(names -> {
            people.setAll(names);
            status.set("Forgot " + name + " and deleted their snapshots.");
        }).onFailure(e -> error.set(Failures.message(e)));
    }

    /** A still picture stays up for {@link #stillMillisProperty} ms; the wait is cut into slices so Stop is quick. */
    private void hold(JobControl control) throws InterruptedException {
        long end = System.nanoTime() + still * 1_000_000L;
        while (System.nanoTime() < Math.max(end, holdUntil)) {
            control.checkpoint();
            Thread.sleep(50);
        }
    }

    private void waitWhileHeld(JobControl control) throws InterruptedException {
        while (System.nanoTime() < holdUntil) {
            control.checkpoint();
            Thread.sleep(50);
        }
    }

    private void publish(Shown s) {
        if (pending.getAndSet(s) == null) fx.execute(this::present);
    }

    private void present() {
        Shown s = pending.getAndSet(null);
        if (s == null || !running.get()) return;
        shown.set(s);
        stats.presented(System.nanoTime());
        fps.set(stats.fps());
        status.set(String.format(Locale.ROOT, "%s · %d face%s · %.0f ms", s.origin(), s.faces().size(),
                s.faces().size() == 1 ? "" : "s", s.millis()));
    }

    private void ended(FrameSource.Status st) {
        switch (st.state()) {
            case UNAVAILABLE, FAILED -> {
                status.set("Stopped: no pictures from " + (source.get() == null ? "the source" : source.get().label()) + ".");
                // the engine's message already names the other kinds of source: add only the booth's own
                offerSamples.set(!samples.equals(source.get()));
                error.set(st.message() + (offerSamples.get() ? " Or pick “Sample photos” as the source." : ""));
            }
            default -> status.set(st.message());
        }
    }

    /** The frame statistics the fps counter shows (also read by tests). */
    public FrameStats stats() {
        return stats;
    }

    // ---- properties ----------------------------------------------------------------------------

    /** The enrolled people's names. */
    public ReadOnlyListProperty<String> peopleProperty() {
        return people.getReadOnlyProperty();
    }

    /** The enrolled person selected in the list (whom Portrait draws); null for none. */
    public ObjectProperty<String> selectedPersonProperty() {
        return selectedPerson;
    }

    /** The name the next snapshot is enrolled under. */
    public StringProperty enrollNameProperty() {
        return enrollName;
    }

    public ReadOnlyListProperty<Source> sourcesProperty() {
        return sources.getReadOnlyProperty();
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** Draw the 68 landmarks (and spend the time to find them). */
    public BooleanProperty landmarksProperty() {
        return landmarks;
    }

    /** Name the enrolled people (embeds each face). */
    public BooleanProperty identifyProperty() {
        return identify;
    }

    /** Age, gender and expression per face. */
    public BooleanProperty attributesProperty() {
        return attributes;
    }

    /** Show the HOG picture of the frame instead of the frame. */
    public BooleanProperty hogProperty() {
        return hog;
    }

    /** How long each picture of a folder stays up, in ms. */
    public IntegerProperty stillMillisProperty() {
        return stillMillis;
    }

    /** Full-screen kiosk mode: the video alone, no controls. */
    public BooleanProperty kioskProperty() {
        return kiosk;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Analysed frames put on screen per second, over the last frames. */
    public ReadOnlyDoubleProperty fpsProperty() {
        return fps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True after a source gave no pictures: the view offers the bundled sample photos instead. */
    public ReadOnlyBooleanProperty offerSamplesProperty() {
        return offerSamples.getReadOnlyProperty();
    }

    /** The last enrolment's confirmation with its face, while it shows ({@link #CONFIRM_MILLIS}); null otherwise. */
    public ReadOnlyObjectProperty<Enrolled> enrolledProperty() {
        return enrolledShown.getReadOnlyProperty();
    }

    /** What opening the gallery repaired (leftovers of an enrolment cut short); empty when nothing was wrong. */
    public ReadOnlyStringProperty repairedProperty() {
        return repaired.getReadOnlyProperty();
    }
}
