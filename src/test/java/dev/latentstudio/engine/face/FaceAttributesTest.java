package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * age_gender and face_expression against face-api: the isolated 112×112 inputs (no crop involved), and the
 * whole-pipeline faces of scene.png, cut at face-api's aligned rect by {@link FaceTensors#netInput}.
 * Required: same gender and top expression, age within 0.5 years, probabilities within 1e-3.
 */
class FaceAttributesTest {
    private static AgeGenderNet ageGender;
    private static FaceExpressionNet expressions;

    @BeforeAll
    static void load() throws IOException {
        ageGender = AgeGenderNet.load(Path.of("models/face-api"));
        expressions = FaceExpressionNet.load(Path.of("models/face-api"));
    }

    private static void assertProbabilities(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-3, what + " [" + i + "]");
    }

    @Test
    void isolatedInputsMatchFaceApi() {
        for (FaceReference.Isolated iso : FaceReference.load().isolated()) {
            var rgb = FaceTensors.rgb(FaceReference.image(iso.lm112()));
            AgeGenderNet.AgeGender ag = ageGender.predict(rgb).get(0);
            System.out.printf("%s: age %.4f (face-api %.4f), P(male) %.6f (%.6f)%n", iso.id(), ag.age(), iso.age(),
                    ag.probabilityMale(), iso.genderProbabilities()[0]);
            assertEquals(iso.age(), ag.age(), 0.5, iso.id() + " age");
            assertEquals(iso.genderProbabilities()[0], ag.probabilityMale(), 1e-3, iso.id() + " P(male)");

            float[] logits = expressions.logits(rgb).toFloatVector();
            System.out.printf("%s: expression logits max difference %.2e%n", iso.id(), FaceReference.maxAbsDiff(logits, iso.expressionLogits()));
            FaceExpressionNet.Expressions e = expressions.predict(rgb).get(0);
            assertProbabilities(iso.expressionProbabilities(), e.probabilities(), iso.id() + " expressions");
            assertEquals(new FaceExpressionNet.Expressions(iso.expressionProbabilities()).best(), e.best());
        }
    }

    private record SceneFace(FaceReference.Box alignedRect, double age, String gender, double genderProbability,
                             Map<String, Double> expressions) {
    }

    private record Scene(String file, List<SceneFace> faces) {
    }

    private record Ref(Scene scene) {
    }

    @Test
    void scenePipelineFacesMatchFaceApi() throws IOException {
        Scene scene;
        try (var in = getClass().getResourceAsStream("/faces/reference.json")) {
            scene = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), Ref.class).scene();
        }
        BufferedImage img = FaceReference.image(scene.file());
        for (SceneFace f : scene.faces()) {
            FaceBox box = f.alignedRect().toFaceBox();
            AgeGenderNet.AgeGender ag = ageGender.predict(img, box);
            assertEquals(f.gender(), ag.gender(), "gender at " + box);
            assertEquals(f.age(), ag.age(), 0.5, "age at " + box);
            assertEquals(f.genderProbability(), ag.genderProbability(), 1e-3, "gender probability at " + box);
            FaceExpressionNet.Expressions e = expressions.predict(img, box);
            float[] expected = new float[FaceExpressionNet.LABELS.size()];
            for (int i = 0; i < expected.length; i++) expected[i] = f.expressions().get(FaceExpressionNet.LABELS.get(i)).floatValue();
            assertProbabilities(expected, e.probabilities(), "expressions at " + box);
            assertEquals(new FaceExpressionNet.Expressions(expected).bestLabel(), e.bestLabel());
        }
    }

    @Test
    void expressionsNameTheirLabels() {
        var e = new FaceExpressionNet.Expressions(new float[]{0.1f, 0.05f, 0.6f, 0.05f, 0.1f, 0.05f, 0.05f});
        assertEquals("sad", e.bestLabel());
        assertEquals(0.6f, e.probability("sad"));
        assertEquals(IllegalArgumentException.class, org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> e.probability("bored")).getClass());
    }
}
