package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.util.List;

/** What the face pipeline found in one frame, the HOG picture when asked for, and how long it took. */
public record FrameReport(List<FaceReport> faces, BufferedImage hog, double millis) {
    public FrameReport {
        faces = List.copyOf(faces);
    }
}
