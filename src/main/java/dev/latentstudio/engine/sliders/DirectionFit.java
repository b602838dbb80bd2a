package dev.latentstudio.engine.sliders;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.gan.Generator;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.gan.Noise;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fits a generator's slider directions as a {@link Job}.
 * <p>
 * Attributes, as InterFaceGAN does (Shen et al. 2020): draw latents, measure the attribute on each
 * picture, fit a linear boundary (logistic regression) between the top and the bottom 30 % in z
 * space and take its unit normal. Each normal then has the other attributes' normals projected out
 * (and, for an unconditional model judged by a classifier, the class boundaries'), so one slider
 * moves one thing; an attribute whose normal is nearly parallel to this one's (|cos| &gt; 0.9) is the
 * same factor of the generator, is not projected out, and is named in the label. A conditional model's class is an input apart from z, so there is no class to
 * project out of z; instead each attribute is also fitted on each class's samples alone (the same
 * projections within the class), and the slider moves a sample the way of its own class.
 * <p>
 * Discovered directions, as GANSpace does (Härkönen et al. 2020): principal components of G's first
 * hidden layer over the same samples, mapped back to z by regressing z on the components' coordinates;
 * each is labelled with the measured attribute it changes most.
 */
public final class DirectionFit implements Job<Directions> {
    public record Options(int samples, long seed, int discovered) {
        public static final Options DEFAULTS = new Options(10_000, 1, 10);

        public Options {
            if (samples < 100) throw new IllegalArgumentException("fit directions on at least 100 samples, not " + samples);
            if (discovered < 0 || discovered > 32) throw new IllegalArgumentException("0..32 discovered directions, not " + discovered);
        }
    }

    static final double TAIL = 0.3, RIDGE = 1e-3;
    /** |cos| between two attributes' boundary normals above which the generator does not tell them apart. */
    static final double ENTANGLED = 0.9;
    private static final int CHUNK = 500, SUBSPACE_ROUNDS = 8, LABEL_SAMPLES = 200;
    private final Generator g;
    private final List<Attribute> attributes;
    private final MultiLayerNetwork classifier;
    private final Options opt;

    /**
     * @param classifier judges the class of an unconditional model's samples so class boundaries can be
     *                   projected out of the attribute directions; null to skip that
     */
    public DirectionFit(Generator g, List<Attribute> attributes, MultiLayerNetwork classifier, Options opt) {
        this.g = g;
        this.attributes = List.copyOf(attributes);
        this.classifier = classifier;
        this.opt = opt;
    }

    /**
     * The fit of a generator in a model folder, as the studio and the CLI run it: the attributes of its
     * kind of picture, its classifier's class boundaries projected out where it is unconditional and
     * the classifier is installed; the directions are written beside the model.
     */
    public static Job<Directions> forModel(GeneratorModel g, Path dir, Options opt) {
        return new Job<>() {
            @Override
            public String name() {
                return "Fit slider directions for " + g.name();
            }

            @Override
            public Directions run(JobControl control) throws Exception {
                String judge = Sliders.classifierFor(g.card());
                MultiLayerNetwork classifier = judge != null && g.prior().classes() == 0 && ModelStore.has(ModelCard.CLASSIFIER, judge)
                        ? DigitClassifier.load(judge) : null;
                Directions d = new DirectionFit(g, Sliders.attributesFor(g.card()), classifier, opt).run(control);
                d.write(dir);
                return d;
            }
        };
    }

    @Override
    public String name() {
        return "Fit slider directions for " + g.name();
    }

