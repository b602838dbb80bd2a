package dev.latentstudio.cli;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.classify.GanQuality;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.sliders.Sliders;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", description = {"Measure a generator with a classifier against its held-out real images; prints one JSON object:",
        "inception_score exp E[KL(p(y|x)||p(y))] (10 = perfect), confident_share (p ≥ 0.9), class_histogram, min_class_share,",
        "class_agreement (conditional models: asked class = classified class; classes are drawn in turn),",
        "fid (Fréchet distance of the classifier's penultimate features to the held-out images'), within_class_diversity",
        "(mean pairwise feature distance per class) and diversity_ratio (against the real images'), and under \"real\"",
        "the same figures of the held-out images themselves (the ceiling; fid_between_halves is the floor)."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = {"-g", "--generator"}, defaultValue = ModelStore.DEFAULT_GENERATOR, description = "Model name or folder.")
    String generator;
    @Option(names = {"-c", "--classifier"}, description = "Model name or folder (default: the one of the generator's kind:"
            + " digit-cnn for digits, fashion-cnn for garments); its data set's held-out images are the real ones.")
    String classifier;
    @Option(names = "--samples", converter = Ranges.Positive.class, defaultValue = "10000", description = "Samples to draw (classes drawn evenly for a conditional generator; default: ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, defaultValue = "12345", description = "Seed of the samples' latents (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--record", description = "Also write the figures into the generator's model.json.")
    boolean record;

    @Override
    public Integer call() throws Exception {
        GeneratorModel g = GeneratorModel.load(generator);
        if (classifier == null) classifier = Sliders.classifierFor(g.card());
        if (classifier == null) throw new IllegalArgumentException(g.card().name() + " makes colour pictures: no classifier judges them");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generator", g.card().name());
        out.put("classifier", classifier);
        Map<String, Object> q = GanQuality.measure(g, DigitClassifier.load(classifier), samples, seed,
                Dataset.ofClassifier(classifier).test());
        out.putAll(q);
        if (record) {
            q.put("classifier", classifier);
            g.card().withQuality(q).write(ModelStore.find(generator).dir());
        }
        System.out.println(new com.google.gson.Gson().toJson(out));
        return 0;
    }
}
