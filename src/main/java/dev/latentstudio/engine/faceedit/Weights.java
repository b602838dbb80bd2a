package dev.latentstudio.engine.faceedit;

import java.util.List;
import java.util.Locale;

/**
 * The weight of each term of an edit's loss: the attribute sliders (expression cross-entropy, age squared error in
 * 10-year units, gender cross-entropy), identity (descriptor distance² to the original), appearance (relative
 * distance of a shallow recogniser layer's activations to the original's), the pixels outside the face mask and the
 * smoothness of the change (its total variation per pixel), and the hold on the expressions no slider sets (their
 * cross-entropy to the original's, within the expression term: {@link ExpressionTargets#holding}).
 * A weight of 0 leaves the term (and its network) out of the step.
 */
public record Weights(double expression, double age, double gender, double identity, double appearance, double outside, double smooth,
                      double hold) {
    /** The names {@link #with} takes, in order. */
    public static final List<String> NAMES = List.of("expression", "age", "gender", "identity", "appearance", "outside", "smooth", "hold");

    /** Measured on the sample photos' faces (see {@link FaceEditor} for the table and why smoothness is 100). */
    public static final Weights DEFAULTS = new Weights(1, 1, 1, 2, 0.5, 20, 100, 0.3);

    public Weights {
        for (double w : new double[]{expression, age, gender, identity, appearance, outside, smooth, hold}) {
            if (!(w >= 0 && Double.isFinite(w))) throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
        }
    }

    /** The same weights with one changed by name. */
    public Weights with(String name, double value) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "expression" -> new Weights(value, age, gender, identity, appearance, outside, smooth, hold);
            case "age" -> new Weights(expression, value, gender, identity, appearance, outside, smooth, hold);
            case "gender" -> new Weights(expression, age, value, identity, appearance, outside, smooth, hold);
            case "identity" -> new Weights(expression, age, gender, value, appearance, outside, smooth, hold);
            case "appearance" -> new Weights(expression, age, gender, identity, value, outside, smooth, hold);
            case "outside" -> new Weights(expression, age, gender, identity, appearance, value, smooth, hold);
            case "smooth" -> new Weights(expression, age, gender, identity, appearance, outside, value, hold);
            case "hold" -> new Weights(expression, age, gender, identity, appearance, outside, smooth, value);
            default -> throw new IllegalArgumentException("no weight '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }
}
