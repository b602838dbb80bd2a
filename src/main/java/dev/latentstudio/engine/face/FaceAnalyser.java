package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;

/**
 * The booth's per-frame work: detect, then (as asked) landmarks, identity, attributes and the HOG picture.
 * The face pipeline implements it; the booth calls it from one worker thread.
 */
public interface FaceAnalyser {

    /**
     * What to compute besides the boxes: each costs time, so the booth asks only for what it shows. {@code accurate}
     * asks for the slower, surer detector where the pipeline has two (still photos, where small faces matter more
     * than frame rate).
     */
    record Options(boolean landmarks, boolean identify, boolean attributes, boolean hog, boolean accurate) {
        public static final Options ALL = new Options(true, true, true, false);

        public Options(boolean landmarks, boolean identify, boolean attributes, boolean hog) {
            this(landmarks, identify, attributes, hog, false);
        }

        public Options accurately(boolean a) {
            return new Options(landmarks, identify, attributes, hog, a);
        }
    }

    FrameReport analyse(BufferedImage frame, Options options);
}
