package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ClassVisualisation;
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
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "class", mixinStandardHelpOptions = true, description = "The image a classifier wants for a class: start from the mean "
        + "training image of its data (the mean digit, or the mean garment for a Fashion-MNIST classifier such as fashion-cnn), "
        + "climb the class's logit with jitter, blur, L2 and TV. Writes OUT.png and prints one JSON line per class "
        + "with the classifier's probability for it (and, for all ten, class_prob_min).")
final class InvertClassCommand implements Callable<Integer> {
    private static final ClassVisualisation.Options D = ClassVisualisation.Options.DEFAULTS;

    @Parameters(arity = "0..1", paramLabel = "CLASS", description = "The class: 0-9, or for a garment classifier also its name "
            + "(Sneaker, \"Ankle boot\"); omit it, or give --all, for all ten in one grid.")
    String target;
    @Option(names = "--all", description = "All ten classes into one grid PNG.")
    boolean all;
    @Option(names = {"-c", "--classifier"}, defaultValue = ModelStore.DEFAULT_CLASSIFIER, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
    String classifier;
    @Option(names = {"-o", "--out"}, required = true, description = "Output path without extension; .png is written.")
    Path out;
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Ascent steps (default: ${DEFAULT-VALUE}).")
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
    @Mixin
    ParamOptions param;
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "8", description = "Pixel scale of the written image (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (target != null && all) throw new IllegalArgumentException("give a CLASS or --all, not both");
        ClassifierNet net = ClassifierNet.load(classifier); // the mean image to start from, the class names
        Dataset data = net.data();
        Integer digit = target == null ? null : classOf(data, target);
        InversionOptions o = net.defaults(Technique.CLASS).withKnobs(steps, seed, l2, tv, jitter, blurEvery, lr)
                .withParameterisation(param.fourier(), param.scaleRotate);
        List<Integer> classes = new ArrayList<>();
        if (digit != null) classes.add(digit);
        else for (int c = 0; c < 10; c++) classes.add(c);

        List<BufferedImage> tiles = new ArrayList<>();
        double min = 1;
        Gson gson = new Gson();
        for (int c : classes) {
            // progress on stderr: stdout stays one JSON line per class
            double[] weights = new double[data.classNames().size()];
            weights[c] = 1;
            InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.CLASS, Goal.classes(weights), o, k));
            Inversion.Result r = done.result();
            double p = done.verdict().probabilities()[c];
            min = Math.min(min, p);
            tiles.add(r.picture());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("class", c);
            if (data != Dataset.DIGITS) line.put("name", data.classNames().get(c));
            line.put("probability", p);
            line.put("steps", r.steps());
            line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
            System.out.println(gson.toJson(line));
        }
        if (classes.size() > 1) System.out.println(gson.toJson(Map.of("class_prob_min", min)));
        Path png = Path.of(out + ".png");
        Images.writePng(Images.grid(tiles, 5, 2, scale), png);
        System.err.println("wrote " + png);
        return 0;
    }

    /** 0-9, or a garment classifier's class by name; the digits' old message for a digit out of range. */
    private static int classOf(Dataset data, String target) {
        if (data == Dataset.DIGITS) {
            try {
                int d = Integer.parseInt(target.trim());
                if (d >= 0 && d <= 9) return d;
            } catch (NumberFormatException ignored) {
                // falls through to the error
            }
            throw new IllegalArgumentException("DIGIT must be 0-9, got " + target);
        }
        return data.classIndex(target);
    }
}
