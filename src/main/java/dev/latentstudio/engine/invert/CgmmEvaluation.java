package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cGMM's acceptance: fit on the training digits at the default layer, draw {@code samples} pictures
 * of each single class (seeds 0..samples−1) and count how many the first classifier, and a second
 * independently trained one, call that class. The second's share is the measure that matters: the
 * pictures were made against the first, so only another network's agreement shows they are digits.
 */
public final class CgmmEvaluation {

    /** Per class c and sample i: the first and the second classifier's labels; the layer modelled. */
    public record Figures(String layer, int[][] firstLabels, int[][] secondLabels, int steps) {
        public double firstShare() {
            return share(firstLabels);
        }

        public double secondShare() {
            return share(secondLabels);
        }

        /** The share of each class's samples that the classifier labels as that class. */
        public static double[] perClass(int[][] labels) {
            double[] out = new double[labels.length];
            for (int c = 0; c < labels.length; c++) {
                int ok = 0;
                for (int l : labels[c]) if (l == c) ok++;
                out[c] = ok / (double) labels[c].length;
            }
            return out;
        }

        private static double share(int[][] labels) {
            double s = 0;
            for (double v : perClass(labels)) s += v;
            return s / labels.length;
        }

        /** The figures under evaluate-inversion's key names. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cgmm_second_classifier_share", secondShare());
            m.put("cgmm_first_classifier_share", firstShare());
            m.put("cgmm_per_class", list(perClass(secondLabels)));
            m.put("cgmm_first_per_class", list(perClass(firstLabels)));
            m.put("cgmm_layer", layer);
            m.put("cgmm_samples", firstLabels[0].length);
            m.put("cgmm_steps", steps);
            return m;
        }

        private static List<Double> list(double[] a) {
            List<Double> out = new ArrayList<>();
            for (double v : a) out.add(v);
            return out;
        }
    }

    private CgmmEvaluation() {
    }

    /** Fits (default options), then one batched inversion of {@code samples} targets per class with {@code o}. */
    public static Figures run(LayerNetworks layers, String classifierName, MultiLayerNetwork classifier, MultiLayerNetwork second,
                              Digits train, int samples, FeatureInversion.Options o, JobControl control) {
        int layer = layers.index(CgmmVisualisation.DEFAULT_LAYER);
        Cgmm model = new CgmmFit(layers, layer, classifierName, train, CgmmFit.Options.DEFAULTS).run(control);
        float[] mean = ClassVisualisation.meanImage(train);
        int[][] first = new int[10][samples], other = new int[10][samples];
        for (int c = 0; c < 10; c++) {
            INDArray images = CgmmVisualisation.job(layers, model, new int[]{c}, samples, mean, o).run(control).image().castTo(DataType.FLOAT);
            INDArray a = classifier.output(images, false).argMax(1), b = second.output(images, false).argMax(1);
            for (int i = 0; i < samples; i++) {
                first[c][i] = a.getInt(i);
                other[c][i] = b.getInt(i);
            }
        }
        return new Figures(model.layer(), first, other, o.steps());
    }
}
