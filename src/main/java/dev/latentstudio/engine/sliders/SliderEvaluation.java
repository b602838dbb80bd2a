package dev.latentstudio.engine.sliders;

import dev.latentstudio.engine.gan.Generator;
import dev.latentstudio.engine.gan.Noise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does each slider do what it says? On fresh samples (a seed the fit never used), each slider moves
 * every sample from −2 to +2 in five stops; we measure every attribute and the classifier's class at
 * each stop. A slider passes when its attribute (for a discovered one: the attribute it is labelled
 * with, the way its label says) moves the asked way at every stop for ≥ 90 % of samples, the class stays for ≥ 90 %, and every other
 * attribute moves less than a third as much (in standard deviations). The class slider of a
 * conditional model is measured by class agreement at each target class.
 */
public final class SliderEvaluation {
    public static final double[] STOPS = {-2, -1, 0, 1, 2};
    public static final double MONOTONIC = 0.9, CLASS_KEPT = 0.9, CROSS_TALK = 1 / 3.0, CLASS_AGREEMENT = 0.95;
    /** A seed apart from the fit's, so the figures are on samples the directions were not fitted to. */
    public static final long SEED = 777;

    /**
     * @param change attribute → mean change from −2 to +2, in standard deviations of that attribute over the samples
     */
    public record Row(String slider, String kind, String attribute, double monotonic, double classKept,
                      Map<String, Double> change, double crossTalk, boolean pass) {
    }

    /**
     * Class agreement when every sample's z is drawn as class {@code target}, beside the classifier's accuracy on
     * real held-out pictures of that class (NaN when not measured): what the judge itself gets right.
     */
    public record ClassRow(String target, double agreement, double realAgreement, boolean pass) {
    }

    public record Report(String model, int samples, List<Row> rows, List<ClassRow> classes) {
        public boolean allPass() {
            return rows.stream().allMatch(Row::pass) && classes.stream().allMatch(ClassRow::pass);
        }

