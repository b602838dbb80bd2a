package dev.latentstudio.engine.classify;

import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.gan.Noise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures a digit generator with the project's classifier: an Inception-score-style figure
 * exp E_x[KL(p(y|x) ‖ p(y))] (10 = every sample confidently one digit, all digits equally often)
 * and the share of samples the classifier labels with confidence ≥ 0.9.
 */
public final class GanQuality {
    private GanQuality() {
    }

    /** Samples and seed of the figures recorded in model cards, so every recorded figure is comparable. */
    public static final int SAMPLES = 10_000;
    public static final long SEED = 12345;

    /**
     * Measures the digit generator in a model folder with a classifier (a name or folder) and writes the
     * figures, with the classifier's name, into the folder's model.json; returns them.
     */
    public static Map<String, Object> record(java.nio.file.Path generatorDir, String classifier) throws java.io.IOException {
        GeneratorModel g = GeneratorModel.load(generatorDir.toString());
        Map<String, Object> q = measure(g, DigitClassifier.load(classifier), SAMPLES, SEED);
        q.put("classifier", classifier);
        g.card().withQuality(q).write(generatorDir);
        return q;
    }

    public static Map<String, Object> measure(GeneratorModel g, MultiLayerNetwork classifier, int samples, long seed) {
        var card = g.card();
        if (card.channels() != 1 || card.width() != 28 || card.height() != 28) {
            throw new IllegalArgumentException("the digit classifier judges 1×28×28 digits; " + card.name() + " makes "
                    + card.channels() + "×" + card.height() + "×" + card.width() + " pictures, so its quality cannot be measured this way");
        }
        double[] py = new double[10];
        double[][] p = new double[samples][];
        int chunk = 500;
        for (int i = 0; i < samples; i += chunk) {
            int n = Math.min(chunk, samples - i);
            INDArray probs = classifier.output(g.generate(Noise.z(seed, i, n, g.latentDim())), false);
            double[][] rows = probs.toDoubleMatrix();
            for (int k = 0; k < n; k++) {
                p[i + k] = rows[k];
                for (int c = 0; c < 10; c++) py[c] += rows[k][c] / samples;
            }
        }
        return fromProbabilities(p, py);
    }

    static Map<String, Object> fromProbabilities(double[][] p, double[] py) {
        double kl = 0;
        int confident = 0;
        int[] hist = new int[10];
        for (double[] row : p) {
            int arg = 0;
            for (int c = 0; c < 10; c++) {
                if (row[c] > 1e-12) kl += row[c] * (Math.log(row[c]) - Math.log(Math.max(py[c], 1e-12)));
                if (row[c] > row[arg]) arg = c;
            }
            hist[arg]++;
            if (row[arg] >= 0.9) confident++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inception_score", Math.exp(kl / p.length));
        out.put("confident_share", confident / (double) p.length);
        out.put("samples", p.length);
        out.put("class_histogram", hist);
        return out;
    }
}
