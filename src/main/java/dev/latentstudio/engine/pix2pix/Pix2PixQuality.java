package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.image.Ssim;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a pix2pix model translates held-out pairs: L1 and SSIM against the true B, and for garments
 * whether the fashion classifier calls G(A) what it calls the real garment; with the final D, whether it
 * still tells real pairs from generated ones (the paper's check: near 50–60 % once G has caught up).
 */
public final class Pix2PixQuality {
    /** Held-out pairs measured: Fashion-MNIST's first 2,000 test garments. */
    public static final int PAIRS = 2000;

    private Pix2PixQuality() {
    }

    /** Measures the garment model in a folder on the held-out garments and records the figures in its model.json. */
    public static Map<String, Object> record(Path dir) throws IOException {
        Pix2PixModel m = Pix2PixModel.load(dir.toString());
        Map<String, Object> q = measure(m, Pairs.edgesToGarments(true, m.spec().side()), PAIRS,
                DigitClassifier.load(ModelStore.FASHION_CLASSIFIER));
        q.put("classifier", ModelStore.FASHION_CLASSIFIER);
        m.card().withQuality(q).write(dir);
        return q;
    }

    /** The figures on the first {@code n} pairs (centre crops); {@code classifier} may be null for unlabelled pairs. */
    public static Map<String, Object> measure(Pix2PixModel m, Pairs pairs, int n, MultiLayerNetwork classifier) throws IOException {
        n = Math.min(n, pairs.size());
        int chunk = 100;
        double l1 = 0, ssim = 0, dOk = 0;
        int agree = 0, right = 0, realRight = 0, labelled = 0;
        MultiLayerNetwork d = m.discriminator();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) idx[i] = from + i;
            INDArray[] ab = pairs.centred(idx);
            INDArray fake = m.translate(ab[0]);
            double[] sums = sums(fake, ab[1]);
            l1 += sums[0];
            ssim += sums[1];
            if (d != null) {
                INDArray real = d.output(Nd4j.concat(1, ab[0], ab[1]), false).mean(1, 2, 3);
                INDArray gen = d.output(Nd4j.concat(1, ab[0], fake), false).mean(1, 2, 3);
                for (int i = 0; i < idx.length; i++) dOk += (real.getDouble(i) > 0.5 ? 1 : 0) + (gen.getDouble(i) < 0.5 ? 1 : 0);
            }
            if (classifier != null && m.spec().outChannels() == 1) {
                INDArray pf = DigitClassifier.probabilities(classifier, to28(fake)).argMax(1);
                INDArray pr = DigitClassifier.probabilities(classifier, to28(ab[1])).argMax(1);
                for (int i = 0; i < idx.length; i++) {
                    int label = pairs.label(idx[i]); // not pair(): that would build the pair (Canny and all) again
                    if (pf.getInt(i) == pr.getInt(i)) agree++;
                    if (label >= 0) {
                        labelled++;
                        if (pf.getInt(i) == label) right++;
                        if (pr.getInt(i) == label) realRight++;
                    }
                }
            }
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("held_out_pairs", n);
        q.put("l1", round(l1 / n));
        q.put("ssim", round(ssim / n));
        if (classifier != null && m.spec().outChannels() == 1) {
            q.put("class_agreement", round(agree / (double) n));
            if (labelled > 0) {
                q.put("class_accuracy", round(right / (double) labelled));
                q.put("real_class_accuracy", round(realRight / (double) labelled));
            }
        }
        if (d != null) q.put("d_accuracy", round(dOk / (2.0 * n)));
        return q;
    }

    /**
     * L1 and SSIM of any prediction (a baseline such as the mean picture, drawn for every pair) against the true B's,
     * as {@link #measure} computes them: both [n, c, side, side] on [-1, 1].
     */
    public static Map<String, Object> l1AndSsim(INDArray predicted, INDArray truth) {
        double[] sums = sums(predicted, truth);
        long n = truth.size(0);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("l1", round(sums[0] / n));
        q.put("ssim", round(sums[1] / n));
        return q;
    }

    /** Summed over the batch: each picture's mean |difference|, and its SSIM (mean over channels). */
    private static double[] sums(INDArray fake, INDArray real) {
        long n = real.size(0);
        int side = (int) real.size(2);
        double ssim = 0;
        for (int i = 0; i < n; i++) ssim += ssim(fake, real, i, side);
        return new double[]{Transforms.abs(fake.sub(real), true).sumNumber().doubleValue() / (fake.length() / n), ssim};
    }

    private static double ssim(INDArray x, INDArray y, int i, int side) {
        double sum = 0;
        int c = (int) x.size(1);
        for (int ch = 0; ch < c; ch++) {
            double[] a = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(ch)).dup().data().asDouble();
            double[] b = y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(ch)).dup().data().asDouble();
            sum += Ssim.of(a, b, side, side, 2.0);
        }
        return sum / c;
    }

    /** Grey pictures at any side averaged down to the classifier's 28×28 (area weights). */
    static INDArray to28(INDArray x) {
        long n = x.size(0);
        int s = (int) x.size(2);
        float[] src = x.dup().data().asFloat();
        float[] out = new float[(int) n * Digits.PIXELS];
        double f = s / (double) Digits.SIDE;
        for (int k = 0; k < n; k++) {
            for (int r = 0; r < Digits.SIDE; r++) {
                for (int c = 0; c < Digits.SIDE; c++) {
                    double y0 = r * f, y1 = (r + 1) * f, x0 = c * f, x1 = (c + 1) * f, sum = 0, w = 0;
                    for (int yy = (int) y0; yy < Math.min(s, Math.ceil(y1)); yy++) {
                        double wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
                        for (int xx = (int) x0; xx < Math.min(s, Math.ceil(x1)); xx++) {
                            double wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
                            sum += wy * wx * src[k * s * s + yy * s + xx];
                            w += wy * wx;
                        }
                    }
                    out[k * Digits.PIXELS + r * Digits.SIDE + c] = (float) (sum / w);
                }
            }
        }
        return Nd4j.create(out, new long[]{n, 1, Digits.SIDE, Digits.SIDE});
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
