package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cGMM's mathematics on synthetic activations: 5 attributes, 12 dimensions, 400 "images". */
class CgmmTest {
    static final int N = 400, D = 12, M = 5;
    static final double LAMBDA = 0.5;
    static float[][] phi;
    static int[][] attrs;
    static Cgmm gauss;
    static CgmmLoss loss;

    @BeforeAll
    static void data() {
        Random rnd = new Random(3);
        double[][] mu = new double[M][D];
        for (double[] m : mu) for (int k = 0; k < D; k++) m[k] = 2 * rnd.nextDouble();
        double[] trueW = {0.5, 1.5, 2, 1, 3};
        phi = new float[N][D];
        attrs = new int[N][];
        for (int i = 0; i < N; i++) {
            // one to three distinct attributes, sorted
            attrs[i] = rnd.ints(0, M).distinct().limit(1 + rnd.nextInt(3)).sorted().toArray();
            for (int j : attrs[i]) for (int k = 0; k < D; k++) phi[i][k] += (float) (trueW[j] * mu[j][k] / attrs[i].length);
            for (int k = 0; k < D; k++) phi[i][k] += (float) (0.3 * rnd.nextGaussian());
        }
        gauss = Cgmm.gaussians("synthetic", "fc", new long[]{D}, List.of("a", "b", "c", "d", "e"), phi, attrs);
        loss = new CgmmLoss(phi, attrs, gauss.mean(), LAMBDA);
    }

    @Test
    void gaussiansAreThePositiveExamplesMeanAndVariance() {
        int j = 2, n = 0;
        double sum = 0, sq = 0;
        for (int i = 0; i < N; i++) {
            for (int a : attrs[i]) {
                if (a != j) continue;
                n++;
                sum += phi[i][7];
                sq += phi[i][7] * phi[i][7];
            }
        }
        assertEquals(n, gauss.count()[j]);
        assertEquals(sum / n, gauss.mean()[j][7], 1e-9);
        assertEquals(sq / n - (sum / n) * (sum / n), gauss.variance()[j][7], 1e-6);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double[] w = {0.7, 1.2, 0.3, 2.0, 1.1};
        int[] rows = {3, 17, 40, 41, 99, 250, 399};
        double[] g = loss.gradient(w, rows);
        for (int j = 0; j < M; j++) {
            double h = 1e-5;
            double[] up = w.clone(), down = w.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (loss.value(up, rows) - loss.value(down, rows)) / (2 * h);
            assertEquals(numeric, g[j], 1e-6 * Math.max(1, Math.abs(numeric)), "dL/dw_" + j);
        }
    }

    @Test
    void sgdLowersTheLossToTheClosedFormMinimum() {
        List<Double> losses = new ArrayList<>();
        double[] w1 = gauss.weights();
        double[] w = CgmmFit.learnWeights(loss, w1, new CgmmFit.Options(60, 16, 1.0, LAMBDA, 1),
                new JobControl().onProgress((Progress p) -> losses.add(p.metric("loss"))), 0, 60);
        int[] all = CgmmFit.all(N);
        double start = loss.value(w1, all), end = loss.value(w, all);
        assertEquals(60, losses.size());
        assertTrue(losses.get(0) < start, "one epoch lowers the loss: " + start + " -> " + losses.get(0));
        assertTrue(end < losses.get(0), start + " -> " + losses.get(0) + " -> " + end);
        double[] best = closedForm();
        double min = loss.value(best, all);
        assertTrue(end - min < 1e-3 * min, "SGD " + end + " vs the minimum " + min);
        for (int j = 0; j < M; j++) assertEquals(best[j], w[j], 0.02, "w_" + j);
    }

    /** argmin L: the normal equations (A + λI) w = b of the quadratic, solved by Gaussian elimination. */
    static double[] closedForm() {
        double[][] mu = gauss.mean();
        double[][] a = new double[M][M + 1];
        for (int i = 0; i < N; i++) {
            double inv = 1.0 / attrs[i].length;
            for (int j : attrs[i]) {
                for (int k : attrs[i]) a[j][k] += inv * inv * dot(mu[j], mu[k]) / N;
                double b = 0;
                for (int d = 0; d < D; d++) b += mu[j][d] * phi[i][d];
                a[j][M] += inv * b / N;
            }
        }
        for (int j = 0; j < M; j++) a[j][j] += LAMBDA;
        for (int c = 0; c < M; c++) {
            for (int r = c + 1; r < M; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= M; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] w = new double[M];
        for (int r = M - 1; r >= 0; r--) {
            double s = a[r][M];
            for (int k = r + 1; k < M; k++) s -= a[r][k] * w[k];
            w[r] = s / a[r][r];
        }
        return w;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) s += x[k] * y[k];
        return s;
    }

    @Test
    void targetsAreTheWeightedMeanOfSamplesAndRepeatForASeed() {
        Cgmm c = gauss.withWeights(new double[]{0.5, 2, 1, 1, 3}, LAMBDA, 0);
        int[] want = {1, 4};
        assertEquals(c.sample(want, 9), c.sample(want, 9));
        assertNotEquals(c.sample(want, 9), c.sample(want, 10));
        assertArrayEquals(new long[]{1, D}, c.sample(want, 9).shape());
        // E[s] = (w_1 μ_1 + w_4 μ_4) / 2 and Var[s] = (w_1² Σ_1 + w_4² Σ_4) / 4, per dimension
        int n = 4000;
        double[] sum = new double[D];
        for (int s = 0; s < n; s++) {
            INDArray t = c.sample(want, s);
            for (int k = 0; k < D; k++) sum[k] += t.getDouble(0, k);
        }
        for (int k = 0; k < D; k++) {
            double expect = (2 * c.mean()[1][k] + 3 * c.mean()[4][k]) / 2;
            double sd = Math.sqrt((4 * c.variance()[1][k] + 9 * c.variance()[4][k]) / 4 / n);
            assertEquals(expect, sum[k] / n, 5 * sd, "dimension " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> c.sample(new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> c.sample(new int[]{M}, 1));
    }

    @Test
    void savedModelsLoadBackAndBadFilesAreRefused(@TempDir Path tmp) throws Exception {
        Cgmm c = gauss.withWeights(new double[]{0.5, 2, 1, 1, 3}, LAMBDA, 12.5);
        Path f = tmp.resolve("sub/model.cgmm.json");
        c.save(f);
        Cgmm back = Cgmm.load(f);
        assertEquals(c.sample(new int[]{0, 2}, 4), back.sample(new int[]{0, 2}, 4));
        assertEquals(c.attributes(), back.attributes());
        assertEquals(12.5, back.loss());
        assertEquals("fc", back.layer());
        assertArrayEquals(c.count(), back.count());
        assertArrayEquals(c.shape(), back.shape());

        Files.writeString(tmp.resolve("junk.json"), "{not json");
        Files.writeString(tmp.resolve("other.json"), "{\"format\":\"something-else\"}");
        String cut = Files.readString(f).replace("\"weights\":[0.5,2.0,1.0,1.0,3.0]", "\"weights\":[0.5]");
        Files.writeString(tmp.resolve("cut.json"), cut);
        for (String name : new String[]{"junk.json", "other.json", "cut.json", "missing.json"}) {
            IOException e = assertThrows(IOException.class, () -> Cgmm.load(tmp.resolve(name)), name);
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
