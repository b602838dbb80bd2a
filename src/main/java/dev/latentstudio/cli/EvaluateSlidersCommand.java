package dev.latentstudio.cli;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.sliders.Directions;
import dev.latentstudio.engine.sliders.SliderEvaluation;
import dev.latentstudio.engine.sliders.Sliders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "evaluate-sliders", mixinStandardHelpOptions = true, description = {
        "Check every slider on fresh samples: moved −2 … +2 in five stops, its attribute must rise at every stop for ≥ 90 %%",
        "of samples, the classifier's class stay for ≥ 90 %%, and every other attribute move less than a third as much;",
        "a conditional model's class slider must give the asked class for ≥ 95 %% at every target. Exit 1 if any fails."})
final class EvaluateSlidersCommand implements Callable<Integer> {
    @Option(names = {"-g", "--generator"}, defaultValue = ModelStore.DEFAULT_GENERATOR, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
    String generator;
    @Option(names = "--samples", converter = Ranges.AtLeast10.class, defaultValue = "1000", description = "Fresh samples per slider (default: ${DEFAULT-VALUE}).")
    int samples;
    @Option(names = "--json", description = "Print the report as one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelStore.Entry e = ModelStore.find(generator);
        GeneratorModel g = GeneratorModel.load(e.dir().toString());
        String judge = Sliders.classifierFor(e.card());
        var classifier = judge == null ? null : DigitClassifier.load(judge);
        // the judge's own accuracy on each real class, beside the class slider's agreement
        double[] real = classifier == null || g.prior().classes() == 0 ? null
                : DigitClassifier.accuracyPerClass(classifier, dev.latentstudio.engine.data.Dataset.ofClassifier(judge).test(), g.prior().classes());
        SliderEvaluation.Report r = SliderEvaluation.run(g, Directions.read(e.dir()), Sliders.attributesFor(e.card()), classifier, real, samples);
        System.out.print(json ? new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(r) + "\n" : r.table());
        return r.allPass() ? 0 : 1;
    }
}
