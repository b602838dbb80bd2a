package dev.latentstudio.engine.face;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The tiny_face_detector port against face-api's detections (inputSize 416, scoreThreshold 0.5) recorded in Node. */
class TinyFaceDetectorTest {
    private static TinyFaceDetector net;

    @BeforeAll
    static void load() throws IOException {
        net = TinyFaceDetector.load(Path.of("models/face-api"));
    }

    @Test
    void sceneMatchesFaceApiExactly() {
        FaceReference.Scene s = FaceReference.load().scene();
        double iou = DetectorReference.assertSameFaces("scene", s.tiny(), net.detect(FaceReference.image(s.file())), 0.999, 1e-4);
        System.out.printf("tiny scene.png: worst IoU %.6f%n", iou);
    }

    /** Java's JPEG decoding differs slightly from jpeg-js (see the SSD test): same faces, boxes close. */
    @Test
    void samplePhotosFindTheSameFaces() {
        for (FaceReference.Sample s : FaceReference.load().samples()) {
            double iou = DetectorReference.assertSameFaces(s.file(), s.tiny(), net.detect(DetectorReference.sample(s)), 0.95, 0.02);
            System.out.printf("tiny %s: worst IoU %.4f%n", s.file(), iou);
        }
    }

    @Test
    void badOptionsAreClearErrors() {
        var img = FaceReference.image(FaceReference.load().scene().file());
        assertThrows(IllegalArgumentException.class, () -> net.detect(img, 300, 0.5));
        assertThrows(IllegalArgumentException.class, () -> net.detect(img, 416, 1.5));
    }
}
