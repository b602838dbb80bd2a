package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What the booth screen needs of the face engine: analyse frames, and enrol and forget people. */
public interface BoothEngine extends FaceAnalyser {

    /** The enrolled people's names, sorted. */
    List<String> people() throws IOException;

    /**
     * Adds the largest face in {@code frame} to {@code name} (enrolled on first use) and retrains the naming;
     * says what happened in words. An IllegalArgumentException when there is no face or the name is unusable.
     */
    String enroll(String name, BufferedImage frame) throws IOException;

    /** What opening the gallery repaired (see {@link FaceGallery#repairs()}), one line each; empty for nothing. */
    default List<String> repairs() throws IOException {
        return List.of();
    }

    /** Forgets a person and deletes their data. */
    void remove(String name) throws IOException;

    /** The largest face in {@code frame} (SSD) with its 128-number descriptor and aligned chip; empty when it shows no face. */
    Optional<FacePipeline.Face> largest(BufferedImage frame);

    /**
     * An enrolled person's descriptor: the average of their snapshots' descriptors (the centre of their cluster);
     * empty when nobody of that name is enrolled or they have no snapshot.
     */
    Optional<float[]> descriptor(String person) throws IOException;

    /**
     * The recogniser, for drawing identity portraits. A portrait job only reads its weights, so it may run on
     * another thread while frames are analysed.
     */
    FaceRecognitionNet recogniser();
}
