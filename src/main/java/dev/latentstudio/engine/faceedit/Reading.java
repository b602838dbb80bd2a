package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceExpressionNet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the nets make of a chip as the edit's loop sees it (through the {@link AttributeView}, no jitter): the seven
 * expression probabilities, the age estimate, P(male), and the recogniser's distance to the original face.
 */
public record Reading(double[] expressions, double age, double pMale, double identityDistance) {
    public Reading {
        expressions = expressions.clone();
    }

    @Override
    public double[] expressions() {
        return expressions.clone();
    }

    public double expression(String label) {
        int k = FaceExpressionNet.LABELS.indexOf(label);
        if (k < 0) throw new IllegalArgumentException("no expression '" + label + "'; known: " + FaceExpressionNet.LABELS);
        return expressions[k];
    }

    /**
     * How far {@code later}'s expressions that {@code s} does not set drifted from these beyond the room they made for
     * the set ones: Σ |p_later − p · m_later / m| over them, m their total (the drift of their shares, in probability);
     * with no expression set, Σ |p_later − p|.
     */
    public double heldDrift(Reading later, Sliders s) {
        double[] t = s.expressions();
        double m = 0, mLater = 0, d = 0;
        for (int k = 0; k < t.length; k++) {
            if (!Double.isNaN(t[k])) continue;
            m += expressions[k];
            mLater += later.expressions[k];
        }
        double scale = m > 0 ? mLater / m : 0;
        for (int k = 0; k < t.length; k++) if (Double.isNaN(t[k])) d += Math.abs(later.expressions[k] - expressions[k] * scale);
        return d;
    }

    /** The figures the sliders move, by name: each set expression, "age", "p_male". */
    public Map<String, Double> figures(Sliders s) {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] t = s.expressions();
        for (int k = 0; k < t.length; k++) if (!Double.isNaN(t[k])) m.put(FaceExpressionNet.LABELS.get(k), expressions[k]);
        if (s.hasAge()) m.put("age", age);
        if (s.hasGender()) m.put("p_male", pMale);
        return m;
    }
}
