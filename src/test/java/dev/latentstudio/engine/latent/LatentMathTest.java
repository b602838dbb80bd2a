package dev.latentstudio.engine.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatentMathTest {

    private static final int DIM = 64;
    private final float[] a = LatentMath.gaussian(1, DIM);
    private final float[] b = LatentMath.gaussian(2, DIM);
    private final float[] c = LatentMath.gaussian(3, DIM);

    @Test
    void gaussianIsDeterministicPerSeedAndRoughlyStandardNormal() {
        assertArrayEquals(LatentMath.gaussian(42, DIM), LatentMath.gaussian(42, DIM));
        assertFalse(Arrays.equals(LatentMath.gaussian(42, DIM), LatentMath.gaussian(43, DIM)));
        assertEquals((float) new java.util.Random(42).nextGaussian(), LatentMath.gaussian(42, DIM)[0]);
        float[] big = LatentMath.gaussian(7, 10_000);
        double mean = 0;
        for (float x : big) {
            mean += x;
        }
        mean /= big.length;
        assertEquals(0, mean, 0.05);
        assertEquals(100, LatentMath.norm(big), 3); // |z| ~ sqrt(dim) for a standard normal
        assertThrows(IllegalArgumentException.class, () -> LatentMath.gaussian(1, 0));
    }

    @Test
    void lerpEndpointsAndMiddle() {
        assertArrayEquals(a, LatentMath.lerp(a, b, 0));
        assertArrayEquals(b, LatentMath.lerp(a, b, 1), 1e-6f);
        float[] mid = LatentMath.lerp(a, b, 0.5);
        assertEquals((a[5] + b[5]) / 2, mid[5], 1e-6);
    }

    @Test
    void slerpEndpointsAndNorm() {
        assertArrayEquals(a, LatentMath.slerp(a, b, 0), 1e-5f);
        assertArrayEquals(b, LatentMath.slerp(a, b, 1), 1e-5f);

        // same length at both ends: slerp keeps it, lerp would cut the corner
        float[] b2 = scaled(b, LatentMath.norm(a) / LatentMath.norm(b));
        float[] mid = LatentMath.slerp(a, b2, 0.5);
        assertEquals(LatentMath.norm(a), LatentMath.norm(mid), 1e-4);
        assertTrue(LatentMath.norm(LatentMath.lerp(a, b2, 0.5)) < LatentMath.norm(a) * 0.9);
        // halfway in angle too
        assertEquals(LatentMath.cosine(a, mid), LatentMath.cosine(mid, b2), 1e-5);

        // length goes linearly when the ends differ
        float[] far = scaled(b, 3 * LatentMath.norm(a) / LatentMath.norm(b));
        assertEquals(2 * LatentMath.norm(a), LatentMath.norm(LatentMath.slerp(a, far, 0.5)), 1e-3);
    }

    @Test
    void slerpFallsBackToLerpForParallelVectors() {
        float[] twice = scaled(a, 2);
        assertArrayEquals(LatentMath.lerp(a, twice, 0.3), LatentMath.slerp(a, twice, 0.3));
        float[] opposite = scaled(a, -1);
        assertArrayEquals(LatentMath.lerp(a, opposite, 0.3), LatentMath.slerp(a, opposite, 0.3));
    }

    @Test
    void danceIsAClosedLoopOnTheSphere() {
        double radius = 8;
        assertArrayEquals(LatentMath.dance(a, b, c, radius, 0.3, 0), LatentMath.dance(a, b, c, radius, 0.3, 1), 1e-5f);
        for (int i = 0; i <= 100; i++) {
            float[] p = LatentMath.dance(a, b, c, radius, 0.3, i / 100.0);
            assertEquals(radius, LatentMath.norm(p), 1e-4, "phase " + i / 100.0);
        }
        float[] start = LatentMath.dance(a, b, c, radius, 0.3, 0);
        assertEquals(1, LatentMath.cosine(start, a), 1e-6);
        // a quarter turn is perpendicular to a, in the a-b plane
        float[] quarter = LatentMath.dance(a, b, c, radius, 0, 0.25);
        assertEquals(0, LatentMath.cosine(quarter, a), 1e-5);
        assertTrue(LatentMath.cosine(quarter, b) > 0.5);
        // the wobble moves points out of the a-b plane
        float[] eighth = LatentMath.dance(a, b, c, radius, 0.5, 0.125);
        float[] flat = LatentMath.dance(a, b, c, radius, 0, 0.125);
        assertTrue(LatentMath.cosine(eighth, flat) < 0.99);
    }

    @Test
    void danceRejectsDegenerateInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentMath.dance(a, scaled(a, 2), c, 1, 0.3, 0.1));
        assertTrue(e.getMessage().contains("parallel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatentMath.dance(a, b, LatentMath.lerp(a, b, 0.4), 1, 0.3, 0.1));
        // without wobble c is unused, so it may be degenerate
        assertEquals(1, LatentMath.norm(LatentMath.dance(a, b, a, 1, 0, 0.1)), 1e-5);
    }

    @Test
    void arithAndAverage() {
        float[] r = LatentMath.arith(a, b, c);
        for (int i = 0; i < DIM; i++) {
            assertEquals(a[i] - b[i] + c[i], r[i], 1e-6);
        }
        float[] avg = LatentMath.average(List.of(a, b, c));
        assertEquals((a[9] + b[9] + c[9]) / 3, avg[9], 1e-6);
        assertArrayEquals(a, LatentMath.average(List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> LatentMath.average(List.of()));
    }

    @Test
    void normAndCosine() {
        assertEquals(5, LatentMath.norm(new float[] {3, 4}), 1e-12);
        assertEquals(0, LatentMath.cosine(new float[] {1, 0}, new float[] {0, 2}), 1e-12);
        assertEquals(-1, LatentMath.cosine(new float[] {1, 1}, new float[] {-2, -2}), 1e-12);
        assertEquals(0, LatentMath.cosine(new float[] {0, 0}, new float[] {1, 2}));
    }

    @Test
    void mismatchedDimensionsAreRejectedClearly() {
        float[] small = new float[3];
        for (Runnable op : List.<Runnable>of(
                () -> LatentMath.lerp(a, small, 0.5),
                () -> LatentMath.slerp(a, small, 0.5),
                () -> LatentMath.arith(a, b, small),
                () -> LatentMath.dance(a, b, small, 1, 0, 0),
                () -> LatentMath.cosine(a, small),
                () -> LatentMath.average(List.of(a, small)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::run);
            assertTrue(e.getMessage().contains("64") && e.getMessage().contains("3"), e.getMessage());
        }
    }

    private static float[] scaled(float[] v, double k) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * k);
        }
        return out;
    }
}
