package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.util.List;

/** Finds faces in a picture, best first; SSD-MobileNetV1 (accurate) or tiny_face_detector (fast), with their settings. */
@FunctionalInterface
public interface FaceDetector {
    List<FaceDetection> detect(BufferedImage img);
}
