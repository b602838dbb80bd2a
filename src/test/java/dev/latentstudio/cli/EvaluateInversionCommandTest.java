package dev.latentstudio.cli;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateInversionCommandTest {

    @Test
    void printsOneJsonObjectWithTheAcceptanceKeys() {
        String out = CliTest.run(0, "evaluate-inversion", "--steps", "2", "--digits", "2", "--cgmm-samples", "1");
        List<JsonObject> lines = InvertCommandTest.jsonLines(out);
        assertEquals(1, lines.size(), out);
        JsonObject j = lines.get(0);
        for (String k : List.of("class_prob_min", "second_classifier_agree", "ssim_first_layer", "ssim_by_layer", "cgmm_second_classifier_share")) {
            assertTrue(j.has(k), k + " in " + j);
        }
        assertEquals(10, j.getAsJsonArray("class_prob").size());
        assertEquals(10, j.getAsJsonArray("second_classifier_label").size());
        assertEquals(10, j.getAsJsonArray("cgmm_per_class").size());
        double share = j.get("cgmm_second_classifier_share").getAsDouble();
        assertTrue(share >= 0 && share <= 1, "share " + share);
        int agree = j.get("second_classifier_agree").getAsInt();
        assertTrue(agree >= 0 && agree <= 10);
        assertEquals("digit-cnn", j.get("classifier").getAsString());
        assertEquals("digit-cnn-b", j.get("second_classifier").getAsString());
    }

    @Test
    void theSecondClassifierMustBeAnotherOne() {
        String out = CliTest.run(2, "evaluate-inversion", "--second", "digit-cnn", "--steps", "1", "--digits", "1");
        assertTrue(out.contains("--second must name another classifier"), out);
    }
}
