package dev.latentstudio.engine.latent;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths through latent space as lists of vectors: the morphs, dances and neighbourhoods that both the
 * CLI commands and the studio render, so a GIF exported from either shows the same frames.
 */
public final class Walks {

    /** How a morph goes from A to B: the straight line, or the great circle (see {@link LatentMath#slerp}). */
    public enum Mode {
        LERP, SLERP;

        public float[] at(float[] a, float[] b, double t) {
            return this == LERP ? LatentMath.lerp(a, b, t) : LatentMath.slerp(a, b, t);
        }
    }

    private Walks() {
    }

    /** {@code frames} evenly spaced points from a (t = 0) to b (t = 1), both ends included. */
    public static List<float[]> morph(float[] a, float[] b, Mode mode, int frames) {
        if (frames < 2) throw new IllegalArgumentException("a morph needs at least 2 frames, got " + frames);
        List<float[]> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) out.add(mode.at(a, b, i / (double) (frames - 1)));
        return out;
    }

    /** One turn of {@link LatentMath#dance}: {@code frames} phases in [0, 1), so the loop closes without a repeated frame. */
    public static List<float[]> dance(float[] a, float[] b, float[] c, double radius, double wobble, int frames) {
        if (frames < 2) throw new IllegalArgumentException("a dance needs at least 2 frames, got " + frames);
        List<float[]> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) out.add(LatentMath.dance(a, b, c, radius, wobble, i / (double) frames));
        return out;
    }

    /** The seed of the arithmetic neighbourhood in the CLI and the studio, so both show the same neighbours. */
    public static final long NEIGHBOUR_SEED = 7;

    /** Points around r: r plus small Gaussian steps (std-dev {@code spread}), reproducible by seed. */
    public static List<float[]> neighbourhood(float[] r, int n, double spread, long seed) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] step = LatentMath.gaussian(seed + i, r.length);
            float[] p = r.clone();
            for (int k = 0; k < p.length; k++) p[k] += (float) (spread * step[k]);
            out.add(p);
        }
        return out;
    }

    /** The frames there and back (a b c d → a b c d c b), for a loop without a jump. */
    public static <T> List<T> pingPong(List<T> frames) {
        List<T> out = new ArrayList<>(frames);
        for (int i = frames.size() - 2; i > 0; i--) out.add(frames.get(i));
        return out;
    }

    /** The triangle wave 0 → 1 → 0 over one period: where a looping morph is at a phase in [0, 1). */
    public static double pingPongT(double phase) {
        double p = phase - Math.floor(phase);
        return p < 0.5 ? 2 * p : 2 - 2 * p;
    }
}
