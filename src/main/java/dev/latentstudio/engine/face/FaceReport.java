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

    /** Age in years, gender with its probability, and the most likely of the seven expressions with its probability. */
    public record Attributes(double age, String gender, double genderProbability, String expression, double expressionProbability) {
    }

    public FaceReport {
        landmarks = landmarks == null ? List.of() : List.copyOf(landmarks);
    }
}
