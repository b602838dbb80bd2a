package dev.latentstudio.engine.face;

import java.util.List;

/**
 * One face as the booth and the CLI report it: where it is, how sure the detector is, its 68 landmarks in
 * image pixels (empty when not measured), who it is, and its attributes (null when not measured).
 */
public record FaceReport(FaceBox box, double score, List<Point> landmarks, Identity identity, Attributes attributes) {

    public record Point(double x, double y) {
    }

    /**
     * Who the face is: an enrolled name with the classifier's probability, or {@link #UNKNOWN} when the nearest
     * enrolled face is farther than the threshold; {@code distance} is the embedding distance to the nearest
     * enrolled face (NaN when nobody is enrolled).
     */
    public record Identity(String name, double probability, double distance) {
        public static final String UNKNOWN = "unknown";

        public boolean known() {
            return !UNKNOWN.equals(name);
        }
    }

    /**
     * Age in years, gender with its probability, the most likely of the seven expressions with its probability, and
     * all seven in {@link FaceExpressionNet#LABELS} order (empty when only the top one was kept).
     */
    public record Attributes(double age, String gender, double genderProbability, String expression, double expressionProbability,
                             List<Double> expressions) {
        public Attributes {
            expressions = expressions == null ? List.of() : List.copyOf(expressions);
        }

        public Attributes(double age, String gender, double genderProbability, String expression, double expressionProbability) {
            this(age, gender, genderProbability, expression, expressionProbability, List.of());
        }

        /** P(male), whichever gender was reported. */
        public double probabilityMale() {
            return "male".equals(gender) ? genderProbability : 1 - genderProbability;
        }

        /** The probability of one of the seven expressions; NaN when the seven were not kept. */
        public double expression(String label) {
            int i = FaceExpressionNet.LABELS.indexOf(label);
            if (i < 0) throw new IllegalArgumentException("no expression '" + label + "'; known: " + FaceExpressionNet.LABELS);
            return expressions.isEmpty() ? Double.NaN : expressions.get(i);
        }
    }

    public FaceReport {
        landmarks = landmarks == null ? List.of() : List.copyOf(landmarks);
    }
}
