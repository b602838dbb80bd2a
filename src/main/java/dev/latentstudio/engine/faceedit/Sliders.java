package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceExpressionNet;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the sliders stand, always relative to the original face: a target probability (0..1) per expression
 * (NaN: not set), an age change in years (NaN: not set; the target is the original's estimate plus it), a target
 * P(male) (NaN: not set). Several may be set at once.
 */
public record Sliders(double[] expressions, double ageDelta, double pMale) {
    /** The largest age change offered: the age net's estimates span about 0..100. */
    public static final double MAX_AGE_DELTA = 60;

    public Sliders {
        if (expressions.length != FaceExpressionNet.LABELS.size()) {
            throw new IllegalArgumentException("expected " + FaceExpressionNet.LABELS.size() + " expression targets, got " + expressions.length);
        }
        expressions = expressions.clone();
        for (int k = 0; k < expressions.length; k++) {
            double t = expressions[k];
            if (!Double.isNaN(t) && !(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException(FaceExpressionNet.LABELS.get(k) + " must be a probability from 0 to 1, got " + t);
            }
        }
        if (!Double.isNaN(ageDelta) && !(Math.abs(ageDelta) <= MAX_AGE_DELTA)) {
            throw new IllegalArgumentException("age must change by at most ±" + (int) MAX_AGE_DELTA + " years, got " + ageDelta);
        }
        if (!Double.isNaN(pMale) && !(pMale >= 0 && pMale <= 1)) {
            throw new IllegalArgumentException("gender must be male, female or P(male) from 0 to 1, got " + pMale);
        }
    }

    /** No slider set. */
    public static Sliders none() {
        double[] e = new double[FaceExpressionNet.LABELS.size()];
        Arrays.fill(e, Double.NaN);
        return new Sliders(e, Double.NaN, Double.NaN);
    }

    /**
     * Sliders from "NAME=VALUE" settings: an expression ({@link FaceExpressionNet#LABELS}) = probability, age = ±years
     * (a change: "+20", "-15"), gender = male | female | P(male). A clear error for anything else.
     */
    public static Sliders parse(List<String> settings) {
        Sliders s = none();
        for (String setting : settings) s = s.with(setting);
        return s;
    }

    /** One more "NAME=VALUE" setting (a later one for the same slider wins). */
    public Sliders with(String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0 || eq == setting.length() - 1) throw new IllegalArgumentException("expected NAME=VALUE, got '" + setting + "'");
        String name = setting.substring(0, eq).trim().toLowerCase(Locale.ROOT), value = setting.substring(eq + 1).trim();
        double[] e = expressions.clone();
        switch (name) {
            case "age" -> {
                return new Sliders(e, number(name, value), pMale);
            }
            case "gender" -> {
                double p = switch (value.toLowerCase(Locale.ROOT)) {
                    case "male" -> 1.0;
                    case "female" -> 0.0;
                    default -> number(name, value);
                };
                return new Sliders(e, ageDelta, p);
            }
            default -> {
                int k = FaceExpressionNet.LABELS.indexOf(name);
                if (k < 0) {
                    throw new IllegalArgumentException("no slider '" + name + "'; known: age, gender, " + String.join(", ", FaceExpressionNet.LABELS));
                }
                e[k] = number(name, value);
                return new Sliders(e, ageDelta, pMale);
            }
        }
    }

    public boolean hasExpressions() {
        for (double t : expressions) if (!Double.isNaN(t)) return true;
        return false;
    }

    public boolean hasAge() {
        return !Double.isNaN(ageDelta);
    }

    public boolean hasGender() {
        return !Double.isNaN(pMale);
    }

    public boolean isEmpty() {
        return !hasExpressions() && !hasAge() && !hasGender();
    }

    @Override
    public double[] expressions() {
        return expressions.clone();
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a number");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sliders s && Arrays.equals(expressions, s.expressions)
                && Double.compare(ageDelta, s.ageDelta) == 0 && Double.compare(pMale, s.pMale) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(expressions) + Double.hashCode(ageDelta) * 7 + Double.hashCode(pMale);
    }
}
