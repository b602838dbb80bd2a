package dev.latentstudio.cli;

import com.google.gson.Gson;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.Cgmm;
import dev.latentstudio.engine.invert.CgmmVisualisation;
import dev.latentstudio.engine.invert.ClassifierNet;
import dev.latentstudio.engine.invert.DigitAttributes;
import dev.latentstudio.engine.invert.FeatureInversion;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.model.ModelStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "cgmm", mixinStandardHelpOptions = true, description = "Digits with chosen attributes from a cGMM: per-attribute "
        + "Gaussians of one layer's activations (class 0-9, thin/thick, slant-left/slant-right), weights learned by SGD, a target "
        + "drawn as the weighted mean of samples, then feature inversion toward it. Fits on the training digits (or loads --model), "
        + "writes OUT.png (one row per attribute set) and prints one JSON line per set with the classifier's labels.")
final class InvertCgmmCommand implements Callable<Integer> {
    private static final FeatureInversion.Options D = CgmmVisualisation.DEFAULTS;

    @Option(names = "--attrs", paramLabel = "A,B,…", description = "The wanted attributes, e.g. 3 or 3,thick or 7,thin,slant-right "
            + "(a garment classifier's classes also by name: Sneaker,thick).")
    String attrs;
    @Option(names = "--all", description = "Each class 0-9 in turn (with the --attrs given, if any, added), one grid row each.")
    boolean all;
    @Option(names = "--samples", converter = Ranges.Scale.class, description = "Pictures per attribute set, each from its own target (default: ${DEFAULT-VALUE}).")
    int samples = 1;
    @Option(names = "--layer", defaultValue = CgmmVisualisation.DEFAULT_LAYER, paramLabel = "NAME|INDEX",
            description = "The layer whose activations the cGMM models (default: ${DEFAULT-VALUE}); ignored with --model.")
    String layer;
    @Option(names = "--model", paramLabel = "FILE", description = "A cGMM saved by --save, instead of fitting one.")
    Path model;
    @Option(names = "--save", paramLabel = "FILE", description = "Also write the fitted cGMM here (JSON) for later --model runs.")
    Path save;
    @Option(names = "--fit-digits", converter = Ranges.AtLeast50.class, paramLabel = "K", description = "Fit on the first K training images of the classifier's data "
            + "(default: 8,500, all the digits; the first 8,500 of the 60,000 garments).")
    Integer fitDigits;
    @Option(names = {"-c", "--classifier"}, defaultValue = ModelStore.DEFAULT_CLASSIFIER, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
    String classifier;
    @Option(names = {"-o", "--out"}, required = true, description = "Output path without extension; .png is written.")
    Path out;
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Inversion steps (default: ${DEFAULT-VALUE}).")
    int steps = D.steps();
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the first target and start image; sample i uses seed + i (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();
    @Option(names = "--l2", converter = Ranges.NonNegativeReal.class, description = "Weight of the L2 decay towards the background (default: ${DEFAULT-VALUE}).")
    double l2 = D.l2();
    @Option(names = "--tv", converter = Ranges.NonNegativeReal.class, description = "Weight of the total variation (default: ${DEFAULT-VALUE}).")
    double tv = D.tv();
    @Option(names = "--jitter", converter = Ranges.NonNegative.class, description = "Random shift in pixels each step (default: ${DEFAULT-VALUE}).")
    int jitter = D.jitter();
    @Option(names = "--blur-every", converter = Ranges.NonNegative.class, description = "Blur the image every k steps, 0 never (default: ${DEFAULT-VALUE}).")
    int blurEvery = D.blurEvery();
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "8", description = "Pixel scale of the written image (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (attrs == null && !all) throw new IllegalArgumentException("give --attrs A,B,… (e.g. --attrs 3,thick) or --all");
        ClassifierNet net = ClassifierNet.load(classifier);
        Dataset data = net.data();
        int[] extra = attrs == null ? new int[0] : DigitAttributes.parse(classesByIndex(data, attrs));
        List<int[]> sets = new ArrayList<>();
        if (all) {
            for (int a : extra) if (a < 10) throw new IllegalArgumentException("--all draws each class: --attrs may only add thin/thick/slants");
            for (int c = 0; c < 10; c++) {
                sets.add(DigitAttributes.parse(c + (attrs == null ? "" : "," + classesByIndex(data, attrs))));
            }
        } else {
            sets.add(extra);
        }
        InversionOptions o = net.defaults(Technique.CGMM).withKnobs(steps, seed, l2, tv, jitter, blurEvery, D.lr());
        Cgmm cgmm = model != null ? Cgmm.load(model) : fit(net);
        if (!classifier.equals(cgmm.classifier())) {
            throw new IllegalArgumentException(model + " was fitted on " + cgmm.classifier() + ": give -c " + cgmm.classifier());
        }
        if (save != null) {
            cgmm.save(save);
            System.err.println("wrote " + save);
        }
        net.useCgmm(cgmm);
        Gson gson = new Gson();
        List<BufferedImage> tiles = new ArrayList<>();
        for (int[] set : sets) {
            InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.CGMM, Goal.cgmm(cgmm.layer(), set, samples), o, k));
            Inversion.Result r = done.result();
            INDArray images = r.image().castTo(DataType.FLOAT);
            List<Integer> labels = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                labels.add(done.verdict().labels()[i]);
                tiles.add(Images.toImage(images.get(NDArrayIndex.point(i)).dup('c').data().asFloat(), 1, Digits.SIDE, Digits.SIDE));
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("attributes", DigitAttributes.describe(set));
            line.put("layer", cgmm.layer());
            line.put("labels", labels);
            line.put("steps", r.steps());
            line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
            System.out.println(gson.toJson(line));
        }
        Path png = Path.of(out + ".png");
        Images.writePng(Images.grid(tiles, samples, 2, scale), png);
        System.err.println("wrote " + png);
        return 0;
    }

    /** The attribute list with a garment classifier's class names ("Sneaker", "ankle boot") replaced by their indices. */
    static String classesByIndex(Dataset data, String attrs) {
        if (data == Dataset.DIGITS) return attrs;
        List<String> out = new ArrayList<>();
        for (String a : attrs.split(",", -1)) {
            String t = a.trim();
            int k = -1;
            for (int c = 0; c < data.classNames().size(); c++) if (data.classNames().get(c).equalsIgnoreCase(t)) k = c;
            out.add(k >= 0 ? Integer.toString(k) : a);
        }
        return String.join(",", out);
    }

    private Cgmm fit(ClassifierNet net) throws Exception {
        int size = net.data().train().size();
        int n = fitDigits == null ? Math.min(size, ClassifierNet.CGMM_FIT_IMAGES) : fitDigits;
        if (n > size) throw new IllegalArgumentException("--fit-digits must be 50.." + size + ", got " + n);
        return ConsoleJob.run(System.err, k -> net.fitCgmm(layer, n, k));
    }
}
