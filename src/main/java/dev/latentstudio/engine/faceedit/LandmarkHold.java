package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceAligner;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.Landmarks68;
import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.face.Similarity;
import dev.latentstudio.engine.invert.Bilinear;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.LandmarkEdit;
import dev.latentstudio.engine.invert.LandmarkNet;
import dev.latentstudio.engine.invert.Transform;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The face edit's identity and appearance terms ({@link DescriptorDistance}, the recogniser's
 * {@value FaceEditor#APPEARANCE_LAYER} toward the original's) for a landmark move ({@link LandmarkEdit}), whose picture
 * is the landmark net's 112 cut rather than the recogniser's chip: the recogniser sees the cut through a fixed bilinear
 * map onto the 150 chip the booth would align from the cut's own landmarks, so both terms read the face as the
 * recogniser does. The references are the original cut's, read through the same map. Holds the recogniser's backprops.
 */
public final class LandmarkHold {
    /**
     * The default weights of a landmark move's hold (the CLI's and the Inversion Lab's): identity 200 (on sample1, 60
     * steps, the descriptor distance 0.13–0.14 → 0.02–0.04 for smile, mouth_open and brows_up, the points' error as
     * without), appearance off (1 measured no better).
     */
    public static final double IDENTITY = 200, APPEARANCE = 0;
    private static final int CHIP = FaceRecognitionNet.SIZE;
    private final RecogniserTerms terms;

    public LandmarkHold(FaceRecognitionNet recogniser) {
        terms = new RecogniserTerms(recogniser);
    }

    /** On the installed recogniser (models/face-api). */
    public static LandmarkHold load() throws java.io.IOException {
        return new LandmarkHold(FaceRecognitionNet.load(InversionNet.faceModels()));
    }

    /**
     * A landmark move's whole hold on {@code net}, as both fronts set it: the recogniser's identity and appearance terms
     * ({@link #hold}) and the weight that keeps the points not moved in place.
     */
    public void applyTo(LandmarkNet net, double identity, double appearance, double others) {
        net.restOfFace(hold(identity, appearance));
        net.holdOthers(others);
    }

    /** identity · descriptor distance² plus appearance · the shallow layer's distance, each to the original cut's; 0 leaves one out. */
    public ImageTerm term(LandmarkEdit.Cut cut, double identity, double appearance) {
        if (!(identity >= 0 && appearance >= 0)) throw new IllegalArgumentException("weights must be >= 0");
        Transform view = chipView(cut);
        List<Transform> in = List.of(view, new IdentityPortrait.FaceInput());
        INDArray chip = chip(view, cut.picture());
        ImageTerm t = null;
        if (identity > 0) t = terms.identity(terms.descriptor(chip), in).times(identity);
        if (appearance > 0) {
            ImageTerm a = terms.appearance(terms.appearance(chip), in).times(appearance);
            t = t == null ? a : t.plus(a);
        }
        return t != null ? t : (image, rnd) -> new ImageTerm.Value(0, image.mul(0)); // both off: nothing to hold
    }

    /**
     * The hold as a landmark move takes it ({@link LandmarkNet#restOfFace}): {@link #term} with these weights (none when
     * both are 0), and the result's {@code identity_distance} ({@link #distance}) for its verdict, the term on or off.
     */
    public LandmarkNet.Hold hold(double identity, double appearance) {
        if (!(identity >= 0 && appearance >= 0)) throw new IllegalArgumentException("weights must be >= 0");
        return new LandmarkNet.Hold() {
            @Override
            public ImageTerm term(LandmarkEdit.Cut cut) {
                return identity > 0 || appearance > 0 ? LandmarkHold.this.term(cut, identity, appearance) : null;
            }

            @Override
            public Map<String, Double> figures(LandmarkEdit.Cut cut, INDArray edited) {
                return Map.of("identity_distance", distance(cut, edited));
            }
        };
    }

    /** The recogniser's descriptor distance between the original cut and {@code picture} (an edit of it), both read as the terms read them. */
    public double distance(LandmarkEdit.Cut cut, INDArray picture) {
        Transform view = chipView(cut);
        float[] a = terms.descriptor(chip(view, cut.picture()));
        float[] b = terms.descriptor(chip(view, picture));
        return dev.latentstudio.engine.face.FaceDescriber.distance(a, b);
    }

    private static INDArray chip(Transform view, INDArray picture) {
        return view.apply(picture.castTo(DataType.FLOAT), new Random(0)).image();
    }

    /**
     * The cut (112, the padded square of the detector's region) onto the recogniser's chip: chip pixel → photo (the
     * inverse of the alignment from the cut's landmarks) → square → the cut's sample, which stands at square
     * coordinate r · side / 112 (as {@link LandmarkEdit#paste} reads it).
     */
    static Transform chipView(LandmarkEdit.Cut cut) {
        double[] xy = cut.points();
        List<Point2> pts = new ArrayList<>(xy.length / 2);
        for (int i = 0; i < xy.length; i += 2) pts.add(new Point2(xy[i], xy[i + 1]));
        Similarity toPhoto = FaceAligner.forRecognition().transform(new Landmarks68(pts)).inverse();
        int side = cut.side(), n = (int) cut.picture().size(2);
        int[] pad = cut.padding();
        int offX = pad[0], offY = pad[1];
        double r = (double) n / side;
        Bilinear map = Bilinear.of(n, n, CHIP, CHIP, (y, x, yx) -> {
            Point2 p = toPhoto.apply(new Point2(x, y));
            yx[0] = (p.y() - cut.region().y() + offY) * r;
            yx[1] = (p.x() - cut.region().x() + offX) * r;
        });
        return (image, rnd) -> {
            INDArray out = map.apply(image);
            return new Transform.Applied() {
                @Override
                public INDArray image() {
                    return out;
                }

                @Override
                public INDArray pullBack(INDArray gradient) {
                    return map.adjoint(gradient).castTo(gradient.dataType());
                }
            };
        };
    }
}
