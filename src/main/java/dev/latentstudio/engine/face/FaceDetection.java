package dev.latentstudio.engine.face;

/** A face a detector found: its box in the picture's pixels and the detector's score (0..1). */
public record FaceDetection(FaceBox box, double score) {
}
