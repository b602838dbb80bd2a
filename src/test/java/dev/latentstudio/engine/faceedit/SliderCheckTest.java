package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceBox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pass rules of evaluate-face-sliders on made-up held-out readings, at and across each line. */
class SliderCheckTest {
    private static final FaceBox BOX = new FaceBox(10, 10, 100, 100);

    private static HeldOutCheck.Measured m(double happy, double age, double pMale, double distance, double score) {
        // expressions in FaceExpressionNet.LABELS order: neutral, happy, sad, angry, fearful, disgusted, surprised
        return new HeldOutCheck.Measured(BOX, score, distance, List.of(1 - happy, happy, 0.0, 0.0, 0.0, 0.0, 0.0), age, pMale);
    }

    @Test
    void eachSliderPassesOnlyPastItsLineAndEveryEditKeepsIdentityAndDetection() {
        HeldOutCheck.Measured base = m(0.05, 30, 0.1, 0.02, 0.99);
        assertNull(SliderCheck.HAPPY.failure(base, m(0.8, 30, 0.1, 0.2, 0.9)));
        assertTrue(SliderCheck.HAPPY.failure(base, m(0.79, 30, 0.1, 0.2, 0.9)).contains("P(happy) 0.79"));
        assertNull(SliderCheck.OLDER.failure(base, m(0.05, 45, 0.1, 0.2, 0.9)));
        assertTrue(SliderCheck.OLDER.failure(base, m(0.05, 44.9, 0.1, 0.2, 0.9)).contains("age rose +14.9"));
        assertNull(SliderCheck.YOUNGER.failure(base, m(0.05, 15, 0.1, 0.2, 0.9)));
        assertTrue(SliderCheck.YOUNGER.failure(base, m(0.05, 40, 0.1, 0.2, 0.9)).contains("age fell -10.0"));
        assertNull(SliderCheck.GENDER.failure(base, m(0.05, 30, 0.6, 0.2, 0.9)));
        assertTrue(SliderCheck.GENDER.failure(base, m(0.05, 30, 0.4, 0.2, 0.9)).contains("call stayed female"));
        assertEquals("gender=male", SliderCheck.GENDER.setting(base));
        assertEquals("gender=female", SliderCheck.GENDER.setting(m(0.05, 30, 0.7, 0.02, 0.99)));
        // a slider reached is still a fail when the face is no longer the person or no longer found
        String far = SliderCheck.OLDER.failure(base, m(0.05, 50, 0.1, 0.51, 0.9));
        assertTrue(far.contains("distance 0.51") && !far.contains("age"), far);
        assertTrue(SliderCheck.HAPPY.failure(base, m(0.9, 30, 0.1, 0.1, 0.49)).contains("score 0.49"));
        assertTrue(SliderCheck.GENDER.failure(base, null).contains("no face"));
        // happy counts only from a non-happy start: a happy face that was not made neutral cannot pass by staying happy
        HeldOutCheck.Measured happy = m(0.95, 30, 0.1, 0.02, 0.99);
        assertTrue(SliderCheck.HAPPY.failure(happy, happy, m(0.99, 30, 0.1, 0.1, 0.9)).contains("started at P(happy) 0.95"));
        assertNull(SliderCheck.HAPPY.failure(happy, m(0.19, 30, 0.1, 0.1, 0.9), m(0.99, 30, 0.1, 0.1, 0.9)));
        assertTrue(SliderCheck.HAPPY.failure(happy, null, m(0.99, 30, 0.1, 0.1, 0.9)).contains("neutral-made start was not found"));
        assertTrue(SliderCheck.OLDER.failure(base, m(0.05, Double.NaN, 0.1, 0.1, 0.9)).contains("age rose"), "NaN is no pass");
    }
}
