package dev.latentstudio.engine.latent;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatentPriorTest {
    private final LatentPrior prior = new LatentPrior(8, 10);

    @Test
    void aSeedNamesZAndAClassInTurn() {
        float[] v = prior.seed(23);
        assertEquals(18, v.length);
        assertArrayEquals(LatentMath.gaussian(23, 8), Arrays.copyOf(v, 8));
        assertEquals(3, prior.classOf(v));
        float sum = 0;
        for (int i = 8; i < 18; i++) sum += v[i];
        assertEquals(1f, sum, "one-hot class");
        assertEquals(7, prior.classOf(prior.seed(23, 7)));
        assertArrayEquals(Arrays.copyOf(v, 8), Arrays.copyOf(prior.withClass(v, 5), 8), "changing the class keeps z");
        assertEquals(9, prior.classOf(prior.seed(-1)), "negative seeds wrap like positive ones");
        assertThrows(IllegalArgumentException.class, () -> prior.seed(1, 10));
        assertArrayEquals(LatentMath.gaussian(23, 8), LatentPrior.gaussian(8).seed(23), "unconditional: z alone");
    }

    @Test
    void specsDrawSeedsFromThePrior() {
        assertArrayEquals(prior.seed(42), LatentSpec.parse("42", prior, null));
        assertArrayEquals(LatentMath.average(List.of(prior.seed(1), prior.seed(2))), LatentSpec.parse("avg:1,2", prior, null));
    }

    @Test
    void aDanceGoesRoundInZAndBlendsTheClasses() {
        float[] a = prior.seed(1, 2), b = prior.seed(2, 6), c = prior.seed(3, 4);
        double r = Math.sqrt(8);
        float[] start = Walks.danceAt(a, b, c, r, 0.3, 0, 8), half = Walks.danceAt(a, b, c, r, 0.3, 0.5, 8);
        assertEquals(2, prior.classOf(start));
        assertEquals(6, prior.classOf(half));
        assertEquals(1f, start[8 + 2], 1e-6f);
        assertEquals(1f, half[8 + 6], 1e-6f);
        for (double t : new double[]{0, 0.2, 0.5, 0.8}) {
            float[] p = Walks.danceAt(a, b, c, r, 0.3, t, 8);
            double n = 0;
            for (int i = 0; i < 8; i++) n += p[i] * p[i];
            assertEquals(r, Math.sqrt(n), 1e-4, "z stays on the sphere at phase " + t);
        }
        for (float[] p : Walks.neighbourhood(a, 4, 0.5, 7, 8)) assertArrayEquals(Arrays.copyOfRange(a, 8, 18), Arrays.copyOfRange(p, 8, 18));
    }
}
