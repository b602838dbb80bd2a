package dev.latentstudio.engine.invert;

import java.util.ArrayList;
import java.util.List;

/** The pieces every inversion here is assembled from, built the same way from the options of each kind. */
final class Recipe {
    private Recipe() {
    }

    /** Jitter of up to {@code jitter} pixels (none at 0), then, if asked, a small random zoom and turn. */
    static List<Transform> transforms(int jitter, boolean scaleRotate) {
        List<Transform> t = new ArrayList<>();
        if (jitter > 0) t.add(new Jitter(jitter));
        if (scaleRotate) t.add(ScaleRotate.DEFAULT);
        return t;
    }

    /** L2 decay towards {@code centre} and total variation, each left out at weight 0. */
    static List<Regulariser> regularisers(double l2, double centre, double tv) {
        List<Regulariser> regs = new ArrayList<>();
        if (l2 > 0) regs.add(new L2Decay(l2, centre));
        if (tv > 0) regs.add(new TotalVariation(tv, 0.05));
        return regs;
    }

    /** {@code base} (CHW) plus seeded N(0, noise²) pixel noise, held as pixels or as a Fourier spectrum. */
    static Parameterisation start(float[] base, int c, int h, int w, double noise, long seed, boolean fourier) {
        Pixels p = Pixels.around(base, c, h, w, noise, seed);
        return fourier ? Fourier.of(p.image()) : p;
    }
}
