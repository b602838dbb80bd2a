package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InversionEvaluationTest {

    @Test
    @SuppressWarnings("unchecked")
    void tinyRunGivesEveryFigureInRange() throws Exception {
        InversionEvaluation.Report r = InversionEvaluation.run(ModelStore.DEFAULT_CLASSIFIER, DigitClassifier.load(ModelStore.DEFAULT_CLASSIFIER),
                DigitClassifier.load(ModelStore.SECOND_CLASSIFIER), MnistData.train(), MnistData.test(),
                new InversionEvaluation.Settings(3, 2, 2, 2, 2), new JobControl());
        Map<String, Object> m = r.toMap();
        for (String k : List.of("class_prob_min", "second_classifier_agree", "ssim_first_layer", "ssim_by_layer", "class_prob",
                "second_classifier_label", "second_classifier_prob")) {
            assertTrue(m.containsKey(k), k);
        }
        List<Double> probs = (List<Double>) m.get("class_prob");
        assertEquals(10, probs.size());
        for (double p : probs) assertTrue(p >= 0 && p <= 1, "p " + p);
        assertEquals(probs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), (double) m.get("class_prob_min"), 0);
        List<Integer> labels = (List<Integer>) m.get("second_classifier_label");
        long agree = 0;
        for (int c = 0; c < 10; c++) {
            assertTrue(labels.get(c) >= 0 && labels.get(c) <= 9);
            if (labels.get(c) == c) agree++;
        }
        assertEquals((int) agree, m.get("second_classifier_agree"));
        Map<String, Double> byLayer = (Map<String, Double>) m.get("ssim_by_layer");
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "fc1", "logits"), List.copyOf(byLayer.keySet()));
        for (double s : byLayer.values()) assertTrue(s > -1 && s <= 1, "ssim " + s);
        assertEquals(byLayer.get("conv1"), (double) m.get("ssim_first_layer"), 0);
        assertEquals(2, m.get("digits"));
        assertEquals(3, m.get("class_steps"));
        assertEquals(2, m.get("feature_steps"));
        List<Double> cgmm = (List<Double>) m.get("cgmm_per_class");
        assertEquals(10, cgmm.size());
        for (double v : cgmm) assertTrue(v == 0 || v == 0.5 || v == 1, "two samples a class: " + v);
        assertEquals(cgmm.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), (double) m.get("cgmm_second_classifier_share"), 1e-12);
        assertEquals(10, ((List<Double>) m.get("cgmm_first_per_class")).size());
        assertEquals(agree / 10.0, (double) m.get("class_vis_second_classifier_share"), 1e-12);
        assertEquals("fc1", m.get("cgmm_layer"));
        assertEquals(2, m.get("cgmm_samples"));
        assertEquals(2, m.get("cgmm_steps"));
    }
}
