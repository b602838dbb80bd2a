package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;

/**
 * The booth's per-frame work: detect, then (as asked) landmarks, identity, attributes and the HOG picture.
 * The face pipeline implements it; the booth calls it from one worker thread.
 */
public interface FaceAnalyser {

    /** What to compute besides the boxes: each costs time, so the booth asks only for what it shows. */
    record Options(boolean landmarks, boolean identify, boolean attributes, boolean hog) {
        public static final Options ALL = new Options(true, true, true, false);
    }

    FrameReport analyse(BufferedImage frame, Options options);
}
