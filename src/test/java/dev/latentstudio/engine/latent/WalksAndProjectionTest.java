package dev.latentstudio.engine.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WalksAndProjectionTest {

    @Test
    void morphStartsAtAEndsAtBAndFollowsTheMode() {
        float[] a = LatentMath.gaussian(1, 64), b = LatentMath.gaussian(2, 64);
        for (Walks.Mode m : Walks.Mode.values()) {
            List<float[]> p = Walks.morph(a, b, m, 9);
            assertEquals(9, p.size());
            assertArrayEquals(a, p.get(0), 1e-5f);
            assertArrayEquals(b, p.get(8), 1e-5f);
            assertArrayEquals(m.at(a, b, 0.5), p.get(4), 1e-6f);
        }
        // the great circle keeps the length where the straight line shortens it
        double mid = LatentMath.norm(Walks.Mode.LERP.at(a, b, 0.5));
        double midSlerp = LatentMath.norm(Walks.Mode.SLERP.at(a, b, 0.5));
        assertTrue(mid < 0.85 * midSlerp, mid + " vs " + midSlerp);
        assertThrows(IllegalArgumentException.class, () -> Walks.morph(a, b, Walks.Mode.LERP, 1));
    }

    @Test
    void pingPongGoesThereAndBackWithoutRepeatingTheEnds() {
        assertEquals(List.of(1, 2, 3, 4, 3, 2), Walks.pingPong(List.of(1, 2, 3, 4)));
        assertEquals(0, Walks.pingPongT(0), 1e-12);
        assertEquals(1, Walks.pingPongT(0.5), 1e-12);
        assertEquals(0.5, Walks.pingPongT(0.75), 1e-12);
        assertEquals(0.5, Walks.pingPongT(3.25), 1e-12);
    }

    @Test
    void danceFramesLieOnTheSphereAndTheLoopCloses() {
        float[] a = LatentMath.gaussian(1, 64), b = LatentMath.gaussian(2, 64), c = LatentMath.gaussian(3, 64);
        List<float[]> loop = Walks.dance(a, b, c, 8, 0.35, 36);
        for (float[] z : loop) assertEquals(8, LatentMath.norm(z), 1e-4);
        // the step from the last frame back to the first is as small as any other step
        double closing = dist(loop.get(35), loop.get(0));
        double step = dist(loop.get(0), loop.get(1));
        assertTrue(closing < 1.5 * step, closing + " vs " + step);
    }

    @Test
    void neighbourhoodIsReproducibleAndAsWideAsAsked() {
        float[] r = LatentMath.gaussian(4, 64);
        List<float[]> n = Walks.neighbourhood(r, 8, 0.25, Walks.NEIGHBOUR_SEED);
        assertEquals(8, n.size());
        for (int i = 0; i < 8; i++) assertArrayEquals(n.get(i), Walks.neighbourhood(r, 8, 0.25, Walks.NEIGHBOUR_SEED).get(i));
        double mean = n.stream().mapToDouble(z -> dist(z, r)).average().orElseThrow();
        assertEquals(0.25 * Math.sqrt(64), mean, 0.5); // |N(0, s²I)| in 64-d is about s·8
    }

    @Test
    void projectionFindsTheWidestDirectionsAndMovesOnlyInTheirPlane() {
        // points spread 10 along e3, 5 along e7, 0.1 elsewhere: the map's axes must be e3 and e7
        Random rnd = new Random(3);
        List<float[]> pts = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            float[] z = new float[16];
            for (int i = 0; i < 16; i++) z[i] = (float) (0.1 * rnd.nextGaussian());
            z[3] += (float) (10 * rnd.nextGaussian());
            z[7] += (float) (5 * rnd.nextGaussian());
            pts.add(z);
        }
        Projection p = Projection.fit(pts);
        float[] e3 = new float[16], e7 = new float[16], zero = new float[16];
        e3[3] = 1;
        e7[7] = 1;
        double[] o = p.project(zero), x3 = p.project(e3), x7 = p.project(e7);
        assertEquals(1, Math.abs(x3[0] - o[0]), 0.01, "first axis along e3");
        assertEquals(0, x3[1] - o[1], 0.01);
        assertEquals(1, Math.abs(x7[1] - o[1]), 0.01, "second axis along e7");

        float[] z = pts.get(5);
        double[] from = p.project(z);
        float[] moved = p.moveTo(z, from[0] + 2.5, from[1] - 1.25);
        double[] at = p.project(moved);
        assertEquals(from[0] + 2.5, at[0], 1e-4);
        assertEquals(from[1] - 1.25, at[1], 1e-4);
        // the move is within the e3-e7 plane (up to the estimate's tilt): other components stay
        for (int i = 0; i < 16; i++) if (i != 3 && i != 7) assertEquals(z[i], moved[i], 0.02, "component " + i + " kept");
        assertEquals(2.5, Math.abs(moved[3] - z[3]), 0.02);
        assertEquals(1.25, Math.abs(moved[7] - z[7]), 0.02);
    }

    private static double dist(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
