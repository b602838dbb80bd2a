package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code evaluate-face-sliders} as a {@link Job}: on each face, every {@link SliderCheck} edit from the original face,
 * each measured by the {@link HeldOutCheck} on the pasted photo against the unedited photo's own held-out reading.
 * A face that starts happy (held-out P(happy) ≥ 0.2) is first made neutral and the happy edit starts from that.
 * Progress counts optimisation steps over all edits, with each edit's preview.
 */
public final class FaceSliderEvaluation implements Job<FaceSliderReport> {

    /** How many faces, and the edits' weights and options. */
    public record Settings(int faces, Weights weights, FaceEdit.Options options) {
        public Settings {
            if (faces < 1) throw new IllegalArgumentException("faces must be >= 1, got " + faces);
        }
    }

    /** A face to edit, named PHOTO#RANK (rank 0: the photo's largest face). */
    public record Face(String name, FaceSubject subject) {
    }

    private final FaceEditor editor;
    private final List<Face> faces;
    private final Settings settings;

    public FaceSliderEvaluation(FaceEditor editor, List<Face> faces, Settings settings) {
        if (faces.isEmpty()) throw new IllegalArgumentException("no faces to evaluate");
        this.editor = editor;
        this.faces = List.copyOf(faces);
        this.settings = settings;
    }

    /**
     * Up to {@code k} faces of the photos: each photo's largest first, then each one's second largest, and so on, so a
     * few faces still span the photos. A photo that cannot be read or has no face is said on {@code warn} and skipped.
     */
    public static List<Face> faces(FaceEditor editor, List<Path> photos, int k, Consumer<String> warn) {
        List<List<Face>> perPhoto = new ArrayList<>();
        for (Path p : photos) {
            BufferedImage img;
            try {
                img = ImageReading.read(p);
            } catch (ImageReading.Unusable e) {
                warn.accept(e.file() + ": unreadable: " + e.reason());
                continue;
            }
            List<FaceSubject> found = editor.subjects(img);
            if (found.isEmpty()) warn.accept(p + ": no face found");
            String stem = p.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            List<Face> named = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) named.add(new Face(stem + "#" + i, found.get(i)));
            perPhoto.add(named);
        }
        List<Face> out = new ArrayList<>();
        for (int rank = 0; out.size() < k; rank++) {
            boolean any = false;
            for (List<Face> fs : perPhoto) {
                if (rank < fs.size() && out.size() < k) {
                    out.add(fs.get(rank));
                    any = true;
                }
            }
            if (!any) break;
        }
        return out;
    }

    @Override
    public String name() {
        return "face slider evaluation";
    }

    @Override
    public FaceSliderReport run(JobControl control) throws Exception {
        long t0 = System.nanoTime();
        HeldOutCheck check = editor.heldOutCheck();
        int steps = settings.options().steps();
        Counter c = new Counter((long) faces.size() * SliderCheck.values().length * steps);
        List<FaceSliderReport.Baseline> baselines = new ArrayList<>();
        List<FaceSliderReport.Row> rows = new ArrayList<>();
        for (Face f : faces) {
            control.checkpoint();
            HeldOutCheck.Reference ref = HeldOutCheck.Reference.of(f.subject());
            HeldOutCheck.Outcome base = check.check(f.subject().photo(), ref);
            baselines.add(new FaceSliderReport.Baseline(f.name(), base.status(), base.face().orElse(null)));
            if (!base.found()) {
                // nothing to measure an edit against: the face's edits are not run (the baseline says why)
                c.total -= (long) SliderCheck.values().length * steps;
                continue;
            }
            HeldOutCheck.Measured b = base.face().orElseThrow();
            for (SliderCheck t : SliderCheck.values()) rows.add(measure(f, t, b, ref, check, control, c));
        }
        return FaceSliderReport.of(baselines, rows, settings, c.steps, c.stepSeconds, (System.nanoTime() - t0) / 1e9);
    }

    private FaceSliderReport.Row measure(Face f, SliderCheck t, HeldOutCheck.Measured base, HeldOutCheck.Reference ref,
                                         HeldOutCheck check, JobControl control, Counter c) throws Exception {
        Weights w = settings.weights();
        FaceEdit.Options o = settings.options();
        String start = "original";
        double startFigure = t.figure(base), preludeSeconds = 0;
        FaceEdit.Result prelude = null;
        HeldOutCheck.Measured from = base;
        if (t == SliderCheck.HAPPY && !(base.expression("happy") < SliderCheck.NON_HAPPY)) {
            c.total += o.steps();
            prelude = run(editor.edit(f.subject(), SliderCheck.sliders(SliderCheck.NEUTRAL), w, o), control, c, f.name() + " neutral first");
            HeldOutCheck.Outcome n = check.check(prelude.photo(), ref);
            start = "neutral-made";
            from = n.face().orElse(null);
            startFigure = from == null ? Double.NaN : t.figure(from);
            preludeSeconds = prelude.seconds();
        }
        String setting = t.setting(base);
        Sliders sliders = SliderCheck.sliders(setting);
        FaceEdit job = editor.edit(f.subject(), sliders, w, o);
        if (prelude != null) job = job.continuing(prelude);
        FaceEdit.Result r = run(job, control, c, f.name() + " " + setting);
        HeldOutCheck.Outcome after = check.check(r.photo(), ref);
        HeldOutCheck.Measured a = after.face().orElse(null);
        double[] loop = r.changes().get(t.loopKey());
        // a result's "before" is always the original face's reading; a neutral-first edit started from the prelude's
        double loopBefore = prelude != null ? prelude.after().expression("happy") : loop[0];
        FaceSliderReport.Row row = new FaceSliderReport.Row(f.name(), t, setting, start, startFigure, a == null ? Double.NaN : t.figure(a),
                loopBefore, loop[1], after.status(), a == null ? Double.NaN : a.distance(), a == null ? Double.NaN : a.score(),
                r.steps(), r.seconds(), preludeSeconds, r.meanChange(), r.heldDrift(), t.failure(base, from, a));
        control.report(new Progress(c.done, c.total, Map.of(), r.photo(), row.face() + " " + setting + ": " + (row.pass() ? "pass" : "fail")));
        return row;
    }

    /** One edit with its steps reported as the evaluation's (a cancel or pause of the evaluation acts within a step). */
    private static FaceEdit.Result run(FaceEdit job, JobControl outer, Counter c, String label) {
        long offset = c.done;
        JobControl inner = new JobControl().onProgress(p -> {
            outer.checkpoint();
            outer.report(new Progress(offset + p.step(), c.total, p.metrics(), p.preview(), label));
        });
        FaceEdit.Result r = job.run(inner);
        c.done = offset + r.steps();
        c.steps += r.steps();
        c.stepSeconds += r.steps() * r.msPerStep() / 1000;
        return r;
    }

    /** Steps done and planned (a neutral-first edit adds its steps), and the optimisation's own time. */
    private static final class Counter {
        long done, total, steps;
        double stepSeconds;

        Counter(long total) {
            this.total = total;
        }
    }
}
