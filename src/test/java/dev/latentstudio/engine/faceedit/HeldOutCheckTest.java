package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceAttributeReader;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.face.FaceLandmarks68;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.nn.InputGradient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The held-out check on sample3.jpg's left face (P(happy) ≈ 0.13, not the photo's largest): pixel-exact adversarial
 * noise makes the expression net read it as happy on the exact pixels, and the check (JPEG 75, 90 %, re-detection)
 * does not; on the unedited photo the check finds the same face with about the same figures.
 */
class HeldOutCheckTest {
    private static final Path MODELS = Path.of("models/face-api");
    private static final Path PHOTO = Path.of("assets/faces/sample3.jpg");
    private static final int HAPPY = FaceExpressionNet.LABELS.indexOf("happy");
    /** At most this many grey levels from the photo per channel, one level a step: noise, not an edit. */
    private static final int BUDGET = 8;
    /**
     * Each step moves the 1 % of the pixel channels with the steepest gradient: the smallest noise that fools the net
     * (two steps here). Dense noise (every channel the net reads, one signed-gradient step of one level) is not caught:
     * P(happy) 0.997 exact, 0.91 held out; a Gaussian blur before the JPEG brings it to 0.83 (σ 1 px) or 0.31 (σ 2), but
     * σ 2 costs the genuine edits 13 of their 69 passes, and four such steps (±4 levels) still read 0.72 after a σ 4
     * blur (docs/inversion.md, "Held-out check").
     */
    private static final double FRACTION = 0.01;

    private static FacePipeline pipeline;
    private static FaceAttributeReader reader;
    private static FaceExpressionNet expressions;
    private static BufferedImage photo;
    private static FacePipeline.Face face;
    private static FaceLandmarks68 marks;

    @BeforeAll
    static void load() throws Exception {
        pipeline = FacePipeline.load(MODELS, FacePipeline.Speed.ACCURATE);
        reader = FaceAttributeReader.load(MODELS);
        expressions = FaceExpressionNet.load(MODELS);
        photo = ImageReading.read(PHOTO);
        // face-api's left face of sample3 (its box 585, 329, 199×271); the photo's largest is another
        face = pipeline.faces(photo, new dev.latentstudio.engine.face.FaceAnalyser.Options(true, true, true, false, true)).stream()
                .min((a, b) -> Double.compare(dist(a.report().box(), 684, 464), dist(b.report().box(), 684, 464))).orElseThrow();
        double[] xy = new double[2 * FaceLandmarks68.POINTS];
        List<FaceReport.Point> p = face.report().landmarks();
        for (int i = 0; i < p.size(); i++) {
            xy[2 * i] = p.get(i).x();
            xy[2 * i + 1] = p.get(i).y();
        }
        marks = new FaceLandmarks68(xy, face.report().box());
    }

    private static double dist(FaceBox b, double x, double y) {
        return Math.hypot(b.x() + b.width() / 2 - x, b.y() + b.height() / 2 - y);
    }

    @Test
    void theUneditedPhotoPassesWithTheOriginalsFigures() {
        HeldOutCheck.Outcome o = new HeldOutCheck(pipeline).check(photo, HeldOutCheck.Reference.of(face));
        System.out.println("held-out check, unedited: " + o.summary() + " (pipeline on the original: score "
                + face.report().score() + ", " + face.report().attributes() + ")");
        assertEquals(HeldOutCheck.Status.FOUND, o.status(), o.summary());
        HeldOutCheck.Measured m = o.face().orElseThrow();
        assertTrue(m.distance() < 0.3, "distance to the original " + m.distance());
        assertTrue(m.score() >= 0.5, "detector score " + m.score());
        assertEquals(face.report().attributes().expression("happy"), m.expression("happy"), 0.2);
        assertEquals(face.report().attributes().age(), m.age(), 5);
        assertEquals(face.report().attributes().probabilityMale(), m.probabilityMale(), 0.2);
        assertEquals(7, m.expressions().size());
    }