    @Override
    public Directions run(JobControl control) throws Exception {
        long t0 = System.nanoTime();
        int n = opt.samples(), zDim = g.prior().zDim(), k = g.prior().classes(), m = attributes.size();
        double[][] z = new double[n][], attr = new double[n][m];
        int[] predicted = classifier != null && k == 0 ? new int[n] : null;
        INDArray hidden = null;
        for (int i = 0; i < n; i += CHUNK) {
            control.checkpoint();
            int b = Math.min(CHUNK, n - i);
            INDArray zs = Noise.z(opt.seed(), i, b, zDim);
            int[] cls = new int[b];
            for (int j = 0; j < b; j++) cls[j] = k == 0 ? 0 : (i + j) % k;
            INDArray in = Noise.input(zs, cls, k);
            INDArray x = g.generate(in);
            measure(x, attr, i);
            if (predicted != null) {
                INDArray arg = classifier.output(x, false).argMax(1);
                for (int j = 0; j < b; j++) predicted[i + j] = arg.getInt(j);
            }
            if (opt.discovered() > 0) {
                INDArray h = g.firstHidden(in);
                if (hidden == null) hidden = Nd4j.create(h.dataType(), n, h.length() / b);
                hidden.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + b), org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .assign(h.reshape(b, -1));
            }
            double[][] zr = zs.toDoubleMatrix();
            System.arraycopy(zr, 0, z, i, b);
            control.report(new Progress(i + b, 2L * n, Map.of(), null, "sampled " + (i + b) + " of " + n));
        }
        double[] std = new double[m];
        for (int a = 0; a < m; a++) std[a] = std(attr, a);