        /** Rows sliders, columns attributes (change in σ from −2 to +2), then monotonic share, class kept, verdict. */
        public String table() {
            StringBuilder s = new StringBuilder();
            List<String> attrs = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).change().keySet());
            s.append(String.format(Locale.ROOT, "%-22s", "slider (" + samples + " samples)"));
            for (String a : attrs) s.append(String.format(Locale.ROOT, " %10s", a));
            s.append(String.format(Locale.ROOT, " %10s %10s %10s  %s%n", "monotonic", "class kept", "cross-talk", "verdict"));
            for (Row r : rows) {
                s.append(String.format(Locale.ROOT, "%-22s", r.slider()));
                for (String a : attrs) s.append(String.format(Locale.ROOT, " %+10.2f", r.change().get(a)));
                s.append(String.format(Locale.ROOT, " %9.1f%% %9.1f%% %10.2f  %s%n", 100 * r.monotonic(), 100 * r.classKept(), r.crossTalk(),
                        r.pass() ? "pass" : "FAIL"));
            }
            for (ClassRow c : classes) {
                s.append(String.format(Locale.ROOT, "class → %-14s agreement %5.1f%%  %s%s%n", c.target(), 100 * c.agreement(), c.pass() ? "pass" : "FAIL",
                        Double.isNaN(c.realAgreement()) ? "" : String.format(Locale.ROOT, "  (real ones called so: %.1f%%)", 100 * c.realAgreement())));
            }
            return s.toString();
        }
    }

    private SliderEvaluation() {
    }

    public static Report run(Generator g, Directions dirs, List<Attribute> attributes, MultiLayerNetwork classifier, int samples) {
        return run(g, dirs, attributes, classifier, null, samples);
    }

    /** @param realPerClass the classifier's accuracy on each class's real held-out pictures (null: not shown) */
    public static Report run(Generator g, Directions dirs, List<Attribute> attributes, MultiLayerNetwork classifier,
                             double[] realPerClass, int samples) {
        int zDim = g.prior().zDim(), k = g.prior().classes(), m = attributes.size();
        INDArray z = Noise.z(SEED, 0, samples, zDim);
        int[] cls = new int[samples];
        for (int i = 0; i < samples; i++) cls[i] = k == 0 ? 0 : i % k;
        List<Row> rows = new ArrayList<>();
        for (Directions.Direction d : dirs.directions()) {
            double[][][] v = new double[STOPS.length][][];
            int[][] label = new int[STOPS.length][];
            // each sample moves the way of its own class (one way for all where the direction has no class vectors)
            float[][] ways = new float[samples][];
            for (int i = 0; i < samples; i++) {
                float[] w = new float[k];
                if (k > 0) w[cls[i]] = 1;
                ways[i] = d.vectorFor(k == 0 ? null : w);
            }
            INDArray dir = Nd4j.create(ways).castTo(z.dataType());
            for (int s = 0; s < STOPS.length; s++) {
                INDArray x = generate(g, z.add(dir.mul(STOPS[s])), cls, k);
                v[s] = Attribute.measureAll(x, attributes);
                label[s] = classifier == null ? null : argmax(classifier, x);
            }
            // an attribute slider asks for more of its attribute; a discovered one for what its label says (+ or −)
            String own = Directions.ATTRIBUTE.equals(d.kind()) ? d.name() : mostChanged(d);
            int ai = indexOf(attributes, own);
            double sign = Directions.ATTRIBUTE.equals(d.kind()) || d.changes().getOrDefault(own, 0.0) >= 0 ? 1 : -1;
            int up = 0, kept = 0;
            for (int i = 0; i < samples; i++) {
                boolean mono = ai >= 0 && sign * (v[STOPS.length - 1][i][ai] - v[0][i][ai]) > 0;
                for (int s = 1; s < STOPS.length && mono; s++) mono = sign * (v[s][i][ai] - v[s - 1][i][ai]) >= 0;
                if (mono) up++;
                boolean same = true;
                for (int s = 0; s < STOPS.length && same && classifier != null; s++) same = label[s][i] == label[2][i];
                if (same) kept++;
            }
            Map<String, Double> change = new LinkedHashMap<>();
            for (int a = 0; a < m; a++) {
                double sd = DirectionFit.std(v[2], a), sum = 0;
                for (int i = 0; i < samples; i++) sum += v[STOPS.length - 1][i][a] - v[0][i][a];
                change.put(attributes.get(a).label, sd == 0 ? 0 : sum / samples / sd);
            }
            double ownChange = ai < 0 ? 0 : Math.abs(change.get(own)), worst = 0;
            for (var e : change.entrySet()) if (!e.getKey().equals(own)) worst = Math.max(worst, Math.abs(e.getValue()));
            double cross = ownChange == 0 ? Double.POSITIVE_INFINITY : worst / ownChange;
            double mono = up / (double) samples, keep = classifier == null ? Double.NaN : kept / (double) samples;
            boolean pass = mono >= MONOTONIC && (classifier == null || keep >= CLASS_KEPT) && cross < CROSS_TALK;
            rows.add(new Row(d.label(), d.kind(), own, mono, keep, change, cross, pass));
        }
        List<ClassRow> classRows = new ArrayList<>();
        if (k > 0 && classifier != null) {
            for (int c = 0; c < k; c++) {
                int[] all = new int[samples];
                Arrays.fill(all, c);
                int[] got = argmax(classifier, generate(g, z, all, k));
                int agree = 0;
                for (int v : got) if (v == c) agree++;
                double share = agree / (double) samples;
                classRows.add(new ClassRow(g.classNames().get(c), share, realPerClass == null ? Double.NaN : realPerClass[c], share >= CLASS_AGREEMENT));
            }
        }
        return new Report(g.name(), samples, rows, classRows);
    }

    private static String mostChanged(Directions.Direction d) {
        String best = null;
        for (var e : d.changes().entrySet()) if (best == null || Math.abs(e.getValue()) > Math.abs(d.changes().get(best))) best = e.getKey();
        return best;
    }

    private static int indexOf(List<Attribute> attributes, String label) {
        for (int a = 0; a < attributes.size(); a++) if (attributes.get(a).label.equals(label)) return a;
        return -1;
    }

    private static INDArray generate(Generator g, INDArray z, int[] cls, int k) {
        int n = (int) z.size(0), chunk = 500;
        List<INDArray> parts = new ArrayList<>();
        for (int i = 0; i < n; i += chunk) {
            int j = Math.min(n, i + chunk);
            parts.add(g.generate(Noise.input(z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, j), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                    Arrays.copyOfRange(cls, i, j), k)));
        }
        return Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    private static int[] argmax(MultiLayerNetwork classifier, INDArray x) {
        INDArray p = dev.latentstudio.engine.classify.DigitClassifier.probabilities(classifier, x).argMax(1);
        int[] out = new int[(int) x.size(0)];
        for (int i = 0; i < out.length; i++) out[i] = p.getInt(i);
        return out;
    }
}
