package dev.latentstudio.cli;

import com.google.gson.GsonBuilder;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.invert.InversionEvaluation;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "evaluate-inversion", mixinStandardHelpOptions = true, description = "Recompute the Inversion Lab's measured "
        + "acceptance (issue 5) and print one JSON object: class_prob_min and second_classifier_agree over the ten class "
        + "visualisations, ssim_first_layer and ssim_by_layer over K held-out digits, cgmm_second_classifier_share over "
        + "the cGMM's pictures of each class, with per-class detail.")
final class EvaluateInversionCommand implements Callable<Integer> {
    private static final InversionEvaluation.Settings D = InversionEvaluation.Settings.DEFAULTS;

    @Option(names = "--steps", converter = Ranges.Positive.class, paramLabel = "N", description = "Steps of every inversion (default: each kind's own, 200 for all three today).")
    Integer steps;
    @Option(names = "--cgmm-samples", converter = Ranges.Positive.class, paramLabel = "K", description = "cGMM pictures per class (default: ${DEFAULT-VALUE}).")
    int cgmmSamples = D.cgmmSamples();
    @Option(names = "--digits", converter = Ranges.Positive.class, paramLabel = "K", description = "Held-out digits the SSIM curve averages (default: ${DEFAULT-VALUE}).")
    int digits = D.digits();
    @Option(names = {"-c", "--classifier"}, defaultValue = ModelStore.DEFAULT_CLASSIFIER, description = "The classifier inverted (default: ${DEFAULT-VALUE}).")
    String classifier;
    @Option(names = "--second", defaultValue = ModelStore.SECOND_CLASSIFIER, description = "The independent classifier that labels "
            + "the class visualisations (default: ${DEFAULT-VALUE}).")
    String second;

    @Override
    public Integer call() throws Exception {
        if (classifier.equals(second)) throw new IllegalArgumentException("--second must name another classifier than -c");
        InversionEvaluation.Settings s = new InversionEvaluation.Settings(steps == null ? D.classSteps() : steps,
                steps == null ? D.featureSteps() : steps, digits, steps == null ? D.cgmmSteps() : steps, cgmmSamples);
        int[] done = {0};
        // progress on stderr, a count of finished inversions: stdout stays the one JSON object
        JobControl control = new JobControl().onProgress(p -> {
            if (p.step() == p.total()) System.err.println(++done[0] + " jobs done");
        });
        InversionEvaluation.Report r = ConsoleJob.run(control, c -> InversionEvaluation.run(classifier, DigitClassifier.load(classifier),
                DigitClassifier.load(second), MnistData.train(), MnistData.test(), s, c));
        var m = r.toMap();
        m.put("classifier", classifier);
        m.put("second_classifier", second);
        System.out.println(new GsonBuilder().create().toJson(m));
        return 0;
    }
}
