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
        return dance(a, b, c, radius, wobble, frames, a.length);
    }

    /** The same for vectors whose first {@code zDim} entries are z and the rest class weights (see {@link LatentPrior}). */
    public static List<float[]> dance(float[] a, float[] b, float[] c, double radius, double wobble, int frames, int zDim) {
        if (frames < 2) throw new IllegalArgumentException("a dance needs at least 2 frames, got " + frames);
        List<float[]> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) out.add(danceAt(a, b, c, radius, wobble, i / (double) frames, zDim));
        return out;
    }

    /**
     * One point of the dance. Only z goes round the sphere; class weights (entries past {@code zDim})
     * blend from A's at phase 0 to B's at phase ½ and back, so the loop closes in class too.
     */
    public static float[] danceAt(float[] a, float[] b, float[] c, double radius, double wobble, double phase, int zDim) {
        if (zDim == a.length) return LatentMath.dance(a, b, c, radius, wobble, phase);
        float[] z = LatentMath.dance(head(a, zDim), head(b, zDim), head(c, zDim), radius, wobble, phase);
        float[] out = java.util.Arrays.copyOf(z, a.length);
        double wb = (1 - Math.cos(2 * Math.PI * phase)) / 2;
        for (int k = zDim; k < a.length; k++) out[k] = (float) ((1 - wb) * a[k] + wb * b[k]);
        return out;
    }

    private static float[] head(float[] v, int n) {
        return java.util.Arrays.copyOf(v, n);
    }

    /** The seed of the arithmetic neighbourhood in the CLI and the studio, so both show the same neighbours. */
    public static final long NEIGHBOUR_SEED = 7;

    /** Points around r: r plus small Gaussian steps (std-dev {@code spread}), reproducible by seed. */
    public static List<float[]> neighbourhood(float[] r, int n, double spread, long seed) {
        return neighbourhood(r, n, spread, seed, r.length);
    }

    /** The same, stepping only the first {@code zDim} entries (z; a conditional model's class weights stay). */
    public static List<float[]> neighbourhood(float[] r, int n, double spread, long seed, int zDim) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] step = LatentMath.gaussian(seed + i, zDim);
            float[] p = r.clone();
            for (int k = 0; k < zDim; k++) p[k] += (float) (spread * step[k]);
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
