package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.bench.Bench;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ChannelVisualisation;
import dev.latentstudio.engine.invert.ClassVisualisation;
import dev.latentstudio.engine.invert.FaceChannelVisualisation;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.Objective;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.GraphLayers;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    static final String FACE_RECOGNITION = "face-recognition";
    private static final IdentityPortrait.Options F = FaceChannelVisualisation.DEFAULTS;
    private static final ClassVisualisation.Options D = ChannelVisualisation.DEFAULTS;

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
        if (classifier.equals(FACE_RECOGNITION)) return face();
        ClassVisualisation.Options o = new ClassVisualisation.Options(or(steps, D.steps()), or(seed, D.seed()), or(l2, D.l2()),
                or(tv, D.tv()), or(jitter, D.jitter()), or(blurEvery, D.blurEvery()), or(lr, D.lr()), D.noise(),
                param.fourier(), param.scaleRotate);
        boolean colour = classifier.equals(BENCH_CONV10);
        LayerNetworks layers = new LayerNetworks(colour ? Bench.conv10(1) : DigitClassifier.load(classifier));
        int c = colour ? 3 : 1, side = colour ? 112 : Digits.SIDE;
        // digits (garments) start from the mean training image of the classifier's data and decay towards their black
        // background; colour from mid-grey
        float[] base = colour ? new float[c * side * side] : ClassVisualisation.meanImage(Dataset.ofClassifier(classifier).train());
        int l = layers.index(layer);
        Inversion job = ChannelVisualisation.job(layers, l, channel, base, c, side, side, o, colour ? 0 : -1);
        double before = activation(layers, l, ChannelVisualisation.start(base, c, side, side, o));
        Inversion.Result r = ConsoleJob.run(job, System.err);
        Path png = Path.of(out + ".png");
        Images.writePng(Images.scale(r.picture(), scale), png);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("layer", layers.name(l));
        line.put("channel", channel);
        line.put("param", param.param.name());
        line.put("activation_start", before);
        line.put("activation", activation(layers, l, r.image()));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        System.out.println(new Gson().toJson(line));
        System.err.println("wrote " + png);
        return 0;
    }

    /** The face recogniser: always a Fourier spectrum with zoom and turn (the colour priors), drawn contrast stretched. */
    private Integer face() throws Exception {
        if (blurEvery != null) throw new IllegalArgumentException("--blur-every is not used with " + FACE_RECOGNITION);
        IdentityPortrait.Options o = new IdentityPortrait.Options(or(steps, F.steps()), or(seed, F.seed()), or(tv, F.tv()),
                or(l2, F.l2()), or(jitter, F.jitter()), or(lr, F.lr()));
        GraphLayers layers = new GraphLayers(FaceRecognitionNet.load(FaceCli.models()).graph());
        int l = layers.index(layer);
        Inversion job = FaceChannelVisualisation.job(layers, l, channel, o, Math.max(1, o.steps() / 10));
        int side = FaceRecognitionNet.SIZE;
        double before = FaceChannelVisualisation.activation(layers, l, channel, Nd4j.zeros(DataType.FLOAT, 1, 3, side, side));
        Inversion.Result r = ConsoleJob.run(job, System.err);
        Path png = Path.of(out + ".png");
        Images.writePng(Images.scale(r.picture(), Math.min(scale, 2)), png);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("layer", layers.name(l));
        line.put("channel", channel);
        line.put("activation_start", before);
        line.put("activation", FaceChannelVisualisation.activation(layers, l, channel, r.image()));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        System.out.println(new Gson().toJson(line));
        System.err.println("wrote " + png);
        return 0;
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    private double activation(LayerNetworks layers, int l, INDArray image) {
        return Objective.channel(channel).evaluate(layers.activations(l, image)).score();
    }
}
