package dev.latentstudio.cli;

import dev.latentstudio.engine.invert.InversionOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The knobs the face-network inversions share (invert portrait, expression, age-gender); a knob not given
 * takes the command's default, which its description states.
 */
final class FaceInvertOptions {
    @Option(names = {"-o", "--out"}, required = true, description = "Output path (.png is added if missing).")
    Path out;
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Steps.")
    Integer steps;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the start noise, jitter, zoom and turn (default: 0).")
    Long seed;
    @Option(names = "--tv", converter = Ranges.NonNegativeReal.class, description = "Weight of the total variation (default: 0.002).")
    Double tv;
    @Option(names = "--l2", converter = Ranges.NonNegativeReal.class, description = "Weight of the L2 decay towards mid-grey (default: 0).")
    Double l2;
    @Option(names = "--jitter", converter = Ranges.NonNegative.class, description = "Random shift in pixels each step (default: 4).")
    Integer jitter;
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, description = "Adam's step size (default: 0.01).")
    Double lr;

    /** The given knobs over {@code d} (a face network's own defaults), a preview every tenth of the steps. */
    InversionOptions options(InversionOptions d) {
        InversionOptions o = d.withKnobs(steps != null ? steps : d.steps(), seed != null ? seed : d.seed(), l2 != null ? l2 : d.l2(),
                tv != null ? tv : d.tv(), jitter != null ? jitter : d.jitter(), d.blurEvery(), lr != null ? lr : d.lr());
        return o.withPreviewEvery(Math.max(1, o.steps() / 10));
    }

    /** OUT with {@code suffix} and .png (OUT.png for an empty suffix), whether or not OUT ended in .png. */
    Path png(String suffix) {
        String s = out.toString();
        String base = s.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
        return Path.of(base + suffix + ".png");
    }
}