    @Test
    void adversarialNoiseFoolsTheExactPixelsButNotTheHeldOutCheck() {
        double before = happy(photo);
        assertTrue(before < 0.2, "the face must start far from happy: P(happy) " + before);
        BufferedImage edited = copy(photo);
        int steps = attack(edited, 0.8, 60, FRACTION);
        double fooled = happy(edited);
        System.out.printf("adversarial noise: P(happy) %.3f -> %.3f on the exact pixels after %d steps of one grey level (at most %d)%n",
                before, fooled, steps, BUDGET);
        assertTrue(fooled >= 0.8, "the noise did not fool the net on the exact pixels: P(happy) " + fooled);

        HeldOutCheck.Outcome o = new HeldOutCheck(pipeline).check(edited, HeldOutCheck.Reference.of(face));
        System.out.println("held-out check, adversarial edit: " + o.summary());
        assertEquals(HeldOutCheck.Status.FOUND, o.status(), o.summary());
        double held = o.face().orElseThrow().expression("happy");
        assertTrue(held < 0.5, "the held-out check believed the noise: P(happy) " + held);
    }

    @Test
    void aGenuineHappyEditPassesTheHeldOutCheck() throws Exception {
        // evaluate-face-sliders' happy edit of sample2#0 (its largest face, read non-happy), with the defaults: it must
        // still count (held out 0.01 → 0.95 there; sample3#1's, used here before the warp, now reads 0.73 held out)
        FaceEditor editor = new FaceEditor(pipeline, expressions, dev.latentstudio.engine.face.AgeGenderNet.load(MODELS));
        BufferedImage photo = ImageReading.read(Path.of("assets/faces/sample2.jpg"));
        FaceSubject subject = editor.subjects(photo).get(0);
        FaceEdit.Result r = editor.edit(subject, Sliders.parse(List.of("happy=0.9")), Weights.DEFAULTS, FaceEdit.Options.DEFAULTS)
                .run(new dev.latentstudio.engine.job.JobControl());
        HeldOutCheck check = new HeldOutCheck(pipeline);
        HeldOutCheck.Reference ref = HeldOutCheck.Reference.of(subject);
        HeldOutCheck.Outcome o = check.check(r.photo(), ref);
        System.out.println("held-out check, genuine happy=0.9 edit: " + o.summary());
        assertEquals(HeldOutCheck.Status.FOUND, o.status(), o.summary());
        HeldOutCheck.Measured base = check.check(photo, ref).face().orElseThrow();
        assertNull(SliderCheck.HAPPY.failure(base, o.face().orElseThrow()), o.summary());
    }

