package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceDetection;
import dev.latentstudio.engine.face.FaceDetector;
import dev.latentstudio.engine.face.FaceLandmarkNet;
import dev.latentstudio.engine.face.FaceLandmarker;
import dev.latentstudio.engine.face.FaceLandmarks68;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.face.FaceVariants;
import dev.latentstudio.engine.image.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moving a real face's landmarks (the landmark net run backwards): the photo's face is cut as the landmarker cuts it
 * (the box's pixels padded to a square, 112×112) and moved by a smooth displacement field ({@link Warp}, control points
 * every {@link #WARP_SPACING} pixels) until the net's points for the chosen landmarks sit on their targets
 * ({@link LandmarkTargets}), while {@link Closeness} (weight {@code l2} of the options) keeps the rest of the picture,
 * under the portrait's jitter and the net's input normalisation. The move is then pasted back into the photo at its own
 * resolution, and can be judged as the booth would see it: after a JPEG round trip and a rescale, re-detected and
 * re-landmarked ({@link #heldOut}).
 */
public final class LandmarkEdit {
    /**
     * Pixels between the warp's control points on the 112×112 cut. A warp moves the photo's own pixels, so the edit
     * cannot paint the speckle that moves a net's points in one crop only; held out (JPEG 75, ×0.9, re-detected), over
     * seeds 0–2 on sample1 and sample6 for mouth_open=6, brows_up=4, eyes_wide=4, smile=6 (24 edits), the moved points
     * landed 1.41 px from their targets on average and within 2 px in 22 edits; the face's own Fourier spectrum (Adam
     * 0.003), the climb before, 1.65 px and 18 edits. On seed 0's 8 edits control points every 2 pixels landed within 2 px
     * in 4 (every 4: all 8); every 8 missed smile on sample1 (2.22 px against 1.74; 16: 2.64).
     */
    public static final int WARP_SPACING = 4;
    /**
     * 60 steps at Adam's 0.1 (pixels of displacement per step, about), closeness 0.05, 2 px of jitter (the targets
     * follow it), no zoom and turn (they would move the points with the picture) and no total variation. At 0.05 and
     * 0.2 the same 8 edits of seed 0 landed within 2 px 6 and 7 times, at 0.1 all 8.
     */
    public static final IdentityPortrait.Options DEFAULTS = new IdentityPortrait.Options(60, 0, 0, 0.05, 2, 0.1);
    /**
     * The default weight of the points not moved, each held at its original place (the moved points weigh 1). On
     * sample1, 60 steps, weights 0 / 0.03 / 0.1 / 1 (measured with the Fourier climb): for 48=-4,-2 the others drift
     * 2.83 / 0.95 / 0.67 / 0.43 px and the moved point's held-out error is 3.07 / 1.25 / 2.30 / 3.96 px; for smile=6
     * 2.79 / 1.85 / 1.62 / 0.76 and 2.66 / 2.20 / 3.16 / 5.12; for brows_up=4 1.79 / 1.34 / 0.94 / 0.72 and 1.78 / 1.62
     * / 3.60 / 1.91. At 0.03 the drift falls by a third to two thirds and the moved points land no worse; above it the
     * hold fights the move.
     */
    public static final double OTHERS = 0.03;
    static final int SIDE = FaceLandmarkNet.SIZE;

    /**
     * A face as the landmark net saw it: the photo, the detector's box and its clipped region, the net's input as a
     * picture [1, 3, 112, 112] in [-1, 1], and the net's raw points on it.
     */
    public record Cut(BufferedImage photo, FaceBox detection, FaceBox region, INDArray picture, float[] raw) {
        /** The side of the padded square the 112 pixels stand for, in photo pixels. */
        public int side() {
            return (int) Math.max(region.width(), region.height());
        }

        /**
         * Where the region sits in the padded square, {x, y} in photo pixels: as FaceTensors.netInput pads, the short
         * side gets the extra pixels round(d/2) after and the rest before.
         */
        public int[] padding() {
            int w = (int) region.width(), h = (int) region.height(), diff = side() - Math.min(w, h);
            int before = diff - (int) Math.round(diff * 0.5);
            return new int[]{w < h ? before : 0, h < w ? before : 0};
        }

        /** The net's points on the original, in photo pixels (x, y interleaved). */
        public double[] points() {
            return pixels(this, raw);
        }

        /** The same points in the pixels of {@link #picture} (112×112, x, y interleaved), where a front draws them. */
        public double[] picturePoints() {
            double[] p = new double[raw.length];
            for (int i = 0; i < p.length; i++) p[i] = raw[i] * SIDE;
            return p;
        }

        /** Photo pixels per pixel of {@link #picture}: a move drawn on the picture, times this, is a move in the photo. */
        public double photoPixelsPerPicturePixel() {
            return (double) side() / SIDE;
        }
    }

    /** Distances in photo pixels: of the moved points to their targets, and of the others from where they were. */
    public record Errors(double mean, double max, double othersMean, double othersMax) {
    }

    private LandmarkEdit() {
    }

    /** The face in {@code detection} cut and landmarked as {@link FaceLandmarker} does it. */
    public static Cut cut(BufferedImage photo, FaceBox detection, FaceLandmarkNet net) {
        FaceBox region = FaceTensors.region(photo, detection);
        INDArray rgb = FaceTensors.netInput(photo, detection, SIDE);
        float[] raw = net.raw(rgb).getRow(0).toFloatVector();
        return new Cut(photo, detection, region, rgb.div(127.5).subi(1), raw);
    }

    /** The largest face {@code detector} finds in the photo, cut; empty when it finds none. */
    public static Optional<Cut> largest(BufferedImage photo, FaceDetector detector, FaceLandmarkNet net) {
        FaceBox best = null;
        for (FaceDetection d : detector.detect(photo)) {
            if (best == null || d.box().width() * d.box().height() > best.width() * best.height()) best = d.box();
        }
        return best == null ? Optional.empty() : Optional.of(cut(photo, best, net));
    }

    /** The targets as the net's outputs: the original points plus the displacement (photo pixels) over the square's side. */
    static float[] targets(Cut cut, double[] displacement) {
        LandmarkMoves.moved(displacement); // checks the length
        float[] t = cut.raw().clone();
        for (int i = 0; i < t.length; i++) t[i] += (float) (displacement[i] / cut.side());
        return t;
    }

    /** The targets in photo pixels. */
    public static double[] targetPixels(Cut cut, double[] displacement) {
        double[] p = cut.points();
        LandmarkMoves.moved(displacement);
        for (int i = 0; i < p.length; i++) p[i] += displacement[i];
        return p;
    }

    /** The inversion: {@code displacement} (photo pixels, see {@link LandmarkMoves}) on {@code cut}'s face. */
    public static Inversion job(FaceLandmarkNet net, Cut cut, double[] displacement, IdentityPortrait.Options o, boolean zoomAndTurn,
                                int previewEvery) {
        return job(net, cut, displacement, o, zoomAndTurn, previewEvery, null, OTHERS);
    }

    /**
     * The same with {@code rest} (a term on the cut's picture, [1, 3, 112, 112] in [-1, 1]; null for none) added to the
     * climb: what else holds the rest of the face besides the pixel pull (the face edit's identity and appearance,
     * {@code faceedit.LandmarkHold}); {@code others} weighs the points not moved toward their original places (0: they
     * have no say and drift with the moved ones).
     */
    public static Inversion job(FaceLandmarkNet net, Cut cut, double[] displacement, IdentityPortrait.Options o, boolean zoomAndTurn,
                                int previewEvery, ImageTerm rest, double others) {
        if (!(others >= 0)) throw new IllegalArgumentException("the weight of the points not moved must be >= 0, got " + others);
        boolean[] moved = LandmarkMoves.moved(displacement);
        List<Transform> transforms = new ArrayList<>();
        // the jitter moves the points with the picture: the targets follow it (a wrapped shift moves content exactly);
        // zoom and turn move them by zero on average, unbiased but noisy (see DEFAULTS)
        TrackedJitter jitter = new TrackedJitter(o.jitter());
        if (o.jitter() > 0) transforms.add(jitter);
        transforms.addAll(Recipe.transforms(0, zoomAndTurn));
        transforms.add(new IdentityPortrait.FaceInput(FaceLandmarkNet.meanRgb()));
        List<Regulariser> regs = new ArrayList<>();
        regs.add(new Closeness(o.l2(), cut.picture()));
        if (o.tv() > 0) regs.add(new TotalVariation(o.tv(), 0.05));
        // the jitter, zoom and normalisation are the landmark term's own, so that another term sees the picture as it is
        Inversion.Settings s = new Inversion.Settings(o.steps(), List.of(), regs, new Adam(o.lr()), 0, -1, 1, o.seed(), previewEvery);
        ImageTerm landmarks = ImageTerm.of(dev.latentstudio.engine.nn.InputGradient.backprop(net.graph()),
                new LandmarkTargets(targets(cut, displacement), LandmarkTargets.weights(moved, others), SIDE, () -> new double[]{(double) jitter.dx / SIDE, (double) jitter.dy / SIDE}),
                transforms);
        return new Inversion("landmarks", rest == null ? landmarks : landmarks.plus(rest), Warp.of(cut.picture(), WARP_SPACING), s);
    }

    /** {@link Jitter} that remembers the shift it drew last, for the targets to follow. */
    private static final class TrackedJitter implements Transform {
        private final int max;
        private int dy, dx;

        TrackedJitter(int max) {
            this.max = max;
        }

        @Override
        public Applied apply(INDArray image, java.util.Random rnd) {
            dy = rnd.nextInt(2 * max + 1) - max;
            dx = rnd.nextInt(2 * max + 1) - max;
            return Jitter.shift(image, dy, dx);
        }
    }

    /** The net's raw points for a picture in [-1, 1] at 112×112. */
    public static float[] raw(FaceLandmarkNet net, INDArray picture) {
        return net.raw(IdentityPortrait.rgb(picture)).getRow(0).toFloatVector();
    }

    /** Raw points of the cut's net input as photo pixels, as the landmarker maps them. */
    static double[] pixels(Cut cut, float[] raw) {
        return FaceLandmarks68.fromRaw(raw, SIDE, cut.region(), cut.detection().x(), cut.detection().y()).xy();
    }

    /** How points (photo pixels) sit against the targets of {@code displacement}. */
    public static Errors errors(Cut cut, double[] displacement, double[] points) {
        double[] targets = targetPixels(cut, displacement), original = cut.points();
        boolean[] moved = LandmarkMoves.moved(displacement);
        double sum = 0, max = 0, otherSum = 0, otherMax = 0;
        int n = 0;
        for (int k = 0; k < moved.length; k++) {
            double[] ref = moved[k] ? targets : original;
            double e = Math.hypot(points[2 * k] - ref[2 * k], points[2 * k + 1] - ref[2 * k + 1]);
            if (moved[k]) {
                sum += e;
                max = Math.max(max, e);
                n++;
            } else {
                otherSum += e;
                otherMax = Math.max(otherMax, e);
            }
        }
        int others = moved.length - n;
        return new Errors(n == 0 ? 0 : sum / n, max, others == 0 ? 0 : otherSum / others, otherMax);
    }

    /** The net's own errors on an edited cut (the same crop, no re-detection). */
    public static Errors errors(FaceLandmarkNet net, Cut cut, double[] displacement, INDArray edited) {
        return errors(cut, displacement, pixels(cut, raw(net, edited)));
    }

    /**
     * The photo with a climb's result pasted in. A warp's result ({@link Inversion.Result#moved}) moves the photo's own
     * pixels by the field, at the photo's resolution (the cut is 112 pixels for a face that may span 500), fading out
     * over the cut's outer {@link #PASTE_TAPER} pixels; any other result adds its change ({@link #paste(Cut, INDArray)}).
     */
    public static BufferedImage paste(Cut cut, Inversion.Result r) {
        if (r.moved() == null) return paste(cut, r.image());
        return r.moved().onto(cut.photo(), toPicture(cut), Moved.borderTaper(SIDE, SIDE, PASTE_TAPER));
    }

    /** Cut pixels over which a pasted move fades to nothing toward the cut's edge, where the photo is untouched. */
    static final double PASTE_TAPER = 4;

    /** Photo pixels → the cut's picture pixels: picture pixel r stands at square coordinate r·side/112 (as {@link #paste(Cut, INDArray)}). */
    static dev.latentstudio.engine.face.Similarity toPicture(Cut cut) {
        int[] pad = cut.padding();
        double a = (double) SIDE / cut.side(), ox = (int) cut.region().x() - pad[0], oy = (int) cut.region().y() - pad[1]; // netInput crops at whole pixels
        return new dev.latentstudio.engine.face.Similarity(a, 0, -ox * a, -oy * a);
    }

    /**
     * The photo with the edit pasted in: the change (edited − original cut) resampled from 112×112 back to the padded
     * square's side, where the net's sample r stands at square coordinate r·side/112 (its resize's own sampling),
     * added to the photo's own pixels in the region; outside the region the photo is untouched.
     */
    public static BufferedImage paste(Cut cut, INDArray edited) {
        int side = cut.side(), w = (int) cut.region().width(), h = (int) cut.region().height();
        int[] pad = cut.padding();
        int offX = pad[0], offY = pad[1];
        double r = (double) SIDE / side;
        INDArray change = edited.castTo(DataType.FLOAT).sub(cut.picture().castTo(DataType.FLOAT)).muli(127.5);
        double[] up = Planes.values(Bilinear.of(SIDE, SIDE, side, side, (y, x, yx) -> {
            yx[0] = y * r;
            yx[1] = x * r;
        }).apply(change));
        BufferedImage photo = cut.photo();
        BufferedImage out = Images.rgbCopy(photo);
        int x0 = (int) cut.region().x(), y0 = (int) cut.region().y(), plane = side * side;
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                int p = out.getRGB(x0 + xx, y0 + yy), at = (yy + offY) * side + xx + offX;
                int rr = clamp(((p >> 16) & 0xff) + up[at]), gg = clamp(((p >> 8) & 0xff) + up[plane + at]), bb = clamp((p & 0xff) + up[2 * plane + at]);
                out.setRGB(x0 + xx, y0 + yy, (rr << 16) | (gg << 8) | bb);
            }
        }
        return out;
    }

    /**
     * The held-out check: the edited photo as it comes back shared ({@link FaceVariants#shared}: JPEG 75, 90 % size),
     * re-detected by {@code detector} (the face overlapping the original box most) and re-landmarked by
     * {@code landmarker}, the points mapped back to the photo's pixels and held against the targets. Empty when the
     * detector loses the face.
     */
    public static Optional<Errors> heldOut(Cut cut, double[] displacement, BufferedImage edited, FaceDetector detector,
                                           FaceLandmarker landmarker) {
        double scale = FaceVariants.SHARED_SCALE;
        BufferedImage seen = FaceVariants.shared(edited);
        FaceBox was = cut.detection(), scaled = new FaceBox(was.x() * scale, was.y() * scale, was.width() * scale, was.height() * scale);
        FaceBox best = null;
        for (FaceDetection d : detector.detect(seen)) {
            if (d.box().iou(scaled) > 0.3 && (best == null || d.box().iou(scaled) > best.iou(scaled))) best = d.box();
        }
        if (best == null) return Optional.empty();
        double[] p = landmarker.landmarks(seen, best).xy();
        for (int i = 0; i < p.length; i++) p[i] /= scale;
        return Optional.of(errors(cut, displacement, p));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
