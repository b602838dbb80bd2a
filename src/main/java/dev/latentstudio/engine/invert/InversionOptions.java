package dev.latentstudio.engine.invert;

/**
 * The knobs every inversion shares, in one order whatever the technique: steps (per octave for DeepDream);
 * seed of the start noise and the transforms; L2 and total-variation weights; jitter in pixels; blur every k
 * steps (0: never); Adam's learning rate; whether the image is held as a Fourier spectrum and whether each step
 * also zooms and turns it; DeepDream's octaves and their size ratio; whether feature inversion starts from the
 * mean image (else mid-grey); a preview every this many steps. Each technique reads the ones it has: a face
 * network always uses its colour priors (Fourier, zoom and turn) and no blur; DeepDream holds pixels.
 */
public record InversionOptions(int steps, long seed, double l2, double tv, int jitter, int blurEvery, double lr, boolean fourier,
                               boolean scaleRotate, int octaves, double octaveScale, boolean fromMean, int previewEvery) {
    private static final double OCTAVE_SCALE = DeepDream.Options.DEFAULTS.octaveScale();

    public InversionOptions {
        if (previewEvery < 1) throw new IllegalArgumentException("previewEvery must be >= 1, got " + previewEvery);
    }

    /** A class (or channel) visualisation's knobs. */
    public static InversionOptions of(ClassVisualisation.Options o) {
        return new InversionOptions(o.steps(), o.seed(), o.l2(), o.tv(), o.jitter(), o.blurEvery(), o.lr(), o.fourier(),
                o.scaleRotate(), 1, OCTAVE_SCALE, true, 10);
    }

    /** A feature inversion's (or cGMM's) knobs. */
    public static InversionOptions of(FeatureInversion.Options o) {
        return new InversionOptions(o.steps(), o.seed(), o.l2(), o.tv(), o.jitter(), o.blurEvery(), o.lr(), o.fourier(),
                o.scaleRotate(), 1, OCTAVE_SCALE, o.fromMean(), 10);
    }

    /** DeepDream's knobs (pixels, never a spectrum). */
    public static InversionOptions of(DeepDream.Options o) {
        return new InversionOptions(o.steps(), o.seed(), o.l2(), o.tv(), o.jitter(), o.blurEvery(), o.lr(), false,
                o.scaleRotate(), o.octaves(), o.octaveScale(), true, 10);
    }

    /** A face network's knobs: its colour priors are fixed on, blur is not used. */
    public static InversionOptions of(IdentityPortrait.Options o) {
        return new InversionOptions(o.steps(), o.seed(), o.l2(), o.tv(), o.jitter(), 0, o.lr(), true, true, 1, OCTAVE_SCALE, true, 10);
    }

    /** The same with the regularised climb's seven knobs replaced (the order of the record). */
    public InversionOptions withKnobs(int steps, long seed, double l2, double tv, int jitter, int blurEvery, double lr) {
        return new InversionOptions(steps, seed, l2, tv, jitter, blurEvery, lr, fourier, scaleRotate, octaves, octaveScale, fromMean,
                previewEvery);
    }

    public InversionOptions withSteps(int n) {
        return withKnobs(n, seed, l2, tv, jitter, blurEvery, lr);
    }

    public InversionOptions withSeed(long s) {
        return withKnobs(steps, s, l2, tv, jitter, blurEvery, lr);
    }

    /** The same held as a Fourier spectrum or pixels, zooming and turning each step or not. */
    public InversionOptions withParameterisation(boolean fourierSpectrum, boolean zoomAndTurn) {
        return new InversionOptions(steps, seed, l2, tv, jitter, blurEvery, lr, fourierSpectrum, zoomAndTurn, octaves, octaveScale,
                fromMean, previewEvery);
    }

    /** DeepDream's octaves and the size ratio between them. */
    public InversionOptions withOctaves(int n, double scale) {
        return new InversionOptions(steps, seed, l2, tv, jitter, blurEvery, lr, fourier, scaleRotate, n, scale, fromMean, previewEvery);
    }

    /** Feature inversion from the mean image (true) or from mid-grey plus noise. */
    public InversionOptions withFromMean(boolean mean) {
        return new InversionOptions(steps, seed, l2, tv, jitter, blurEvery, lr, fourier, scaleRotate, octaves, octaveScale, mean,
                previewEvery);
    }

    public InversionOptions withPreviewEvery(int n) {
        return new InversionOptions(steps, seed, l2, tv, jitter, blurEvery, lr, fourier, scaleRotate, octaves, octaveScale, fromMean, n);
    }

    /** Builds the engine options {@code t} reads, so a value it refuses is an {@link IllegalArgumentException} now. */
    public void check(Technique t) {
        switch (t) {
            case CLASS, CHANNEL -> classOptions();
            case RECONSTRUCT, CGMM -> featureOptions();
            case DREAM -> dreamOptions();
            case PORTRAIT, LANDMARKS -> faceOptions();
        }
    }

    ClassVisualisation.Options classOptions() {
        return new ClassVisualisation.Options(steps, seed, l2, tv, jitter, blurEvery, lr, ClassVisualisation.Options.DEFAULTS.noise(),
                fourier, scaleRotate);
    }

    FeatureInversion.Options featureOptions() {
        return new FeatureInversion.Options(steps, seed, l2, tv, jitter, blurEvery, lr, FeatureInversion.Options.DEFAULTS.noise(),
                fromMean, fourier, scaleRotate);
    }

    DeepDream.Options dreamOptions() {
        return new DeepDream.Options(steps, octaves, octaveScale, lr, jitter, scaleRotate, l2, tv, blurEvery, seed);
    }

    IdentityPortrait.Options faceOptions() {
        return new IdentityPortrait.Options(steps, seed, tv, l2, jitter, lr);
    }
}
