package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The booth's face engine: the live pipeline plus the gallery of enrolled people, whose naming is retrained
 * whenever someone is enrolled or removed. Calls are serialised: the networks hold per-call state, and the
 * booth's frame loop and an enrollment may come from different threads.
 */
public final class FaceBooth implements BoothEngine {
    private final FacePipeline pipeline;
    private final FaceGallery gallery;

    public FaceBooth(FacePipeline pipeline, FaceGallery gallery) throws IOException {
        this.pipeline = pipeline;
        this.gallery = gallery;
        retrain();
    }

    /** The shipped networks (live detector for frames, SSD for photos) and the user's gallery. */
    public static FaceBooth load(Path models) throws IOException {
        return new FaceBooth(FacePipeline.loadBoth(models), FaceGallery.inUserData());
    }

    @Override
    public synchronized FrameReport analyse(BufferedImage frame, Options options) {
        return pipeline.analyse(frame, options);
    }

    @Override
    public synchronized List<String> people() throws IOException {
        List<String> names = new ArrayList<>();
        for (FaceGallery.Person p : gallery.load().people()) names.add(p.name());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    @Override
    public synchronized String enroll(String name, BufferedImage frame) throws IOException {
        FacePipeline.Face face = pipeline.largest(frame)
                .orElseThrow(() -> new IllegalArgumentException("No face in this frame to enrol; face the camera and try again."));
        FaceGallery.Person p = gallery.enroll(name, face.descriptor(), face.aligned());
        retrain();
        return "Enrolled " + p.name() + " (" + p.embeddings().size() + " snapshot" + (p.embeddings().size() == 1 ? "" : "s") + ").";
    }

    @Override
    public synchronized List<String> repairs() throws IOException {
        return gallery.repairs();
    }

    @Override
    public synchronized void remove(String name) throws IOException {
        FaceGallery.Person p = gallery.find(name).orElseThrow(() -> new IllegalArgumentException(name + " is not enrolled"));
        gallery.remove(p.id());
        retrain();
    }

    @Override
    public synchronized Optional<FacePipeline.Face> largest(BufferedImage frame) {
        return pipeline.largest(frame);
    }

    @Override
    public synchronized Optional<float[]> descriptor(String person) throws IOException {
        return gallery.find(person).flatMap(FaceGallery.Person::meanEmbedding);
    }

    @Override
    public FaceRecognitionNet recogniser() {
        return pipeline.recognition();
    }

    private void retrain() throws IOException {
        FaceGallery.Contents c = gallery.load();
        boolean any = c.people().stream().anyMatch(p -> !p.embeddings().isEmpty());
        pipeline.setIdentities(any ? IdentityClassifier.train(c, IdentityClassifier.DEFAULT_THRESHOLD) : null);
    }
}