        // one boundary per attribute (and per class of an unconditional model), then each attribute's
        // normal made orthogonal to all the others
        int[] sampleClass = new int[n];
        for (int i = 0; i < n; i++) sampleClass[i] = k == 0 ? 0 : i % k;
        List<double[]> normals = new ArrayList<>();
        for (int a = 0; a < m; a++) normals.add(boundary(z, withinClass(column(attr, a), sampleClass)));
        List<double[]> classNormals = new ArrayList<>();
        if (predicted != null) {
            for (int c = 0; c < 10; c++) {
                boolean[] y = new boolean[n];
                int count = 0;
                for (int i = 0; i < n; i++) if (y[i] = predicted[i] == c) count++;
                if (count >= n / 100) classNormals.add(unit(Arrays.copyOf(LogisticRegression.fit(z, y, RIDGE), zDim)));
            }
        }
        // a conditional model: the same per class, on that class's samples alone
        double[][][] classwise = k == 0 ? null : new double[k][m][];
        for (int c = 0; c < k; c++) {
            control.checkpoint();
            int count = 0;
            for (int cl : sampleClass) if (cl == c) count++;
            double[][] zc = new double[count][];
            double[][] ac = new double[count][];
            for (int i = 0, j = 0; i < n; i++) if (sampleClass[i] == c) { zc[j] = z[i]; ac[j++] = attr[i]; }
            for (int a = 0; a < m; a++) classwise[c][a] = boundary(zc, column(ac, a));
        }
        control.checkpoint();
        List<Directions.Direction> out = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            List<double[]> others = new ArrayList<>(classNormals);
            List<Integer> apart = new ArrayList<>();
            List<String> entangled = new ArrayList<>();
            for (int b = 0; b < m; b++) {
                if (b == a) continue;
                // a boundary nearly parallel to this one is the same factor of the generator under another
                // name: projecting it out would leave nothing to move, so it stays (and the label says so)
                // (decided on the pooled normals: a class's own, fitted on a tenth of the samples, are noisier,
                // and noise alone makes two normals look less parallel)
                if (Math.abs(dot(normals.get(a), normals.get(b))) > ENTANGLED) entangled.add(attributes.get(b).label);
                else {
                    others.add(normals.get(b));
                    apart.add(b);
                }
            }
            double[] dir = unit(projectOut(normals.get(a), others));
            double[][] perClass = null;
            if (classwise != null) {
                perClass = new double[k][];
                for (int c = 0; c < k; c++) {
                    List<double[]> o = new ArrayList<>();
                    for (int b : apart) o.add(classwise[c][b]);
                    perClass[c] = unit(projectOut(classwise[c][a], o));
                }
            }
            double[][] pc = perClass;
            String name = attributes.get(a).label;
            String label = entangled.isEmpty() ? name : name + " (with " + String.join(", ", entangled) + ")";
            out.add(new Directions.Direction(name, Directions.ATTRIBUTE, label, toFloat(dir), changes(c -> pc == null ? dir : pc[c], std),
                    pc == null ? null : java.util.Arrays.stream(pc).map(DirectionFit::toFloat).toArray(float[][]::new)));
        }
        control.report(new Progress(3L * n / 2, 2L * n, Map.of(), null, "fitted " + m + " attribute directions"));
        if (opt.discovered() > 0) {
            List<double[]> pcs = discovered(hidden, z, opt.discovered(), control);
            for (int p = 0; p < pcs.size(); p++) {
                double[] pcv = pcs.get(p);
                Map<String, Double> ch = changes(c -> pcv, std);
                String most = null;
                for (var e : ch.entrySet()) if (most == null || Math.abs(e.getValue()) > Math.abs(ch.get(most))) most = e.getKey();
                String label = "pc" + (p + 1) + (most == null ? "" : " · " + most + (ch.get(most) >= 0 ? " +" : " −"));
                out.add(new Directions.Direction("pc" + (p + 1), Directions.DISCOVERED, label, toFloat(pcs.get(p)), ch));
            }
        }
        control.report(new Progress(2L * n, 2L * n, Map.of(), null, "done"));
        return new Directions(g.name(), zDim, k, n, opt.seed(), (System.nanoTime() - t0) / 1e9, out);
    }

    /** Unit normal of the logistic boundary between the top and the bottom {@link #TAIL} of an attribute. */
    static double[] boundary(double[][] z, double[] values) {
        int n = values.length, tail = (int) Math.round(TAIL * n);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
        double[][] x = new double[2 * tail][];
        boolean[] y = new boolean[2 * tail];
        for (int i = 0; i < tail; i++) {
            x[i] = z[order[i]];
            x[tail + i] = z[order[n - 1 - i]];
            y[tail + i] = true;
        }
        return unit(Arrays.copyOf(LogisticRegression.fit(x, y, RIDGE), z[0].length));
    }

    /**
     * Each value in standard deviations from its class's mean. A conditional model's z does not choose
     * the class, so the spread between classes (a 1 is narrower than a 0) is noise to a boundary in z:
     * the tails are taken among pictures extreme for their class. One class (an unconditional model):
     * the order is the plain one.
     */
    static double[] withinClass(double[] values, int[] classes) {
        int k = Arrays.stream(classes).max().orElse(0) + 1;
        double[] sum = new double[k], sum2 = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < values.length; i++) {
            sum[classes[i]] += values[i];
            sum2[classes[i]] += values[i] * values[i];
            count[classes[i]]++;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = classes[i];
            double mean = sum[c] / count[c], sd = Math.sqrt(Math.max(0, sum2[c] / count[c] - mean * mean));
            out[i] = sd == 0 ? 0 : (values[i] - mean) / sd;
        }
        return out;
    }

    /** v less its projection onto the span of {@code others} (Gram–Schmidt on them first). */
    static double[] projectOut(double[] v, List<double[]> others) {
        List<double[]> basis = new ArrayList<>();
        for (double[] o : others) {
            double[] u = o.clone();
            for (double[] b : basis) axpy(-dot(u, b), b, u);
            double len = Math.sqrt(dot(u, u));
            if (len > 1e-6) basis.add(scale(u, 1 / len));
        }
        double[] out = v.clone();
        for (double[] b : basis) axpy(-dot(out, b), b, out);
        return out;
    }

    /**
     * GANSpace: the top principal components of the first hidden layer (subspace iteration on the
     * centred activations), then z regressed on their coordinates; the regression's rows are the
     * directions, as unit vectors pointing where the component grows.
     */
    private static List<double[]> discovered(INDArray hidden, double[][] z, int count, JobControl control) {
        INDArray x = hidden.subRowVector(hidden.mean(0));
        int h = (int) x.size(1), q = Math.min(h, count + 6);
        Random rnd = new Random(5);
        double[][] start = new double[h][q];
        for (double[] row : start) for (int c = 0; c < q; c++) row[c] = rnd.nextGaussian();
        INDArray basis = Nd4j.create(start).castTo(x.dataType());
        for (int r = 0; r < SUBSPACE_ROUNDS; r++) {
            control.checkpoint();
            basis = orthonormalColumns(x.transpose().mmul(x.mmul(basis)));
        }
        // Rayleigh–Ritz: rotate the subspace to its principal axes
        INDArray b = x.mmul(basis);
        double[][] small = b.transpose().mmul(b).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        var eig = dev.latentstudio.engine.classify.FeatureStats.eigen(small);
        Integer[] order = new Integer[q];
        for (int i = 0; i < q; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(eig.values()[j], eig.values()[i]));
        double[][] rot = new double[q][count];
        for (int i = 0; i < q; i++) for (int c = 0; c < count; c++) rot[i][c] = eig.vectors()[i][order[c]];
        INDArray coords = b.mmul(Nd4j.create(rot).castTo(b.dataType()));     // n × count
        INDArray zs = Nd4j.create(z).castTo(coords.dataType());
        // least squares z ≈ C U: U = (CᵀC)⁻¹ Cᵀ z, one row per component
        double[][] ctc = coords.transpose().mmul(coords).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] ctz = coords.transpose().mmul(zs).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        int zDim = z[0].length;
        double[][] u = new double[count][zDim];
        for (int d = 0; d < zDim; d++) {
            double[] rhs = new double[count];
            for (int c = 0; c < count; c++) rhs[c] = ctz[c][d];
            double[] sol = LogisticRegression.solve(ctc, rhs);
            for (int c = 0; c < count; c++) u[c][d] = sol[c];
        }
        List<double[]> out = new ArrayList<>();
        for (double[] row : u) out.add(unit(row));
        return out;
    }

    private static INDArray orthonormalColumns(INDArray a) {
        double[][] m = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).transpose().toDoubleMatrix(); // columns as rows
        List<double[]> basis = new ArrayList<>();
        for (double[] col : m) {
            double[] u = col.clone();
            for (int pass = 0; pass < 2; pass++) for (double[] b : basis) axpy(-dot(u, b), b, u);
            double len = Math.sqrt(dot(u, u));
            basis.add(len > 1e-12 ? scale(u, 1 / len) : new double[u.length]);
        }
        return Nd4j.create(basis.toArray(new double[0][])).transpose().castTo(a.dataType()).dup('c');
    }

    /**
     * Per attribute: its mean change over a few samples moved from −1 to +1 along the direction for each
     * sample's class, halved, in its standard deviations.
     */
    private Map<String, Double> changes(java.util.function.IntFunction<double[]> dirOfClass, double[] std) {
        int zDim = g.prior().zDim(), k = g.prior().classes(), m = attributes.size();
        INDArray zs = Noise.z(opt.seed() + 1, -7, LABEL_SAMPLES, zDim);
        int[] cls = new int[LABEL_SAMPLES];
        double[][] rows = new double[LABEL_SAMPLES][];
        for (int j = 0; j < cls.length; j++) rows[j] = dirOfClass.apply(cls[j] = k == 0 ? 0 : j % k);
        INDArray d = Nd4j.create(rows).castTo(zs.dataType());
        double[][] lo = new double[LABEL_SAMPLES][m], hi = new double[LABEL_SAMPLES][m];
        measure(g.generate(Noise.input(zs.sub(d), cls, k)), lo, 0);
        measure(g.generate(Noise.input(zs.add(d), cls, k)), hi, 0);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < m; a++) {
            double s = 0;
            for (int i = 0; i < LABEL_SAMPLES; i++) s += hi[i][a] - lo[i][a];
            out.put(attributes.get(a).label, std[a] == 0 ? 0 : s / LABEL_SAMPLES / 2 / std[a]);
        }
        return out;
    }

    private void measure(INDArray x, double[][] into, int at) {
        double[][] v = Attribute.measureAll(x, attributes);
        System.arraycopy(v, 0, into, at, v.length);
    }

    private static double[] column(double[][] x, int a) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i][a];
        return out;
    }

    /** Standard deviation of column {@code a} of per-picture attribute rows. */
    static double std(double[][] x, int a) {
        double s = 0, s2 = 0;
        for (double[] r : x) {
            s += r[a];
            s2 += r[a] * r[a];
        }
        double mean = s / x.length;
        return Math.sqrt(Math.max(0, s2 / x.length - mean * mean));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }

    private static double[] scale(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * s;
        return out;
    }

    static double[] unit(double[] v) {
        double len = Math.sqrt(dot(v, v));
        return len == 0 ? v : scale(v, 1 / len);
    }

    static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }
}
