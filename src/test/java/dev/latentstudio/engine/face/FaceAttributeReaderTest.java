package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole chain on scene.png (an input Java reads exactly): SSD-MobileNetV1 → 68 landmarks → aligned rect →
 * age, gender and expression for all faces in one batch, against face-api's detectAllFaces().withFaceLandmarks()
 * .withAgeAndGender().withFaceExpressions() on the same picture.
 */
class FaceAttributeReaderTest {

    private record SceneFace(FaceReference.Box box, double age, String gender, double genderProbability,
                             Map<String, Double> expressions) {
    }

    private record Scene(String file, List<SceneFace> faces) {
    }

    private record Ref(Scene scene) {
    }

    @Test
    void detectLandmarksAttributesMatchFaceApi() throws IOException {
        Scene scene;
        try (var in = getClass().getResourceAsStream("/faces/reference.json")) {
            scene = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), Ref.class).scene();
        }
        Path models = Path.of("models/face-api");
        BufferedImage img = FaceReference.image(scene.file());
        List<FaceBox> boxes = SsdMobilenetV1.load(models).detect(img).stream().map(FaceDetection::box)
                .sorted(Comparator.comparingDouble(FaceBox::x)).toList(); // the reference lists faces left to right
        List<FaceLandmarks68> landmarks = FaceLandmarker.load(models, FaceLandmarkNet.Variant.FULL).landmarks(img, boxes);
        FaceAttributeReader reader = FaceAttributeReader.load(models);
        List<FaceReport.Attributes> all = reader.attributes(img, landmarks);
        assertEquals(scene.faces().size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            SceneFace f = scene.faces().get(i);
            FaceReport.Attributes a = all.get(i);
            String best = f.expressions().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            System.out.printf("face %d: age %.3f (face-api %.3f), %s %.4f (%s %.4f), %s %.4f%n", i, a.age(), f.age(),
                    a.gender(), a.genderProbability(), f.gender(), f.genderProbability(), a.expression(), a.expressionProbability());
            assertEquals(f.age(), a.age(), 0.5, "age of face " + i);
            assertEquals(f.gender(), a.gender(), "gender of face " + i);
            assertEquals(f.genderProbability(), a.genderProbability(), 1e-3, "gender probability of face " + i);
            assertEquals(best, a.expression(), "expression of face " + i);
            assertEquals(f.expressions().get(best), a.expressionProbability(), 1e-3, "expression probability of face " + i);
            for (String label : FaceExpressionNet.LABELS) {
                assertEquals(f.expressions().get(label), a.expression(label), 1e-3, label + " of face " + i);
            }
            assertEquals(f.gender().equals("male") ? f.genderProbability() : 1 - f.genderProbability(), a.probabilityMale(), 1e-3);
            // the batch gives what one face alone gives
            FaceReport.Attributes single = reader.attributes(img, landmarks.get(i));
            assertEquals(a.age(), single.age(), 1e-4);
            assertEquals(a.expressionProbability(), single.expressionProbability(), 1e-5);
        }
    }
}
