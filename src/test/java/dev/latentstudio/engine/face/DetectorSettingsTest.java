package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detectors at the booth's other settings (tiny_face_detector at input 224, 320, 608; SSD at minConfidence
 * 0.2) against face-api's outputs in detect-reference.json (scripts/record-face-detect-reference.cjs).
 */
class DetectorSettingsTest {
    private static final double MARGIN = 0.03;
    private static SsdMobilenetV1 ssd;
    private static TinyFaceDetector tiny;
    private static Ref ref;

    private record Result(String file, List<FaceReference.Detection> tiny224, List<FaceReference.Detection> tiny320,
                          List<FaceReference.Detection> tiny608, List<FaceReference.Detection> ssd02) {
        List<FaceReference.Detection> tiny(int size) {
            return size == 224 ? tiny224 : size == 320 ? tiny320 : tiny608;
        }
    }

    private record Ref(Result scene, List<Result> samples) {
    }

    @BeforeAll
    static void load() throws IOException {
        ssd = SsdMobilenetV1.load(Path.of("models/face-api"));
        tiny = TinyFaceDetector.load(Path.of("models/face-api"));
        try (var in = DetectorSettingsTest.class.getResourceAsStream("/faces/detect-reference.json")) {
            ref = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), Ref.class);
        }
    }

    @Test
    void sceneMatchesAtEverySetting() {
        var img = FaceReference.image(ref.scene().file());
        for (int size : new int[]{224, 320, 608}) {
            DetectorReference.assertSameFaces("tiny " + size, ref.scene().tiny(size), tiny.with(size, 0.5).detect(img), 0.999, 1e-4);
        }
        DetectorReference.assertSameFaces("ssd 0.2", ref.scene().ssd02(), ssd.with(0.2, 100).detect(img), 0.999, 1e-4);
    }

    /**
     * On the JPEG photos Java's decoder moves scores a little, so a face within {@value MARGIN} of the threshold
     * may fall either side; every face clear of it must be found by both, at IoU ≥ 0.95.
     */
    @Test
    void samplePhotosAgreeOnEveryClearFace() {
        for (Result r : ref.samples()) {
            var img = DetectorReference.photo(r.file());
            for (int size : new int[]{224, 320}) {
                assertClearFacesAgree(r.file() + " tiny " + size, r.tiny(size), tiny.detect(img, size, 0.5), 0.5);
            }
        }
    }

    private static void assertClearFacesAgree(String what, List<FaceReference.Detection> expected, List<FaceDetection> found,
                                              double threshold) {
        for (FaceReference.Detection e : expected) {
            if (e.score() < threshold + MARGIN) continue;
            FaceBox eb = e.box().toFaceBox();
            assertTrue(found.stream().anyMatch(f -> f.box().iou(eb) >= 0.95), what + ": missed " + e + " in " + found);
        }
        for (FaceDetection f : found) {
            if (f.score() < threshold + MARGIN) continue;
            assertTrue(expected.stream().anyMatch(e -> f.box().iou(e.box().toFaceBox()) >= 0.95), what + ": extra " + f);
        }
    }
}
