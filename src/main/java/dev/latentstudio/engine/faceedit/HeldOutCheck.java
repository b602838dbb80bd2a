package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceDescriber;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.face.FaceVariants;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * A face edit measured after what its optimisation never saw: the photo is JPEG-encoded (quality 75) and
 * decoded, shrunk to 90 % (bilinear), and the whole pipeline runs again from detection (SSD, landmarks,
 * re-alignment). An edit that only fooled the nets on its exact pixels (adversarial noise) does not survive
 * this; one that changed the face does. The face measured is the one at the original's place (nearest centre),
 * not the largest, so the other people of a group photo are not mistaken for it.
 */
public final class HeldOutCheck {
    private static final double SCALE = FaceVariants.SHARED_SCALE;
    private static final FaceAnalyser.Options ALL = new FaceAnalyser.Options(true, true, true, false, true);

    /** The face before the edit: its descriptor and its box in the photo's pixels. */
    public record Reference(float[] descriptor, FaceBox box) {
        public Reference {
            descriptor = descriptor.clone();
        }

        /** The largest face's reference, as the edits start from it. */
        public static Reference of(FacePipeline.Face face) {
            return new Reference(face.descriptor(), face.report().box());
        }

        /** An edit's subject as the reference: its descriptor (of the aligned chip) and its detection box. */
        public static Reference of(FaceSubject s) {
            return new Reference(s.descriptor(), s.landmarks().crop());
        }
    }

    /** Found: a face at the original's place; NO_FACE: none in the picture; ELSEWHERE: faces, none at that place. */
    public enum Status { FOUND, NO_FACE, ELSEWHERE }

    /**
     * What the check measured on the transformed photo: the face's box there, the detector's score, the recogniser's
     * distance to the original descriptor and the attributes (seven expressions, age, P(male)).
     */
    public record Measured(FaceBox box, double score, double distance, List<Double> expressions, double age, double probabilityMale) {
        public Measured {
            expressions = List.copyOf(expressions);
        }

        public double expression(String label) {
            int i = dev.latentstudio.engine.face.FaceExpressionNet.LABELS.indexOf(label);
            if (i < 0) throw new IllegalArgumentException("no expression '" + label + "'");
            return expressions.get(i);
        }
    }

    /** The outcome and the picture the pipeline saw (after JPEG and rescale); {@code face} is present only when FOUND. */
    public record Outcome(Status status, Optional<Measured> face, BufferedImage seen) {
        public boolean found() {
            return status == Status.FOUND;
        }

        /** One line for a person: the figures, or why there are none. */
        public String summary() {
            return switch (status) {
                case NO_FACE -> "no face found after JPEG 75 and a 90 % rescale";
                case ELSEWHERE -> "faces found after JPEG 75 and a 90 % rescale, but none where the original face was";
                case FOUND -> {
                    Measured m = face.orElseThrow();
                    yield String.format(java.util.Locale.ROOT, "score %.3f, distance %.3f, age %.1f, P(male) %.3f, expressions %s",
                            m.score(), m.distance(), m.age(), m.probabilityMale(), m.expressions());
                }
            };
        }
    }

    private final FacePipeline pipeline;

    /** {@code pipeline} must have been loaded with SSD ({@link FacePipeline.Speed#ACCURATE}); one thread at a time. */
    public HeldOutCheck(FacePipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Outcome check(BufferedImage photo, Reference original) {
        BufferedImage seen = FaceVariants.shared(photo);
        double sx = (double) seen.getWidth() / photo.getWidth(), sy = (double) seen.getHeight() / photo.getHeight();
        FaceBox o = original.box();
        FaceBox expected = new FaceBox(o.x() * sx, o.y() * sy, o.width() * sx, o.height() * sy);
        List<FacePipeline.Face> faces = pipeline.faces(seen, ALL);
        if (faces.isEmpty()) return new Outcome(Status.NO_FACE, Optional.empty(), seen);
        FacePipeline.Face nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (FacePipeline.Face f : faces) {
            double d = centreDistance(f.report().box(), expected);
            if (d < best) {
                best = d;
                nearest = f;
            }
        }
        // the nearest face is the original's only if its centre lies inside where the original's box went
        if (!inside(centre(nearest.report().box()), expected)) return new Outcome(Status.ELSEWHERE, Optional.empty(), seen);
        FaceReport r = nearest.report();
        FaceReport.Attributes a = r.attributes();
        Measured m = new Measured(r.box(), r.score(), FaceDescriber.distance(nearest.descriptor(), original.descriptor()),
                a.expressions(), a.age(), a.probabilityMale());
        return new Outcome(Status.FOUND, Optional.of(m), seen);
    }

    private static double[] centre(FaceBox b) {
        return new double[]{b.x() + b.width() / 2, b.y() + b.height() / 2};
    }

    private static double centreDistance(FaceBox a, FaceBox b) {
        double[] p = centre(a), q = centre(b);
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }

    private static boolean inside(double[] p, FaceBox b) {
        return p[0] >= b.x() && p[0] <= b.right() && p[1] >= b.y() && p[1] <= b.bottom();
    }
}
