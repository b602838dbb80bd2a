package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.Adam;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.WarpAndPaint;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One edit of a face toward the sliders, as a {@link Job}: an inversion that starts from the chip (the original, or a
 * previous edit's: {@link #continuing}), held as that chip warped plus a painted Fourier spectrum with decorrelated
 * colour ({@link #WARP_SPACING}), and climbs the editor's
 * combined objective with Adam, the chip clipped to [-1, 1]. Each step reports its figures and, as a preview, the
 * photo's face neighbourhood with the current chip pasted back. The result holds the chip, the photo moved and
 * painted the same way at its own resolution ({@link dev.latentstudio.engine.invert.Moved#onto}) and the nets'
 * readings before and after.
 */
public final class FaceEdit implements Job<FaceEdit.Result> {
    /**
     * The chip is its start warped ({@code WarpAndPaint}: control points every 5 of its 150 pixels, moved 5 times
     * Adam's rate, about 0.1 px a step) plus a painted change held as a spectrum at 0.3 of Adam's rate: the climb
     * moves the mouth and the brows before it paints, so the edit changes the face half as much and without the
     * blotches of a painted-only climb. Measured by evaluate-face-sliders (88 edits of the 22 sample faces, 104 with the
     * neutral-first starts): mean |change| 0.0140 against 0.0265 painted only, at the cost of passes held out: 70
     * against 75 (the two differ on 15 edits, 10 of them passing painted only); paint at 0.5: 71 passes, 0.0178.
     * Warped only the change is 0.005, but on the first four faces 7 of 16 edits passed (gender 1 of 4) against 13.
     */
    static final int WARP_SPACING = 5;
    static final double FLOW_SCALE = 5, PAINT_SCALE = 0.3;

    /** steps; seed (the jitter's draws); Adam's rate (times FLOW_SCALE for the warp, PAINT_SCALE for the paint); jitter in chip pixels. */
    public record Options(int steps, long seed, double lr, int jitter) {
        /** Measured on the sample photos: see {@link FaceEditor}. */
        public static final Options DEFAULTS = new Options(40, 0, 0.02, 1);

        public Options {
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            if (!(lr > 0) || jitter < 0) throw new IllegalArgumentException("lr > 0 and jitter >= 0");
        }

        public Options withSteps(int n) {
            return new Options(n, seed, lr, jitter);
        }

        public Options withSeed(long s) {
            return new Options(steps, s, lr, jitter);
        }
    }

    /**
     * The edited chip ([1, 3, 150, 150] in [-1, 1], the start of a next edit), its picture, the chip before | after,
     * the photo with it pasted back, the readings of the original and of the edit, the last step's figures, ms per
     * step and the whole edit's seconds.
     */
    public record Result(INDArray chip, BufferedImage chipPicture, BufferedImage beforeAfter, BufferedImage photo, Reading before,
                         Reading after, Sliders sliders, Map<String, Double> lastStep, double meanChange, int steps, double msPerStep,
                         double seconds) {
        /** Per slider figure: [before, after] (the set expressions by name, "age", "p_male"). */
        public Map<String, double[]> changes() {
            Map<String, Double> b = before.figures(sliders), a = after.figures(sliders);
            Map<String, double[]> out = new LinkedHashMap<>();
            for (String k : b.keySet()) out.put(k, new double[]{b.get(k), a.get(k)});
            return out;
        }

        /** The expressions no slider set (the ones the edit holds), by name: [before, after]. */
        public Map<String, double[]> held() {
            double[] b = before.expressions(), a = after.expressions(), t = sliders.expressions();
            Map<String, double[]> out = new LinkedHashMap<>();
            for (int k = 0; k < t.length; k++) if (Double.isNaN(t[k])) out.put(FaceExpressionNet.LABELS.get(k), new double[]{b[k], a[k]});
            return out;
        }

        /** How far the held expressions drifted beyond the room they made for the set ones ({@link Reading#heldDrift}). */
        public double heldDrift() {
            return before.heldDrift(after, sliders);
        }
    }

    private final FaceEditor editor;
    private final FaceSubject subject;
    private final Sliders sliders;
    private final Weights weights;
    private final Options options;
    private final INDArray start;
    private final BufferedImage base; // the photo the start's chip stands for: the original, or a previous edit's

    FaceEdit(FaceEditor editor, FaceSubject subject, Sliders sliders, Weights weights, Options options, INDArray start) {
        this(editor, subject, sliders, weights, options, start, subject.photo());
    }

    private FaceEdit(FaceEditor editor, FaceSubject subject, Sliders sliders, Weights weights, Options options, INDArray start,
                     BufferedImage base) {
        if (sliders.isEmpty()) throw new IllegalArgumentException("no slider is set: give at least one (happy=0.9, age=+20, gender=female…)");
        this.editor = editor;
        this.subject = subject;
        this.sliders = sliders;
        this.weights = weights;
        this.options = options;
        this.start = start;
        this.base = base;
    }

    /**
     * The same sliders' edit from a previous edit's picture (a slider released starts a new run from the current
     * picture), the references (identity, appearance, background, the age's base) still the original face's.
     */
    public FaceEdit continuing(Result previous) {
        return new FaceEdit(editor, subject, sliders, weights, options, previous.chip(), previous.photo());
    }

    @Override
    public String name() {
        return "face edit";
    }

    @Override
    public Result run(JobControl control) {
        long t0 = System.nanoTime();
        Inversion.Settings s = new Inversion.Settings(options.steps(), List.of(), List.of(), new Adam(options.lr()), 0, -1, 1,
                options.seed(), 1);
        INDArray from = start.castTo(DataType.FLOAT);
        Inversion inversion = new Inversion(name(), editor.objective(subject, sliders, weights, options.jitter()),
                WarpAndPaint.of(from, WARP_SPACING, FLOW_SCALE, PAINT_SCALE), s).drawnWith(chip -> subject.paste().regionWith(picture(chip)));
        Inversion.Result r = inversion.run(control);
        INDArray chip = r.image();
        double change = Transforms.abs(chip.castTo(DataType.FLOAT).sub(from), false).meanNumber().doubleValue();
        Reading after = editor.read(subject, chip);
        BufferedImage after1 = picture(chip);
        // the photo itself moved and painted as the chip was, inside the feathered mask: the face keeps the photo's
        // detail (pasting the 150-pixel chip back would upsample a 200–500 pixel face); the previews paste the chip
        BufferedImage photo = r.moved().onto(base, subject.photoToChip(), subject.mask());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(chip, after1, sideBySide(picture(subject.chip()), after1), photo, subject.original(), after, sliders,
                r.metrics(), change, r.steps(), r.msPerStep(), seconds);
    }

    /** The chip as a picture, pixels read as [-1, 1]. */
    static BufferedImage picture(INDArray chip) {
        int c = (int) chip.size(1), h = (int) chip.size(2), w = (int) chip.size(3);
        return Images.toImage(chip.get(NDArrayIndex.point(0)).castTo(DataType.FLOAT).dup('c').data().asFloat(), c, h, w);
    }

    static BufferedImage sideBySide(BufferedImage a, BufferedImage b) {
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(a, 0, 0, null);
            g.drawImage(b, a.getWidth(), 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
