package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** What the booth screen needs of the face engine: analyse frames, and enrol and forget people. */
public interface BoothEngine extends FaceAnalyser {

    /** The enrolled people's names, sorted. */
    List<String> people() throws IOException;

    /**
     * Adds the largest face in {@code frame} to {@code name} (enrolled on first use) and retrains the naming;
     * says what happened in words. An IllegalArgumentException when there is no face or the name is unusable.
     */
    String enroll(String name, BufferedImage frame) throws IOException;

    /** Forgets a person and deletes their data. */
    void remove(String name) throws IOException;
}
