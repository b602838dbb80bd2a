package dev.latentstudio.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * evaluate-face-sliders at small settings: its table and JSON hold real held-out figures, edits whose slider terms
 * weigh nothing fail every slider, a few real steps move the loop's figures the asked way, and bad photos are named.
 */
class EvaluateFaceSlidersCommandTest {
    private static final List<String> SLIDERS = List.of("happy", "older", "younger", "gender");

    private static JsonObject json(String log) {
        List<String> lines = log.lines().filter(l -> l.startsWith("{")).toList();
        return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    }

    private static double d(JsonObject o, String k) {
        return o.get(k).getAsDouble();
    }

    @Test
    void editsThatCannotMoveTheFaceFailEverySliderWithRealFigures() {
        // the slider terms weigh 0: only identity, appearance, background and smoothness pull, all toward the original
        String log = CliTest.run(1, "evaluate-face-sliders", "--faces", "2", "--steps", "2", "--weight", "expression=0",
                "--weight", "age=0", "--weight", "gender=0");
        assertTrue(log.contains("held out: start → after") && log.contains("FAIL: "), log);
        JsonObject j = json(log);
        JsonArray faces = j.getAsJsonArray("unedited");
        assertEquals(2, faces.size());
        Set<String> names = new HashSet<>();
        for (JsonElement e : faces) {
            JsonObject f = e.getAsJsonObject();
            names.add(f.get("face").getAsString());
            assertEquals("found", f.get("status").getAsString(), f.toString());
            // the unedited photo through JPEG 75, the rescale and re-detection is still the same person, well found
            assertTrue(d(f, "distance") >= 0 && d(f, "distance") < 0.2, f.toString());
            assertTrue(d(f, "score") >= 0.5 && d(f, "score") <= 1, f.toString());
            assertTrue(d(f, "age") > 5 && d(f, "age") < 90, f.toString());
            assertTrue(d(f, "p_happy") >= 0 && d(f, "p_happy") <= 1 && d(f, "p_male") >= 0 && d(f, "p_male") <= 1, f.toString());
        }
        // two faces from two photos: each photo's largest comes before any photo's second
        assertEquals(Set.of("sample1#0", "sample2#0"), names);
        JsonArray rows = j.getAsJsonArray("rows");
        assertEquals(2 * SLIDERS.size(), rows.size());
        for (JsonElement e : rows) {
            JsonObject r = e.getAsJsonObject();
            assertTrue(SLIDERS.contains(r.get("slider").getAsString()), r.toString());
            assertEquals("found", r.get("status").getAsString(), r.toString());
            for (String k : List.of("before", "after", "loop_before", "loop_after", "distance", "score", "seconds")) {
                assertTrue(Double.isFinite(d(r, k)), k + " in " + r);
            }
            assertTrue(d(r, "distance") < 0.2 && d(r, "score") >= 0.5, r.toString());
            assertTrue(d(r, "seconds") > 0 && r.get("steps").getAsInt() == 2, r.toString());
            // pulled toward the original only, the chip hardly changes and the unset expressions hardly drift
            assertTrue(d(r, "mean_change") >= 0 && d(r, "mean_change") < 0.01 && d(r, "held_drift") >= 0 && d(r, "held_drift") < 0.2,
                    r.toString());
            assertFalse(r.get("pass").getAsBoolean(), "an edit that cannot move the face passed: " + r);
            String why = r.get("why").getAsString(), slider = r.get("slider").getAsString();
            String expected = switch (slider) {
                case "happy" -> "P(happy) ";
                case "older" -> "age rose";
                case "younger" -> "age fell";
                default -> "call stayed";
            };
            assertTrue(why.contains(expected), r.toString());
        }
        for (String s : SLIDERS) assertEquals(0, d(j.getAsJsonObject("pass_rate"), s), 0, s);
        assertTrue(d(j, "median_seconds_per_edit") > 0 && d(j, "steps_per_second") > 0, j.toString());
        assertFalse(j.get("all_pass").getAsBoolean());
    }

    @Test
    void aFewRealStepsMoveTheLoopsFiguresTheAskedWay() {
        // whether 4 steps pass is not the question here: exit 0 or 1, the figures must have moved
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out, oldErr = System.err, ps = new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(ps);
        System.setErr(ps);
        int code;
        try {
            code = Main.run("evaluate-face-sliders", "--faces", "1", "--steps", "4");
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        String log = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(code == 0 || code == 1, "exit " + code + ": " + log);
        for (JsonElement e : json(log).getAsJsonArray("rows")) {
            JsonObject r = e.getAsJsonObject();
            double before = d(r, "loop_before"), after = d(r, "loop_after");
            switch (r.get("slider").getAsString()) {
                case "happy" -> assertTrue(!r.get("start").getAsString().equals("original") || after > before, r.toString());
                case "older" -> assertTrue(after > before + 1, r.toString());
                case "younger" -> assertTrue(after < before - 1, r.toString());
                default -> assertTrue(r.get("setting").getAsString().equals("gender=male") ? after > before : after < before, r.toString());
            }
        }
    }

    @Test
    void namesUnreadablePhotosAndPhotosWithoutAFace(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("broken.jpg"), "not a picture");
        ImageIO.write(new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("blank.png").toFile());
        String out = CliTest.run(2, "evaluate-face-sliders", "--photos", tmp.toString(), "--steps", "1");
        assertTrue(out.contains("broken.jpg: unreadable") && out.contains("blank.png: no face found"), out);
        assertTrue(out.contains("no face found in any of the 2 photos"), out);
        String none = CliTest.run(2, "evaluate-face-sliders", "--photos", tmp.resolve("missing").toString());
        assertTrue(none.contains("missing: not a folder"), none);
    }
}
