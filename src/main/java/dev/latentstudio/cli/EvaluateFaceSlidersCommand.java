package dev.latentstudio.cli;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.faceedit.FaceEdit;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.faceedit.FaceSliderEvaluation;
import dev.latentstudio.engine.faceedit.FaceSliderReport;
import dev.latentstudio.engine.faceedit.HeldOutCheck;
import dev.latentstudio.engine.faceedit.SliderCheck;
import dev.latentstudio.engine.faceedit.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "evaluate-face-sliders", mixinStandardHelpOptions = true, description = {
        "Measure the face sliders after held-out transforms the edits never saw (JPEG 75, a 90 %% rescale, re-detection, "
                + "re-landmarking, re-alignment): on each face, from the original, happy=0.9 (a face that starts with P(happy) "
                + ">= 0.2 is first made neutral), age=+20, age=-20 and the gender flip.",
        "Pass: P(happy) >= 0.8; the age moved >= 15 years the asked way; the gender call flipped; and for every edit the "
                + "recogniser's distance to the original <= 0.5 and the detector's score >= 0.5.",
        "Prints the table on stderr and one JSON object on stdout (rows, pass rate per slider, median seconds per edit, "
                + "steps/s). Exit 1 if any edit fails, as evaluate-sliders."})
final class EvaluateFaceSlidersCommand implements Callable<Integer> {
    private static final List<String> IMAGES = List.of(".jpg", ".jpeg", ".png", ".bmp");

    @Option(names = "--steps", converter = Ranges.Positive.class, paramLabel = "N", description = "Steps per edit (default: ${DEFAULT-VALUE}).")
    int steps = FaceEdit.Options.DEFAULTS.steps();
    @Option(names = "--faces", converter = Ranges.Positive.class, paramLabel = "K", description = "Faces to edit: each photo's largest, "
            + "then each one's next largest… (default: every face of the photos; the samples hold 22).")
    Integer faces;
    @Option(names = "--photos", paramLabel = "DIR", description = "The photos (.jpg, .png, .bmp), by name (default: assets/faces, the samples).")
    Path photos;
    @Option(names = "--weight", paramLabel = "NAME=W", description = "A term's weight, repeatable, as face-edit takes it: expression, age, "
            + "gender, identity, appearance, outside, smooth.")
    Map<String, String> weights = new LinkedHashMap<>();
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the edits' jitter (default: ${DEFAULT-VALUE}).")
    long seed = FaceEdit.Options.DEFAULTS.seed();

    @Override
    public Integer call() throws Exception {
        Weights w = Weights.DEFAULTS;
        for (Map.Entry<String, String> e : weights.entrySet()) w = w.with(e.getKey(), FaceEditCommand.weight(e.getKey(), e.getValue()));
        FaceEdit.Options o = FaceEdit.Options.DEFAULTS.withSteps(steps).withSeed(seed);
        List<Path> files = images(photos != null ? photos : StudioPaths.assets().resolve("faces"));
        FaceEditor editor = FaceEditor.load(FaceCli.models());
        List<FaceSliderEvaluation.Face> chosen = FaceSliderEvaluation.faces(editor, files, faces == null ? Integer.MAX_VALUE : faces,
                System.err::println);
        if (chosen.isEmpty()) throw new IllegalArgumentException("no face found in any of the " + files.size() + " photos");
        FaceSliderEvaluation.Settings s = new FaceSliderEvaluation.Settings(chosen.size(), w, o);
        FaceSliderReport r = ConsoleJob.run(new FaceSliderEvaluation(editor, chosen, s), System.err);
        System.err.print(r.table());
        FaceCli.print(json(r));
        return r.allPass() ? 0 : 1;
    }

    private static List<Path> images(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a folder");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = s.filter(p -> IMAGES.stream().anyMatch(x -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(x)))
                    .sorted().toList();
            if (out.isEmpty()) throw new IllegalArgumentException(dir + ": no photos (.jpg, .png, .bmp) in it");
            return out;
        }
    }

    private static Map<String, Object> json(FaceSliderReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        FaceSliderEvaluation.Settings s = r.settings();
        Weights w = s.weights();
        double[] ws = {w.expression(), w.age(), w.gender(), w.identity(), w.appearance(), w.outside(), w.smooth(), w.hold()};
        Map<String, Object> weights = new LinkedHashMap<>();
        for (int i = 0; i < ws.length; i++) weights.put(Weights.NAMES.get(i), ws[i]);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("faces", s.faces());
        settings.put("steps", s.options().steps());
        settings.put("lr", s.options().lr());
        settings.put("seed", s.options().seed());
        settings.put("weights", weights);
        out.put("settings", settings);
        List<Map<String, Object>> faces = new ArrayList<>();
        for (FaceSliderReport.Baseline b : r.faces()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("face", b.face());
            m.put("status", b.status().name().toLowerCase(Locale.ROOT));
            HeldOutCheck.Measured h = b.measured();
            if (h != null) {
                m.put("distance", FaceCli.round(h.distance()));
                m.put("score", FaceCli.round(h.score()));
                m.put("p_happy", FaceCli.round(h.expression("happy")));
                m.put("age", FaceCli.round(h.age()));
                m.put("p_male", FaceCli.round(h.probabilityMale()));
            }
            faces.add(m);
        }
        out.put("unedited", faces);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FaceSliderReport.Row x : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slider", x.slider().label());
            m.put("face", x.face());
            m.put("setting", x.setting());
            m.put("start", x.start());
            m.put("before", FaceCli.round(x.before()));
            m.put("after", FaceCli.round(x.after()));
            m.put("loop_before", FaceCli.round(x.loopBefore()));
            m.put("loop_after", FaceCli.round(x.loopAfter()));
            m.put("status", x.status().name().toLowerCase(Locale.ROOT));
            m.put("distance", FaceCli.round(x.distance()));
            m.put("score", FaceCli.round(x.score()));
            m.put("steps", x.steps());
            m.put("seconds", FaceCli.round(x.seconds()));
            if (x.preludeSeconds() > 0) m.put("neutral_first_seconds", FaceCli.round(x.preludeSeconds()));
            m.put("mean_change", FaceCli.round(x.meanChange()));
            m.put("held_drift", FaceCli.round(x.heldDrift()));
            m.put("pass", x.pass());
            if (!x.pass()) m.put("why", x.failure());
            rows.add(m);
        }
        out.put("rows", rows);
        Map<String, Object> rate = new LinkedHashMap<>();
        for (SliderCheck t : SliderCheck.values()) if (r.passRate().containsKey(t)) rate.put(t.label(), FaceCli.round(r.passRate().get(t)));
        out.put("pass_rate", rate);
        out.put("mean_change", FaceCli.round(r.rows().stream().mapToDouble(FaceSliderReport.Row::meanChange).average().orElse(Double.NaN)));
        out.put("mean_held_drift", FaceCli.round(r.rows().stream().mapToDouble(FaceSliderReport.Row::heldDrift).average().orElse(Double.NaN)));
        out.put("median_seconds_per_edit", FaceCli.round(r.medianSeconds()));
        out.put("steps_per_second", FaceCli.round(r.stepsPerSecond()));
        out.put("seconds", FaceCli.round(r.seconds()));
        out.put("all_pass", r.allPass());
        return out;
    }
}
