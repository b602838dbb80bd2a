package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 5's measured acceptance for the Inversion Lab, recomputed on given classifiers: the ten class
 * visualisations of {@code classifier} (their target probability, and whether a second, independently
 * trained classifier sees the same digit, i.e. the picture is not adversarial noise for one network only),
 * the feature-inversion SSIM curve over held-out digits ({@link FidelityCurve}), and the cGMM's pictures
 * of each class as the second classifier labels them ({@link CgmmEvaluation}).
 */
public final class InversionEvaluation {

    /**
     * Steps of each class visualisation and of each feature inversion; how many held-out digits the curve
     * averages; steps of each cGMM inversion and how many cGMM samples per class.
     */
    public record Settings(int classSteps, int featureSteps, int digits, int cgmmSteps, int cgmmSamples) {
        public static final Settings DEFAULTS = new Settings(ClassVisualisation.Options.DEFAULTS.steps(),
                FeatureInversion.Options.DEFAULTS.steps(), 20, CgmmVisualisation.DEFAULTS.steps(), 5);

        public Settings {
            if (classSteps < 1 || featureSteps < 1 || digits < 1 || cgmmSteps < 1 || cgmmSamples < 1) {
                throw new IllegalArgumentException("steps, digits and samples must be >= 1");
            }
        }
    }

    /** Per class c (0-9): the first classifier's p(c), the second's label and its p(c); the fidelity curve; the cGMM's figures. */
    public record Report(double[] classProb, int[] secondLabel, double[] secondProb, FidelityCurve.Curve fidelity,
                         CgmmEvaluation.Figures cgmm, Settings settings, double seconds) {
        public double classProbMin() {
            double m = 1;
            for (double p : classProb) m = Math.min(m, p);
            return m;
        }

        public int secondAgree() {
            int n = 0;
            for (int c = 0; c < secondLabel.length; c++) if (secondLabel[c] == c) n++;
            return n;
        }

        /** The figures under issue 5's key names, then the per-class detail and the settings. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class_prob_min", classProbMin());
            m.put("second_classifier_agree", secondAgree());
            m.put("ssim_first_layer", fidelity.firstLayer());
            m.put("ssim_by_layer", fidelity.byLayer());
            m.put("cgmm_second_classifier_share", cgmm.secondShare());
            m.put("class_prob", list(classProb));
            List<Integer> labels = new ArrayList<>();
            for (int l : secondLabel) labels.add(l);
            m.put("second_classifier_label", labels);
            m.put("second_classifier_prob", list(secondProb));
            // the baseline beside the cGMM's: the class visualisations' share the second classifier agrees with
            m.put("class_vis_second_classifier_share", secondAgree() / (double) secondLabel.length);
            m.putAll(cgmm.toMap());
            m.put("class_steps", settings.classSteps());
            m.put("feature_steps", settings.featureSteps());
            m.put("digits", fidelity.digits());
            m.put("seconds", Math.round(seconds * 10) / 10.0);
            return m;
        }

        private static List<Double> list(double[] a) {
            List<Double> out = new ArrayList<>();
            for (double v : a) out.add(v);
            return out;
        }
    }

    private InversionEvaluation() {
    }

    /**
     * Runs every measurement with the project's default inversion options (only the step counts change).
     * {@code train} gives the mean start image and the cGMM's fit, {@code heldOut} the digits the curve
     * reconstructs; {@code classifierName} is recorded in the cGMM.
     */
    public static Report run(String classifierName, MultiLayerNetwork classifier, MultiLayerNetwork second, Digits train,
                             Digits heldOut, Settings s, JobControl control) {
        long t0 = System.nanoTime();
        float[] mean = ClassVisualisation.meanImage(train);
        MultiLayerNetwork logits = InputGradient.logitsNetwork(classifier);
        ClassVisualisation.Options co = ClassVisualisation.Options.DEFAULTS.withSteps(s.classSteps());
        double[] prob = new double[10], secondProb = new double[10];
        int[] secondLabel = new int[10];
        for (int c = 0; c < 10; c++) {
            INDArray image = ClassVisualisation.job(logits, mean, c, co).run(control).image().castTo(DataType.FLOAT);
            prob[c] = classifier.output(image, false).getDouble(0, c);
            INDArray p2 = second.output(image, false);
            secondLabel[c] = p2.argMax(1).getInt(0);
            secondProb[c] = p2.getDouble(0, c);
        }
        FeatureInversion.Options fo = FeatureInversion.Options.DEFAULTS.withSteps(s.featureSteps());
        LayerNetworks layers = new LayerNetworks(classifier);
        FidelityCurve.Curve curve = FidelityCurve.measure(layers, heldOut, s.digits(), mean, fo, control);
        CgmmEvaluation.Figures cgmm = CgmmEvaluation.run(layers, classifierName, classifier, second, train, s.cgmmSamples(),
                CgmmVisualisation.DEFAULTS.withSteps(s.cgmmSteps()), control);
        return new Report(prob, secondLabel, secondProb, curve, cgmm, s, (System.nanoTime() - t0) / 1e9);
    }
}
