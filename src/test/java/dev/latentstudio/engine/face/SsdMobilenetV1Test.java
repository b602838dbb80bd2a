package dev.latentstudio.engine.face;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSD port against face-api's detections (minConfidence 0.5) recorded in Node. */
class SsdMobilenetV1Test {
    private static SsdMobilenetV1 net;

    @BeforeAll
    static void load() throws IOException {
        net = SsdMobilenetV1.load(Path.of("models/face-api"));
    }

    /** scene.png is read exactly as Node read it: boxes and scores agree to float rounding. */
    @Test
    void sceneMatchesFaceApiExactly() {
        FaceReference.Scene s = FaceReference.load().scene();
        double iou = DetectorReference.assertSameFaces("scene", s.ssd(),
                net.detect(FaceReference.image(s.file()), 0.5, 100), 0.999, 1e-4);
        System.out.printf("SSD scene.png: worst IoU %.6f%n", iou);
    }

    /**
     * The sample photos: Java's JPEG decoder differs from jpeg-js by about half a level per pixel on average,
     * so boxes move a little; the faces and their number must not.
     */
    @Test
    void samplePhotosFindTheSameFaces() {
        for (FaceReference.Sample s : FaceReference.load().samples()) {
            double iou = DetectorReference.assertSameFaces(s.file(), s.ssd().stream()
                    .map(f -> new FaceReference.Detection(f.box(), f.score())).toList(),
                    net.detect(DetectorReference.sample(s)), 0.95, 0.02);
            System.out.printf("SSD %s: worst IoU %.4f%n", s.file(), iou);
            assertTrue(iou > 0.95);
        }
    }

    @Test
    void badOptionsAreClearErrors() {
        var img = FaceReference.image(FaceReference.load().scene().file());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.detect(img, 0, 10)).getMessage().contains("minConfidence"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.detect(img, 0.5, 0)).getMessage().contains("maxResults"));
    }
}
