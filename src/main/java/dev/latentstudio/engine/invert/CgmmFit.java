package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Fits a {@link Cgmm} on training digits as a job: the layer's activations of every digit (in chunks),
 * the per-attribute diagonal Gaussians ({@link DigitAttributes} give each digit's attributes), then the
 * weights w by plain mini-batch SGD on {@link CgmmLoss} from w = 1, reshuffling each epoch with the
 * seed. The step is η divided by the loss's curvature bound, so one η suits every layer's scale, and
 * by √epoch: with a constant step the mini-batch noise kept the loss wandering by ~0.3 % at fc1.
 */
public final class CgmmFit implements Job<Cgmm> {

    /** SGD epochs, mini-batch size, η (the step as a fraction of 1/curvature), λ, and the shuffling seed. */
    public record Options(int epochs, int batch, double eta, double lambda, long seed) {
        public static final Options DEFAULTS = new Options(30, 32, 1.0, 1.0, 0);

        public Options {
            if (epochs < 1 || batch < 1) throw new IllegalArgumentException("epochs and batch must be >= 1");
            if (!(eta > 0 && eta < 2)) throw new IllegalArgumentException("eta must be in (0, 2), got " + eta);
            if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }

        public Options withEpochs(int n) {
            return new Options(n, batch, eta, lambda, seed);
        }
    }

    private static final int CHUNK = 500;
    private final LayerNetworks layers;
    private final int layer;
    private final String classifier;
    private final Digits digits;
    private final Options o;

    /** {@code classifier} is only recorded in the model (which network {@code layers} cut). */
    public CgmmFit(LayerNetworks layers, int layer, String classifier, Digits digits, Options o) {
        if (digits.size() == 0) throw new IllegalArgumentException("no digits to fit on");
        layers.name(layer);
        this.layers = layers;
        this.layer = layer;
        this.classifier = classifier;
        this.digits = digits;
        this.o = o;
    }

    @Override
    public String name() {
        return "cGMM fit at " + layers.name(layer);
    }

    @Override
    public Cgmm run(JobControl control) {
        int chunks = (digits.size() + CHUNK - 1) / CHUNK, total = chunks + o.epochs();
        float[][] phi = new float[digits.size()][];
        long[] shape = null;
        for (int c = 0; c < chunks; c++) {
            control.checkpoint();
            int from = c * CHUNK, to = Math.min(digits.size(), from + CHUNK);
            INDArray a = layers.activations(layer, digits.batch(from, to));
            shape = Arrays.copyOfRange(a.shape(), 1, a.rank());
            INDArray flat = a.reshape('c', to - from, a.length() / (to - from));
            for (int i = from; i < to; i++) phi[i] = flat.getRow(i - from).toFloatVector();
            control.report(new Progress(c + 1, total, Map.of(), null, "activations"));
        }
        int[][] attrs = DigitAttributes.of(digits);
        Cgmm g = Cgmm.gaussians(classifier, layers.name(layer), shape, DigitAttributes.NAMES, phi, attrs);
        CgmmLoss loss = new CgmmLoss(phi, attrs, g.mean(), o.lambda());
        double[] w = learnWeights(loss, g.weights(), o, control, chunks, total);
        return g.withWeights(w, o.lambda(), loss.value(w, all(phi.length)));
    }

    /** Plain mini-batch SGD from {@code w0}; reports the full loss after each epoch. */
    static double[] learnWeights(CgmmLoss loss, double[] w0, Options o, JobControl control, int doneBefore, int total) {
        double[] w = w0.clone();
        double lr0 = o.eta() / loss.curvatureBound();
        int[] order = all(loss.rows());
        Random rnd = new Random(o.seed());
        for (int e = 1; e <= o.epochs(); e++) {
            control.checkpoint();
            shuffle(order, rnd);
            double lr = lr0 / Math.sqrt(e);
            for (int from = 0; from < order.length; from += o.batch()) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + o.batch()));
                double[] g = loss.gradient(w, rows);
                for (int j = 0; j < w.length; j++) w[j] -= lr * g[j];
            }
            control.report(new Progress(doneBefore + e, total, Map.of("loss", loss.value(w, order)), null, "SGD on w"));
        }
        return w;
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int k = rnd.nextInt(i + 1), t = a[i];
            a[i] = a[k];
            a[k] = t;
        }
    }
}
