package dev.latentstudio.engine.faceedit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link FaceSliderEvaluation} measured: each face's unedited held-out reading, one row per edit, the pass rate
 * per slider, the median seconds per edit and the optimisation's steps per second.
 */
public record FaceSliderReport(List<Baseline> faces, List<Row> rows, Map<SliderCheck, Double> passRate, double medianSeconds,
                               double stepsPerSecond, FaceSliderEvaluation.Settings settings, double seconds) {

    /** The unedited photo through the held-out check (measured null unless FOUND: then the face has no edits). */
    public record Baseline(String face, HeldOutCheck.Status status, HeldOutCheck.Measured measured) {
    }

    /**
     * One edit: the slider's held-out figure at the start (the unedited photo's, or the neutral-made face's for a
     * happy face) and after, the same figure as the loop read it, the held-out status, distance and score, steps,
     * seconds (a neutral-first edit's own in {@code preludeSeconds}), the edit's mean |change| of the chip and the drift
     * of the expressions no slider set (in the loop: {@link FaceEdit.Result#heldDrift}), and why it failed (null: pass).
     */
    public record Row(String face, SliderCheck slider, String setting, String start, double before, double after, double loopBefore,
                      double loopAfter, HeldOutCheck.Status status, double distance, double score, int steps, double seconds,
                      double preludeSeconds, double meanChange, double heldDrift, String failure) {
        public boolean pass() {
            return failure == null;
        }
    }

    public FaceSliderReport {
        faces = List.copyOf(faces);
        rows = List.copyOf(rows);
        passRate = Map.copyOf(passRate);
    }

    static FaceSliderReport of(List<Baseline> faces, List<Row> rows, FaceSliderEvaluation.Settings settings, long steps,
                               double stepSeconds, double seconds) {
        Map<SliderCheck, Double> rate = new EnumMap<>(SliderCheck.class);
        for (SliderCheck t : SliderCheck.values()) {
            List<Row> of = rows.stream().filter(r -> r.slider() == t).toList();
            if (!of.isEmpty()) rate.put(t, of.stream().filter(Row::pass).count() / (double) of.size());
        }
        double[] s = rows.stream().mapToDouble(Row::seconds).sorted().toArray();
        double median = s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new FaceSliderReport(faces, rows, rate, median, stepSeconds > 0 ? steps / stepSeconds : Double.NaN, settings, seconds);
    }

    public boolean allPass() {
        return !rows.isEmpty() && rows.stream().allMatch(Row::pass);
    }

    /** The table for a person: the baselines, then sliders × faces, then the pass rates and timing. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("unedited photos, held out (JPEG 75, 90 %, re-detected):\n");
        for (Baseline b : faces) {
            HeldOutCheck.Measured m = b.measured();
            sb.append(m == null ? String.format(Locale.ROOT, "  %-12s %s: its edits not run%n", b.face(), b.status())
                    : String.format(Locale.ROOT, "  %-12s distance %.3f  score %.3f  P(happy) %.2f  age %.1f  P(male) %.2f%n",
                    b.face(), m.distance(), m.score(), m.expression("happy"), m.age(), m.probabilityMale()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-8s %-12s %-14s %-22s %-16s %8s %6s %8s  %s%n", "slider", "face", "setting",
                "held out: start → after", "in the loop", "distance", "score", "seconds", "result"));
        for (SliderCheck t : SliderCheck.values()) {
            for (Row r : rows) {
                if (r.slider() != t) continue;
                String held = fmt(t, r.before()) + " → " + fmt(t, r.after()) + (r.start().equals("original") ? "" : " (n)");
                sb.append(String.format(Locale.ROOT, "%-8s %-12s %-14s %-22s %-16s %8.3f %6.3f %8.1f  %s%n", t.label(), r.face(), r.setting(),
                        held, fmt(t, r.loopBefore()) + " → " + fmt(t, r.loopAfter()), r.distance(), r.score(),
                        r.seconds() + r.preludeSeconds(), r.pass() ? "pass" : "FAIL: " + r.failure()));
            }
        }
        sb.append('\n');
        List<String> rates = new ArrayList<>();
        for (SliderCheck t : SliderCheck.values()) {
            long n = rows.stream().filter(r -> r.slider() == t).count(), ok = rows.stream().filter(r -> r.slider() == t && r.pass()).count();
            if (n > 0) rates.add(t.label() + " " + ok + "/" + n);
        }
        sb.append("passed: ").append(String.join(", ", rates)).append('\n');
        sb.append(String.format(Locale.ROOT, "median %.1f s per edit (%d steps), %.2f steps/s; %.0f s in all%n", medianSeconds,
                settings.options().steps(), stepsPerSecond, seconds));
        if (rows.stream().anyMatch(r -> !r.start().equals("original"))) {
            sb.append("(n): the face started happy and was first made neutral (" + SliderCheck.NEUTRAL + "); its seconds include that edit's\n");
        }
        return sb.toString();
    }

    private static String fmt(SliderCheck t, double v) {
        return String.format(Locale.ROOT, t == SliderCheck.OLDER || t == SliderCheck.YOUNGER ? "%.1f" : "%.2f", v);
    }

    /** Rows of one slider (for callers that print their own). */
    public List<Row> rows(SliderCheck t) {
        return rows.stream().filter(r -> r.slider() == t).toList();
    }
}
