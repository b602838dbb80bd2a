package dev.latentstudio.engine.faceedit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The four edits {@code evaluate-face-sliders} measures, each from the original face, and what counts as a pass after
 * the held-out transforms (issue 15): happy to P(happy) ≥ 0.8; older / younger moving the age ≥ 15 years the asked
 * way; gender flipping the net's call; and for every edit the recogniser's distance to the original ≤ 0.5 and the
 * detector's score ≥ 0.5.
 */
public enum SliderCheck {
    HAPPY, OLDER, YOUNGER, GENDER;

    /** Below this held-out P(happy) a face starts non-happy; a happier one is first made neutral. */
    public static final double NON_HAPPY = 0.2;
    public static final double HAPPY_PASS = 0.8;
    public static final double AGE_YEARS = 15;
    /** face-api's same-person line is 0.6; an edit must stay well inside it. */
    public static final double MAX_DISTANCE = 0.5;
    public static final double MIN_SCORE = 0.5;
    /** The edit that makes a happy face a non-happy start for {@link #HAPPY}. */
    public static final String NEUTRAL = "happy=0.0,neutral=0.9";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The slider settings for a face whose unedited held-out reading is {@code base} (the gender flip needs it). */
    public String setting(HeldOutCheck.Measured base) {
        return switch (this) {
            case HAPPY -> "happy=0.9";
            case OLDER -> "age=+20";
            case YOUNGER -> "age=-20";
            case GENDER -> base.probabilityMale() >= 0.5 ? "gender=female" : "gender=male";
        };
    }

    /** Comma-separated settings as sliders. */
    public static Sliders sliders(String settings) {
        return Sliders.parse(Arrays.asList(settings.split(",")));
    }

    /** The held-out figure this edit moves: P(happy), the age, or P(male). */
    public double figure(HeldOutCheck.Measured m) {
        return switch (this) {
            case HAPPY -> m.expression("happy");
            case OLDER, YOUNGER -> m.age();
            case GENDER -> m.probabilityMale();
        };
    }

    /** The same figure as the edit's loop read it ({@link FaceEdit.Result#changes()}'s key). */
    public String loopKey() {
        return switch (this) {
            case HAPPY -> "happy";
            case OLDER, YOUNGER -> "age";
            case GENDER -> "p_male";
        };
    }

    /** {@link #failure(HeldOutCheck.Measured, HeldOutCheck.Measured, HeldOutCheck.Measured)} of an edit from the original. */
    public String failure(HeldOutCheck.Measured base, HeldOutCheck.Measured after) {
        return failure(base, base, after);
    }

    /**
     * Why the edited face fails, or null when it passes: {@code base} is the unedited photo's held-out reading,
     * {@code start} that of the face the edit started from (the unedited photo, or for happy the neutral-made face),
     * {@code after} the edited photo's; null for a face the check did not find at the original's place.
     */
    public String failure(HeldOutCheck.Measured base, HeldOutCheck.Measured start, HeldOutCheck.Measured after) {
        if (after == null) return "no face at the original's place after the held-out transforms";
        List<String> why = new ArrayList<>();
        switch (this) {
            case HAPPY -> {
                // happy must rise from a non-happy face: a face that stayed happy proves nothing
                if (start == null) why.add("the neutral-made start was not found held out");
                else if (!(start.expression("happy") < NON_HAPPY)) {
                    why.add(String.format(Locale.ROOT, "started at P(happy) %.2f >= %.1f", start.expression("happy"), NON_HAPPY));
                }
                if (!(after.expression("happy") >= HAPPY_PASS)) why.add(String.format(Locale.ROOT, "P(happy) %.2f < %.1f", after.expression("happy"), HAPPY_PASS));
            }
            case OLDER -> {
                double d = after.age() - base.age();
                if (!(d >= AGE_YEARS)) why.add(String.format(Locale.ROOT, "age rose %+.1f < %.0f", d, AGE_YEARS));
            }
            case YOUNGER -> {
                double d = base.age() - after.age();
                if (!(d >= AGE_YEARS)) why.add(String.format(Locale.ROOT, "age fell %+.1f < %.0f", d, AGE_YEARS));
            }
            case GENDER -> {
                if ((after.probabilityMale() >= 0.5) == (base.probabilityMale() >= 0.5)) {
                    why.add(String.format(Locale.ROOT, "call stayed %s (P(male) %.2f)", base.probabilityMale() >= 0.5 ? "male" : "female",
                            after.probabilityMale()));
                }
            }
        }
        if (!(after.distance() <= MAX_DISTANCE)) why.add(String.format(Locale.ROOT, "distance %.2f > %.1f", after.distance(), MAX_DISTANCE));
        if (!(after.score() >= MIN_SCORE)) why.add(String.format(Locale.ROOT, "score %.2f < %.1f", after.score(), MIN_SCORE));
        return why.isEmpty() ? null : String.join("; ", why);
    }
}
