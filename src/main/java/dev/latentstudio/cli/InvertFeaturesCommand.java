package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ClassifierNet;
import dev.latentstudio.engine.invert.FeatureInversion;
import dev.latentstudio.engine.invert.FidelityCurve;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Start;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "features", mixinStandardHelpOptions = true, description = "Reconstruct a held-out digit (a garment for a Fashion-MNIST classifier; or, with --image, your own picture) from the classifier's "
        + "activations at one layer (or every layer), and score the reconstruction with SSIM. Writes OUT.png (the original, then "
        + "the reconstruction(s)) and prints one JSON line; --digits K prints the mean SSIM over K held-out digits per layer instead.")
final class InvertFeaturesCommand implements Callable<Integer> {
    private static final FeatureInversion.Options D = FeatureInversion.Options.DEFAULTS; // the defaults the help shows

    @Option(names = "--layer", defaultValue = "conv1", paramLabel = "NAME|INDEX", description = "The layer to invert from (default: ${DEFAULT-VALUE}).")
    String layer;
    @Option(names = "--all-layers", description = "Invert the digit from every layer into one strip and print ssim_by_layer.")
    boolean allLayers;
    @Option(names = "--digits", converter = Ranges.Positive.class, paramLabel = "K", description = "Mean SSIM over the first K held-out digits, every layer; prints "
            + "ssim_first_layer and ssim_by_layer, writes no picture.")
    Integer digits;
    @Option(names = "--index", converter = Ranges.NonNegative.class, description = "Which held-out digit (index into the test split, default: 0).")
    Integer heldOut;
    @Option(names = "--image", paramLabel = "FILE", description = "Reconstruct your own picture (converted to grey, its centre "
            + "square scaled to 28x28) instead of a held-out digit.")
    Path userImage;
    @Option(names = {"-c", "--classifier"}, defaultValue = ModelStore.DEFAULT_CLASSIFIER, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
    String classifier;
    @Option(names = {"-o", "--out"}, description = "Output path without extension; .png is written (required unless --digits).")
    Path out;
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Steps (default: ${DEFAULT-VALUE}).")
    int steps = D.steps();
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the start noise and the jitter (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();
    @Option(names = "--l2", converter = Ranges.NonNegativeReal.class, description = "Weight of the L2 decay towards the background (default: ${DEFAULT-VALUE}).")
    double l2 = D.l2();
    @Option(names = "--tv", converter = Ranges.NonNegativeReal.class, description = "Weight of the total variation (default: ${DEFAULT-VALUE}).")
    double tv = D.tv();
    @Option(names = "--jitter", converter = Ranges.NonNegative.class, description = "Random shift in pixels each step (default: ${DEFAULT-VALUE}).")
    int jitter = D.jitter();
    @Option(names = "--blur-every", converter = Ranges.NonNegative.class, description = "Blur the image every k steps, 0 never (default: ${DEFAULT-VALUE}).")
    int blurEvery = D.blurEvery();
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, description = "Adam's step size in pixel units (default: ${DEFAULT-VALUE}).")
    double lr = D.lr();
    @Option(names = "--from-noise", description = "Start from mid-grey plus noise instead of the mean digit plus noise.")
    boolean fromNoise;
    @Mixin
    ParamOptions param;
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "8", description = "Pixel scale of the written image (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (digits != null && (allLayers || out != null)) throw new IllegalArgumentException("--digits only prints figures: leave out --all-layers and -o");
        if (userImage != null && heldOut != null) throw new IllegalArgumentException("give --image FILE or --index N, not both");
        int index = heldOut == null ? 0 : heldOut;
        if (digits != null && userImage != null) throw new IllegalArgumentException("--digits measures held-out digits: leave out --image");
        if (digits == null && out == null) throw new IllegalArgumentException("give -o OUT (or --digits K for figures only)");
        ClassifierNet net = ClassifierNet.load(classifier); // the held-out pictures and the mean of what it was trained on
        InversionOptions o = net.defaults(Technique.RECONSTRUCT).withKnobs(steps, seed, l2, tv, jitter, blurEvery, lr)
                .withFromMean(!fromNoise).withParameterisation(param.fourier(), param.scaleRotate);
        List<String> layers = net.layerNames();
        Gson gson = new Gson();
        Map<String, Object> line = new LinkedHashMap<>();

        if (digits != null) {
            // many short runs: a count of finished ones rather than a bar each
            int total = digits * layers.size();
            int[] done = {0};
            JobControl control = new JobControl().onProgress(p -> {
                if (p.step() == p.total()) System.err.println(++done[0] + "/" + total + " inversions");
            });
            FidelityCurve.Curve c = ConsoleJob.run(control, k -> net.fidelity(digits, o, k));
            line.put("digits", c.digits());
            line.put("ssim_first_layer", c.firstLayer());
            line.put("ssim_by_layer", c.byLayer());
            line.put("steps", c.steps());
            line.put("ms_per_step", Math.round(c.msPerStep() * 100) / 100.0);
            Map<String, Double> ms = new LinkedHashMap<>();
            c.msPerStepByLayer().forEach((k, v) -> ms.put(k, Math.round(v * 100) / 100.0));
            line.put("ms_per_step_by_layer", ms);
            System.out.println(gson.toJson(line));
            return 0;
        }

        List<String> which = allLayers ? layers : List.of(net.layerName(layer));
        Start start = net.start(userImage, index); // checks the index
        List<BufferedImage> tiles = new ArrayList<>();
        tiles.add(start.picture());
        Map<String, Double> byLayer = new LinkedHashMap<>();
        double ms = 0;
        for (String l : which) {
            InversionNet.Outcome r = ConsoleJob.run(System.err, k -> net.invert(Technique.RECONSTRUCT, Goal.picture(l, start), o, k));
            tiles.add(r.result().picture());
            byLayer.put(l, r.verdict().score());
            ms += r.result().msPerStep();
        }
        if (userImage != null) {
            line.put("image", userImage.toString());
        } else {
            line.put("index", index);
            line.put("label", start.label());
        }
        if (allLayers) {
            line.put("ssim_by_layer", byLayer);
        } else {
            line.put("layer", which.get(0));
            line.put("ssim", byLayer.values().iterator().next());
        }
        line.put("steps", steps);
        line.put("ms_per_step", Math.round(ms / which.size() * 100) / 100.0);
        Path png = Path.of(out + ".png");
        Images.writePng(Images.grid(tiles, tiles.size(), 2, scale), png);
        System.out.println(gson.toJson(line));
        System.err.println("wrote " + png);
        return 0;
    }
}
