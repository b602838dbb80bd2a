package dev.latentstudio.cli;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.pix2pix.Pairs;
import dev.latentstudio.engine.pix2pix.Pix2PixModel;
import dev.latentstudio.engine.pix2pix.Pix2PixQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate-pix2pix", description = {"Measure a pix2pix model on held-out pairs; prints one JSON object: l1 (mean |G(A) − B| on",
        "[-1, 1]), ssim, for garments class_agreement (the fashion classifier calls G(A) what it calls the real garment),",
        "class_accuracy and real_class_accuracy (against the true labels), and d_accuracy (the final D on real and",
        "generated pairs; ~0.5–0.6 means G fools it)."})
final class EvaluatePix2PixCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, defaultValue = ModelStore.DEFAULT_PARTNER, description = "pix2pix model name or folder (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--data", paramLabel = TrainPix2PixCommand.EDGES + "|DIR", description = "Held-out pairs: the bundled garments'"
            + " test split (the default for garment models) or a DIR laid out as --layout says.")
    String data;
    @Option(names = "--layout", defaultValue = "aligned", paramLabel = "aligned|folders|couples", description = "How DIR holds"
            + " the pairs, as train-pix2pix's --layout (couples: each photo's two aligned faces, left → right; colour models only).")
    String layout;
    @Option(names = "--both-directions", description = "With --layout couples: also right face → left face.")
    boolean bothDirections;
    @Option(names = "--pairs", converter = Ranges.Positive.class, defaultValue = "" + Pix2PixQuality.PAIRS, description = "Pairs measured (the first N).")
    int pairs;
    @Option(names = "--judge", defaultValue = ModelStore.FASHION_CLASSIFIER, paramLabel = "CLASSIFIER", description = "The garment"
            + " classifier of class_agreement (default: ${DEFAULT-VALUE}; " + ModelStore.FASHION_SECOND_CLASSIFIER + " judges a model"
            + " trained with fashion-cnn's features).")
    String judge;
    @Option(names = "--record", description = "Also write the figures into the model's model.json.")
    boolean record;

    @Override
    public Integer call() throws Exception {
        Pix2PixModel m = Pix2PixModel.load(model);
        boolean garments = m.card().data() != null && m.card().data().startsWith("edges → garments");
        String d = data != null ? data : garments ? TrainPix2PixCommand.EDGES : null;
        if (d == null) throw new IllegalArgumentException(m.card().name() + " was trained on the user's pairs: give held-out ones with --data DIR");
        Pairs held = TrainPix2PixCommand.EDGES.equals(d) ? Pairs.edgesToGarments(true, m.spec().side())
                : TrainPix2PixCommand.pairs(d, layout, bothDirections, m.spec().side(), m.spec().inChannels());
        // without the shipped judge (a stripped install) the garments are measured without it; a judge asked for must load
        boolean judged = TrainPix2PixCommand.EDGES.equals(d)
                && (!judge.equals(ModelStore.FASHION_CLASSIFIER) || ModelStore.has(ModelCard.CLASSIFIER, judge));
        Map<String, Object> q = Pix2PixQuality.measure(m, held, pairs, judged ? DigitClassifier.load(judge) : null);
        if (judged) q.put("classifier", judge);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", m.card().name());
        out.putAll(q);
        if (record) m.card().withQuality(q).write(m.dir());
        System.out.println(new com.google.gson.Gson().toJson(out));
        return 0;
    }
}
