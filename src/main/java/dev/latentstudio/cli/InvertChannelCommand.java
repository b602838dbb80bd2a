package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.bench.Bench;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ClassifierNet;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "channel", mixinStandardHelpOptions = true, description = "The picture one channel of a layer responds to most: "
        + "climb the channel's mean activation. Writes OUT.png and prints one JSON line with the activation reached.")
final class InvertChannelCommand implements Callable<Integer> {
    /** The bench's 10-layer convolutional net on 3x112x112 colour, random weights: the colour path without a trained colour model. */
    static final String BENCH_CONV10 = "bench-conv10";
    /** face-api's face recogniser (models/face-api), a ComputationGraph on 3x150x150 colour. */
    static final String FACE_RECOGNITION = InversionNet.FACE_RECOGNITION;

    @Option(names = "--layer", defaultValue = "conv2", paramLabel = "NAME|INDEX", description = "The layer (default: ${DEFAULT-VALUE}).")
    String layer;
    @Option(names = "--channel", converter = Ranges.NonNegative.class, defaultValue = "0", description = "The channel of that layer (a neuron of a dense layer) (default: ${DEFAULT-VALUE}).")
    int channel;
    @Option(names = {"-c", "--classifier"}, defaultValue = ModelStore.DEFAULT_CLASSIFIER, description = "Model name or folder, or "
            + BENCH_CONV10 + " (the bench's 10-layer conv net on 3x112x112 colour, random weights, seed 1), or " + FACE_RECOGNITION
            + " (face-api's face recogniser, 3x150x150; its layers are named like conv64_1_conv1) (default: ${DEFAULT-VALUE}).")
    String classifier;
    @Option(names = {"-o", "--out"}, required = true, description = "Output path without extension; .png is written.")
    Path out;
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Ascent steps (default: 200).")
    Integer steps;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the start noise and the transforms (default: 0).")
    Long seed;
    @Option(names = "--l2", converter = Ranges.NonNegativeReal.class, description = "Weight of the L2 decay towards the background (default: 0).")
    Double l2;
    @Option(names = "--tv", converter = Ranges.NonNegativeReal.class, description = "Weight of the total variation (default: 0; " + FACE_RECOGNITION + ": 0.002).")
    Double tv;
    @Option(names = "--jitter", converter = Ranges.NonNegative.class, description = "Random shift in pixels each step (default: 2; " + FACE_RECOGNITION + ": 4).")
    Integer jitter;
    @Option(names = "--blur-every", converter = Ranges.NonNegative.class, description = "Blur the image every k steps, 0 never (default: 4; not for " + FACE_RECOGNITION + ").")
    Integer blurEvery;
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, description = "Adam's step size in pixel units (default: 0.05).")
    Double lr;
    @Mixin
    ParamOptions param;
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "4", description = "Pixel scale of the written image (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        InversionNet net = classifier.equals(BENCH_CONV10) ? ClassifierNet.colour(BENCH_CONV10, Bench.conv10(1), 3, 112)
                : InversionNet.of(classifier);
        // a face network always uses its colour priors (a Fourier spectrum with zoom and turn) and is drawn contrast stretched
        boolean face = !(net instanceof ClassifierNet);
        if (face && blurEvery != null) throw new IllegalArgumentException("--blur-every is not used with " + classifier);
        InversionOptions d = net.defaults(Technique.CHANNEL);
        InversionOptions o = d.withKnobs(or(steps, d.steps()), or(seed, d.seed()), or(l2, d.l2()), or(tv, d.tv()), or(jitter, d.jitter()),
                or(blurEvery, d.blurEvery()), or(lr, d.lr()));
        o = face ? o.withPreviewEvery(Math.max(1, o.steps() / 10)) : o.withParameterisation(param.fourier(), param.scaleRotate);
        // digits (garments) start from the mean training image of the classifier's data and decay towards their black
        // background; colour from mid-grey; the face networks from mid-grey noise
        Goal goal = Goal.channel(layer, channel);
        InversionOptions knobs = o;
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.CHANNEL, goal, knobs, k));
        Inversion.Result r = done.result();
        Path png = Path.of(out + ".png");
        Images.writePng(Images.scale(r.picture(), face ? Math.min(scale, 2) : scale), png);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("layer", net.layerName(layer));
        line.put("channel", channel);
        if (!face) line.put("param", param.param.name());
        line.put("activation_start", net.before(Technique.CHANNEL, goal, o).figure("activation"));
        line.put("activation", done.verdict().figure("activation"));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        System.out.println(new Gson().toJson(line));
        System.err.println("wrote " + png);
        return 0;
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
