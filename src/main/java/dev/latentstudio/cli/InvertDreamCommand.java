package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ClassifierNet;
import dev.latentstudio.engine.invert.DeepDream;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Start;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dream", mixinStandardHelpOptions = true, description = "DeepDream on your picture: it is converted to grey "
        + "and scaled to the classifier's 28x28 input, then changed so that one layer's activations grow (the mean of their "
        + "squares), over a few octaves. Writes OUT.png (the dream at the network's size) and OUT-view.png (your picture and "
        + "the dream, enlarged) and prints one JSON line.")
final class InvertDreamCommand implements Callable<Integer> {
    private static final DeepDream.Options D = DeepDream.Options.DEFAULTS;

    @Parameters(paramLabel = "IMAGE", description = "The picture (PNG, JPEG, GIF, BMP); its centre square is used.")
    Path image;
    @Option(names = "--layer", defaultValue = "conv2", paramLabel = "NAME|INDEX", description = "The layer to amplify (default: ${DEFAULT-VALUE}).")
    String layer;
    @Option(names = {"-c", "--classifier"}, defaultValue = ModelStore.DEFAULT_CLASSIFIER, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
    String classifier;
    @Option(names = {"-o", "--out"}, required = true, description = "Output path (.png is added if missing).")
    Path out;
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Steps per octave (default: ${DEFAULT-VALUE}).")
    int steps = D.steps();
    @Option(names = "--octaves", converter = Ranges.Octaves.class, description = "Scales to dream at, each 1/octave-scale of the next; 1 = the picture's size only (default: ${DEFAULT-VALUE}).")
    int octaves = D.octaves();
    @Option(names = "--octave-scale", converter = Ranges.OctaveScale.class, description = "Size ratio between octaves (default: ${DEFAULT-VALUE}).")
    double octaveScale = D.octaveScale();
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, description = "Adam's step size in pixel units (default: ${DEFAULT-VALUE}).")
    double lr = D.lr();
    @Option(names = "--jitter", converter = Ranges.NonNegative.class, description = "Random shift in pixels each step (default: ${DEFAULT-VALUE}).")
    int jitter = D.jitter();
    @Option(names = "--scale-rotate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Zoom by up to ±5 %% and turn by up to ±5° at random each step (default: on).")
    boolean scaleRotate;
    @Option(names = "--l2", converter = Ranges.NonNegativeReal.class, description = "Weight of the L2 decay towards mid-grey (default: ${DEFAULT-VALUE}).")
    double l2 = D.l2();
    @Option(names = "--tv", converter = Ranges.NonNegativeReal.class, description = "Weight of the total variation (default: ${DEFAULT-VALUE}).")
    double tv = D.tv();
    @Option(names = "--blur-every", converter = Ranges.NonNegative.class, description = "Blur the image every k steps, 0 never (default: ${DEFAULT-VALUE}).")
    int blurEvery = D.blurEvery();
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the jitter, zoom and turn (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "8", description = "Enlargement of OUT-view.png (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        ClassifierNet net = ClassifierNet.load(classifier);
        InversionOptions o = net.defaults(Technique.DREAM).withKnobs(steps, seed, l2, tv, jitter, blurEvery, lr)
                .withOctaves(octaves, octaveScale).withParameterisation(false, scaleRotate);
        Start picture = net.start(image, 0);
        Goal goal = Goal.picture(layer, picture);
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.DREAM, goal, o, k));
        Inversion.Result r = done.result();

        String base = out.toString().endsWith(".png") ? out.toString().substring(0, out.toString().length() - 4) : out.toString();
        Path png = Path.of(base + ".png"), view = Path.of(base + "-view.png");
        Images.writePng(r.picture(), png);
        Images.writePng(Images.grid(List.of(picture.picture(), r.picture()), 2, 2, scale), view);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("image", image.toString());
        line.put("layer", net.layerName(layer));
        line.put("octaves", octaves);
        line.put("steps", r.steps());
        line.put("dream_before", net.before(Technique.DREAM, goal, o).figure("dream"));
        line.put("dream_after", done.verdict().figure("dream"));
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        System.out.println(new Gson().toJson(line));
        System.err.println("wrote " + png + " and " + view);
        return 0;
    }
}
