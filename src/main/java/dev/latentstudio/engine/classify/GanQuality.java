package dev.latentstudio.engine.classify;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.gan.Noise;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    /** Pictures per class whose mean pairwise feature distance is the within-class diversity (its cost is quadratic). */
    static final int DIVERSITY_PER_CLASS = 400;

    /**
     * Measures the generator in a model folder with a classifier (a name or folder) against the held-out
     * images of the classifier's data set, and writes the figures, with the classifier's name, into the folder's model.json; returns them.
     */
    public static Map<String, Object> record(java.nio.file.Path generatorDir, String classifier) throws java.io.IOException {
        GeneratorModel g = GeneratorModel.load(generatorDir.toString());
        Map<String, Object> q = measure(g, DigitClassifier.load(classifier), SAMPLES, SEED, dev.latentstudio.engine.data.Dataset.ofClassifier(classifier).test());
        q.put("classifier", classifier);
        g.card().withQuality(q).write(generatorDir);
        return q;
    }

    /**
     * What every front does after training on a bundled data set: measure the generator with that data
     * set's classifier and record the figures in its model.json. Empty when nothing can judge it: a
     * folder's pictures ({@code trainedOn} null) or a classifier that is not installed. {@code saying}
     * hears what is measured before it starts (it takes a while).
     */
    public static Optional<Map<String, Object>> recordAfterTraining(java.nio.file.Path generatorDir, Dataset trainedOn,
                                                                    Consumer<String> saying) throws java.io.IOException {
        if (trainedOn == null) return Optional.empty();
        String judge = ModelStore.classifierFor(trainedOn);
        if (!ModelStore.has(ModelCard.CLASSIFIER, judge)) return Optional.empty();
        saying.accept("measuring quality with " + judge);
        return Optional.of(record(generatorDir, judge));
    }

    /** The class figures alone (no held-out data: no Fréchet distance or diversity ratios). */
    public static Map<String, Object> measure(GeneratorModel g, MultiLayerNetwork classifier, int samples, long seed) {
        return measure(g, classifier, samples, seed, null);
    }

    /**
     * Draws {@code samples} pictures (a conditional generator: classes in turn, so evenly) and judges
     * them with the classifier: the Inception-style score, confident share and class histogram; for
     * a conditional generator the class agreement (asked = classified), overall and per class. With held-out real images
     * also the Fréchet distance of the classifier's penultimate features to theirs, the mean pairwise
     * feature distance within each class (asked class, or the classified one for an unconditional
     * generator) against the real images', and the same class figures of the real images: the ceiling (their class
     * agreement is the classifier's accuracy on them, per class too).
     */
    public static Map<String, Object> measure(GeneratorModel g, MultiLayerNetwork classifier, int samples, long seed, Digits heldOut) {
        var card = g.card();
        if (card.channels() != 1 || card.width() != 28 || card.height() != 28) {
            throw new IllegalArgumentException("the classifiers judge 1×28×28 pictures; " + card.name() + " makes "
                    + card.channels() + "×" + card.height() + "×" + card.width() + " pictures, so its quality cannot be measured this way");
        }
        int k = g.prior().classes();
        int[] asked = new int[samples];
        double[][] p = new double[samples][], feats = new double[samples][];
        int chunk = 500;
        for (int i = 0; i < samples; i += chunk) {
            int n = Math.min(chunk, samples - i);
            int[] cls = new int[n];
            for (int j = 0; j < n; j++) cls[j] = asked[i + j] = k == 0 ? -1 : (i + j) % k;
            INDArray z = Noise.z(seed, i, n, g.prior().zDim()), in = Noise.input(z, cls, k), x = g.generate(in);
            judge(classifier, x, p, feats, i);
            Buffers.close(z, in, x);
        }
        Map<String, Object> out = fromProbabilities(p, marginal(p));
        int[] predicted = argmax(p);
        if (k > 0) {
            int agree = 0;
            for (int i = 0; i < samples; i++) if (predicted[i] == asked[i]) agree++;
            out.put("class_agreement", agree / (double) samples);
            out.put("class_agreement_per_class", agreementPerClass(asked, predicted, k));
        }
        int[] hist = (int[]) out.get("class_histogram");
        int least = Integer.MAX_VALUE;
        for (int h : hist) least = Math.min(least, h);
        out.put("min_class_share", least / (double) samples);
        if (heldOut == null) return out;

        int m = heldOut.size();
        double[][] rp = new double[m][], rf = new double[m][];
        for (int i = 0; i < m; i += chunk) {
            INDArray x = heldOut.batch(i, Math.min(m, i + chunk));
            judge(classifier, x, rp, rf, i);
            Buffers.close(x);
        }
        Map<String, Object> real = fromProbabilities(rp, marginal(rp));
        real.remove("class_histogram");
        double[] realDiv = diversity(rf, heldOut.labels(), hist.length);
        double[] genDiv = diversity(feats, k > 0 ? asked : predicted, hist.length);
        double[] ratio = new double[hist.length];
        double minRatio = Double.POSITIVE_INFINITY;
        for (int c = 0; c < ratio.length; c++) {
            ratio[c] = genDiv[c] / realDiv[c];
            minRatio = Math.min(minRatio, Double.isNaN(ratio[c]) ? 0 : ratio[c]);
        }
        out.put("fid", FeatureStats.frechet(feats, rf));
        out.put("within_class_diversity", genDiv);
        out.put("diversity_ratio", ratio);
        out.put("min_diversity_ratio", minRatio);
        out.put("score_ratio", (double) out.get("inception_score") / (double) real.get("inception_score"));
        out.put("confident_ratio", (double) out.get("confident_share") / (double) real.get("confident_share"));
        double[][] first = java.util.Arrays.copyOfRange(rf, 0, m / 2), second = java.util.Arrays.copyOfRange(rf, m / 2, m);
        real.put("fid_between_halves", FeatureStats.frechet(first, second));
        real.put("within_class_diversity", realDiv);
        // the classifier's own accuracy on each real class: the most a generator's agreement can be expected to reach
        int[] realPredicted = argmax(rp);
        int realAgree = 0;
        for (int i = 0; i < m; i++) if (realPredicted[i] == heldOut.labels()[i]) realAgree++;
        real.put("class_agreement", realAgree / (double) m);
        real.put("class_agreement_per_class", agreementPerClass(heldOut.labels(), realPredicted, hist.length));
        out.put("real", real);
        return out;
    }

    /** Class probabilities and penultimate-layer features of a batch, stored from row {@code at}. */
    private static void judge(MultiLayerNetwork classifier, INDArray x, double[][] p, double[][] feats, int at) {
        java.util.List<INDArray> acts = classifier.feedForward(x, false);
        double[][] probs = acts.get(acts.size() - 1).toDoubleMatrix();
        INDArray f = acts.get(acts.size() - 2);
        double[][] fm = f.reshape(f.size(0), -1).toDoubleMatrix();
        for (int j = 0; j < probs.length; j++) {
            p[at + j] = probs[j];
            feats[at + j] = fm[j];
        }
        Buffers.free(Buffers.ofForwardPass(classifier, acts, x)); // ~150 MB a chunk of 500, freed now, not at a collection
    }

    /** For each class c, the share of pictures of class c that were classified as c (NaN where there are none). */
    public static double[] agreementPerClass(int[] truth, int[] predicted, int classes) {
        double[] hit = new double[classes], all = new double[classes];
        for (int i = 0; i < truth.length; i++) {
            all[truth[i]]++;
            if (predicted[i] == truth[i]) hit[truth[i]]++;
        }
        for (int c = 0; c < classes; c++) hit[c] = all[c] == 0 ? Double.NaN : hit[c] / all[c];
        return hit;
    }

    private static double[] marginal(double[][] p) {
        double[] py = new double[p[0].length];
        for (double[] row : p) for (int c = 0; c < py.length; c++) py[c] += row[c] / p.length;
        return py;
    }

    private static int[] argmax(double[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 1; c < p[i].length; c++) if (p[i][c] > p[i][out[i]]) out[i] = c;
        }
        return out;
    }

    /** Mean pairwise feature distance among the first {@link #DIVERSITY_PER_CLASS} pictures of each class. */
    private static double[] diversity(double[][] feats, int[] cls, int classes) {
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            for (int i = 0; i < feats.length && rows.size() < DIVERSITY_PER_CLASS; i++) if (cls[i] == c) rows.add(feats[i]);
            out[c] = FeatureStats.meanPairwiseDistance(rows.toArray(new double[0][]));
        }
        return out;
    }

    static Map<String, Object> fromProbabilities(double[][] p, double[] py) {
        double kl = 0;
        int confident = 0;
        int[] hist = new int[py.length];
        for (double[] row : p) {
            int arg = 0;
            for (int c = 0; c < row.length; c++) {
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
