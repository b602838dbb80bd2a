package dev.latentstudio.engine.latent;

/**
 * How a generator's latent vectors are made: z ~ N(0, I) in R^zDim, followed, for a class-conditional
 * generator, by {@code classes} class weights (one-hot for a sample; blends and sums of them are what
 * morphs and arithmetic give). Seed s names one sample everywhere: z = gaussian(s) and class s mod k,
 * so a grid of consecutive seeds shows every class in turn.
 */
public record LatentPrior(int zDim, int classes) {

    public LatentPrior {
        if (zDim <= 0 || classes < 0) throw new IllegalArgumentException("latent size must be positive, got " + zDim + " + " + classes);
    }

    public static LatentPrior gaussian(int dim) {
        return new LatentPrior(dim, 0);
    }

    /** Length of the whole vector, z and class weights. */
    public int dim() {
        return zDim + classes;
    }

    public boolean conditional() {
        return classes > 0;
    }

    public float[] seed(long s) {
        return classes == 0 ? LatentMath.gaussian(s, zDim) : seed(s, (int) Math.floorMod(s, (long) classes));
    }

    /** Seed s's z with the class given. */
    public float[] seed(long s, int cls) {
        return withClass(LatentMath.gaussian(s, zDim), cls);
    }

    /** z (or a whole vector, whose class part is replaced) joined with class {@code cls}, one-hot. */
    public float[] withClass(float[] v, int cls) {
        if (classes == 0) throw new IllegalArgumentException("this generator has no classes");
        if (cls < 0 || cls >= classes) throw new IllegalArgumentException("class must be 0.." + (classes - 1) + ", got " + cls);
        float[] out = new float[dim()];
        System.arraycopy(v, 0, out, 0, zDim);
        out[zDim + cls] = 1f;
        return out;
    }

    /** The class a vector leans to most (its largest class weight); -1 without classes. */
    public int classOf(float[] v) {
        if (classes == 0) return -1;
        int best = 0;
        for (int c = 1; c < classes; c++) if (v[zDim + c] > v[zDim + best]) best = c;
        return best;
    }
}