    @Test
    void noFaceAndAFaceElsewhereAreOutcomesNotErrors() {
        HeldOutCheck check = new HeldOutCheck(pipeline);
        BufferedImage grey = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB); // alpha: the JPEG step must cope
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        HeldOutCheck.Outcome none = check.check(grey, new HeldOutCheck.Reference(face.descriptor(), new FaceBox(100, 50, 150, 200)));
        assertEquals(HeldOutCheck.Status.NO_FACE, none.status());
        assertTrue(none.face().isEmpty());
        assertEquals(360, none.seen().getWidth());
        // the photo's faces are all far from its bottom-left corner
        HeldOutCheck.Outcome elsewhere = check.check(photo, new HeldOutCheck.Reference(face.descriptor(), new FaceBox(0, 1150, 150, 150)));
        assertEquals(HeldOutCheck.Status.ELSEWHERE, elsewhere.status(), elsewhere.summary());
    }

    /** P(happy) as FaceAttributeReader reads the face at the original landmarks' aligned rect. */
    private static double happy(BufferedImage img) {
        return reader.attributes(img, marks).expression("happy");
    }

    /**
     * Iterated signed-gradient ascent of log P(happy) in photo pixels: the net input is the aligned rect cut,
     * padded and resized (linear), so d/d photo is the adjoint of that resize applied to d/d input. Each step moves
     * the steepest {@code fraction} of the pixel channels the net reads by one grey level, within {@link #BUDGET} of the photo; returns the steps taken.
     */
    private static int attack(BufferedImage img, double goal, int maxSteps, double fraction) {
        FaceBox c = FaceTensors.region(img, marks.alignedRect());
        int x0 = (int) c.x(), y0 = (int) c.y(), w = (int) c.width(), h = (int) c.height();
        int side = Math.max(w, h), diff = side - Math.min(w, h), before = diff - (int) Math.round(diff * 0.5);
        int offX = w < h ? before : 0, offY = h < w ? before : 0;
        int[] original = img.getRGB(x0, y0, w, h, null, 0, w);
        int[] px = original.clone();
        InputGradient.Backprop backprop = InputGradient.backprop(expressions.graph());
        for (int step = 0; step < maxSteps; step++) {
            img.setRGB(x0, y0, w, h, px, 0, w);
            if (happy(img) >= goal) return step;
            INDArray input = FaceTensors.netInput(img, marks.alignedRect(), FaceExpressionNet.SIZE);
            INDArray g = backprop.of(FaceExpressionNet.normalised(input), logits -> {
                float[] z = logits.toFloatVector();
                double top = Double.NEGATIVE_INFINITY, sum = 0;
                for (float v : z) top = Math.max(top, v);
                for (float v : z) sum += Math.exp(v - top);
                float[] d = new float[z.length]; // d log softmax_happy / d z = onehot − softmax
                for (int k = 0; k < z.length; k++) d[k] = (float) ((k == HAPPY ? 1 : 0) - Math.exp(z[k] - top) / sum);
                return Nd4j.create(d, logits.shape(), 'c').castTo(logits.dataType());
            });
            float[] square = resizeAdjoint(g.dup('c').data().asFloat(), side, FaceExpressionNet.SIZE);
            float threshold = quantile(square, fraction);
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    int at = (yy + offY) * side + xx + offX, p = px[yy * w + xx], o = original[yy * w + xx], out = 0xff000000;
                    for (int ch = 0; ch < 3; ch++) {
                        int shift = 16 - 8 * ch, v = (p >> shift) & 0xff, v0 = (o >> shift) & 0xff;
                        float gv = square[ch * side * side + at];
                        if (gv >= threshold) v = Math.min(Math.min(255, v0 + BUDGET), v + 1);
                        else if (gv <= -threshold) v = Math.max(Math.max(0, v0 - BUDGET), v - 1);
                        out |= v << shift;
                    }
                    px[yy * w + xx] = out;
                }
            }
        }
        img.setRGB(x0, y0, w, h, px, 0, w);
        return maxSteps;
    }

    /** The transpose of FaceTensors' tf-style resizeBilinear (alignCorners and halfPixelCenters false), square to square. */
    private static float[] resizeAdjoint(float[] g, int in, int out) {
        float[] r = new float[3 * in * in];
        float ratio = (float) in / out;
        for (int y = 0; y < out; y++) {
            float fy = ratio * y;
            int top = (int) Math.floor(fy), bottom = Math.min(in - 1, (int) Math.ceil(fy));
            float dy = fy - top;
            for (int x = 0; x < out; x++) {
                float fx = ratio * x;
                int left = (int) Math.floor(fx), right = Math.min(in - 1, (int) Math.ceil(fx));
                float dx = fx - left;
                for (int p = 0; p < 3; p++) {
                    float v = g[p * out * out + y * out + x];
                    int base = p * in * in;
                    r[base + top * in + left] += v * (1 - dx) * (1 - dy);
                    r[base + top * in + right] += v * dx * (1 - dy);
                    r[base + bottom * in + left] += v * (1 - dx) * dy;
                    r[base + bottom * in + right] += v * dx * dy;
                }
            }
        }
        return r;
    }

    /** The |value| above which the largest {@code fraction} of the nonzero values lie. */
    private static float quantile(float[] v, double fraction) {
        float[] a = new float[v.length];
        int n = 0;
        for (float x : v) if (x != 0) a[n++] = Math.abs(x);
        float[] b = java.util.Arrays.copyOf(a, n);
        java.util.Arrays.sort(b);
        return n == 0 ? Float.POSITIVE_INFINITY : Math.max(Float.MIN_VALUE,  b[Math.max(0, Math.min(n - 1, (int) Math.floor(n * (1 - fraction))))]);
    }

    private static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(img, 0, 0, null);
        return out;
    }
}
