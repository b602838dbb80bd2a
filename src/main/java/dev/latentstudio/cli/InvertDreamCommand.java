package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.DeepDream;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.Objective;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
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
        DeepDream.Options o = new DeepDream.Options(steps, octaves, octaveScale, lr, jitter, scaleRotate, l2, tv, blurEvery, seed);
        float[] px = ImageFolder.loadImage(image, Digits.SIDE, 1);
        INDArray picture = Nd4j.create(px, new long[]{1, 1, Digits.SIDE, Digits.SIDE}, 'c');
        LayerNetworks layers = new LayerNetworks(DigitClassifier.load(classifier));
        int l = layers.index(layer);
        DeepDream dream = new DeepDream(layers, l, picture, o);
        Inversion.Result r = ConsoleJob.run(dream, System.err);

        String base = out.toString().endsWith(".png") ? out.toString().substring(0, out.toString().length() - 4) : out.toString();
        Path png = Path.of(base + ".png"), view = Path.of(base + "-view.png");
        Images.writePng(r.picture(), png);
        BufferedImage original = Images.toImage(px, 1, Digits.SIDE, Digits.SIDE);
        Images.writePng(Images.grid(List.of(original, r.picture()), 2, 2, scale), view);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("image", image.toString());
        line.put("layer", layers.name(l));
        line.put("octaves", octaves);
        line.put("steps", r.steps());
        line.put("dream_before", meanSquare(layers, l, picture));
        line.put("dream_after", meanSquare(layers, l, r.image()));
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        System.out.println(new Gson().toJson(line));
        System.err.println("wrote " + png + " and " + view);
        return 0;
    }

    private static double meanSquare(LayerNetworks layers, int l, INDArray image) {
        return Objective.dream().evaluate(layers.activations(l, image)).score();
    }
}
