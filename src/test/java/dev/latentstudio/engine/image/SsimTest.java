package dev.latentstudio.engine.image;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsimTest {
    static final int W = 20, H = 16;

    static double[] random(long seed) {
        Random r = new Random(seed);
        double[] v = new double[W * H];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble();
        return v;
    }

    static double[] constant(double c) {
        double[] v = new double[W * H];
        java.util.Arrays.fill(v, c);
        return v;
    }

    @Test
    void identicalImagesScoreOne() {
        double[] a = random(1);
        assertEquals(1, Ssim.of(a, a.clone(), W, H), 1e-12);
    }

    @Test
    void twoFlatImagesScoreTheLuminanceTermAlone() {
        // no variance anywhere: the contrast-structure factor is C2 / C2 = 1, so SSIM = (2ab + C1) / (a² + b² + C1)
        double a = 0.2, b = 0.6, c1 = 0.01 * 0.01;
        assertEquals((2 * a * b + c1) / (a * a + b * b + c1), Ssim.of(constant(a), constant(b), W, H), 1e-12);
        // with a range of 255 the constants scale: C1 = (0.01 · 255)²
        double c1b = Math.pow(0.01 * 255, 2);
        assertEquals((2 * 51 * 153 + c1b) / (51 * 51 + 153 * 153 + c1b), Ssim.of(constant(51), constant(153), W, H, 255), 1e-12);
    }

    @Test
    void aConstantShiftLowersItMoreTheLargerItIs() {
        double[] a = random(2), small = a.clone(), large = a.clone();
        for (int i = 0; i < a.length; i++) {
            small[i] += 0.05;
            large[i] += 0.3;
        }
        double s = Ssim.of(a, small, W, H), l = Ssim.of(a, large, W, H);
        assertTrue(s < 1 && l < s, s + " then " + l);
        assertTrue(s > 0.9, "the structure is intact: " + s);
    }

    @Test
    void isSymmetricAndLowForUnrelatedNoise() {
        double[] a = random(3), b = random(4);
        assertEquals(Ssim.of(a, b, W, H), Ssim.of(b, a, W, H), 1e-15);
        assertTrue(Math.abs(Ssim.of(a, b, W, H)) < 0.2);
        double[] negative = a.clone();
        for (int i = 0; i < a.length; i++) negative[i] = 1 - a[i];
        assertTrue(Ssim.of(a, negative, W, H) < 0, "an inverted image anti-correlates");
    }

    @Test
    void rejectsImagesSmallerThanTheWindowOrOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(new double[100], new double[100], 10, 10));
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(random(1), new double[5], W, H));
    }
}
