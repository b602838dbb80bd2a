package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitAttributesTest {

    /** A blank image with ink (value 1) at the given (y, x) pixels. */
    static float[] draw(int[][] ink) {
        float[] px = new float[Digits.PIXELS];
        Arrays.fill(px, -1);
        for (int[] p : ink) px[p[0] * Digits.SIDE + p[1]] = 1;
        return px;
    }

    static float[] bar(int width, int length) {
        int[][] ink = new int[width * length][];
        for (int y = 0; y < length; y++) for (int x = 0; x < width; x++) ink[y * width + x] = new int[]{4 + y, 12 + x};
        return draw(ink);
    }

    /** One pixel every other row from (4, x0) to (24, x0 + 10·dir): 1/2 px sideways per px of height. */
    static float[] diagonal(int dir) {
        int[][] ink = new int[11][];
        for (int k = 0; k <= 10; k++) ink[k] = new int[]{24 - 2 * k, 14 + dir * (k - 5)};
        return draw(ink);
    }

    @Test
    void thicknessOfABarIsItsWidthUpToTheEnds() {
        for (int w = 1; w <= 4; w++) {
            // area w·20 inside an outline of 2·20 + 2·w edges
            assertEquals(2.0 * w * 20 / (2 * 20 + 2 * w), DigitAttributes.thickness(bar(w, 20)), 1e-12, "width " + w);
        }
        assertEquals(0, DigitAttributes.thickness(draw(new int[0][])), 0);
    }

    @Test
    void slantIsSidewaysPixelsPerPixelUp() {
        assertEquals(0.5, DigitAttributes.slant(diagonal(1)), 1e-12);
        assertEquals(-0.5, DigitAttributes.slant(diagonal(-1)), 1e-12);
        assertEquals(0, DigitAttributes.slant(bar(2, 20)), 1e-12);
        assertEquals(0, DigitAttributes.slant(draw(new int[0][])), 0);
    }

    @Test
    void attributesAreTheClassThenThicknessThenSlant() {
        assertArrayEquals(new int[]{1, DigitAttributes.THICK}, DigitAttributes.of(bar(4, 20), 1), "thick, upright: neither slant");
        assertArrayEquals(new int[]{7, DigitAttributes.THIN, DigitAttributes.RIGHT}, DigitAttributes.of(diagonal(1), 7));
        assertArrayEquals(new int[]{7, DigitAttributes.THIN, DigitAttributes.LEFT}, DigitAttributes.of(diagonal(-1), 7));
        assertArrayEquals(new int[]{4}, DigitAttributes.of(bar(2, 20), 4), "2 px wide is middling, and upright");
        assertThrows(IllegalArgumentException.class, () -> DigitAttributes.of(bar(2, 20), 10));
        assertThrows(IllegalArgumentException.class, () -> DigitAttributes.thickness(new float[10]));
    }

    @Test
    void theCutOffsSplitTheTrainingDigitsInThirds() throws Exception {
        Digits d = MnistData.train();
        int[] count = new int[DigitAttributes.COUNT];
        for (int[] a : DigitAttributes.of(d)) for (int j : a) count[j]++;
        for (int j = DigitAttributes.THIN; j < DigitAttributes.COUNT; j++) {
            double share = count[j] / (double) d.size();
            assertTrue(share > 0.3 && share < 0.37, DigitAttributes.NAMES.get(j) + " " + share);
        }
        assertEquals(d.size(), Arrays.stream(count, 0, 10).sum(), "every digit has exactly one class");
    }

    @Test
    void parsesWantedSets() {
        assertArrayEquals(new int[]{3, DigitAttributes.THICK}, DigitAttributes.parse("thick, 3"));
        assertArrayEquals(new int[]{7, DigitAttributes.THIN, DigitAttributes.RIGHT}, DigitAttributes.parse("7,THIN,right,7"));
        assertArrayEquals(new int[]{DigitAttributes.LEFT}, DigitAttributes.parse("slant-left"));
        assertEquals("3+thick", DigitAttributes.describe(DigitAttributes.parse("3,thick")));
        for (String bad : new String[]{"", " , ", "12", "bold", "thin,thick", "left,slant-right"}) {
            assertThrows(IllegalArgumentException.class, () -> DigitAttributes.parse(bad), bad);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigitAttributes.parse("3,bold"));
        assertTrue(e.getMessage().contains("slant-right"), e.getMessage());
    }
}
