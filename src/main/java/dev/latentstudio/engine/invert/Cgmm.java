package dev.latentstudio.engine.invert;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.latentstudio.engine.AtomicFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted cGMM over one layer of a classifier: per attribute j a diagonal Gaussian N(μ_j, Σ_j) of the
 * layer's activations over the training digits that have j, and a weight w_j learned by SGD
 * ({@link CgmmFit}). A wanted attribute set C gives the target s = (1/|C|) Σ_{j∈C} w_j z_j with
 * z_j ~ N(μ_j, Σ_j) (the report's equation 2: a weighted sum of samples, not of means), which feature
 * inversion then turns into a picture.
 *
 * @param classifier the model the activations came from; {@code layer} its layer's name and {@code shape}
 *                   that layer's activation shape for one image (e.g. [256] or [64, 7, 7])
 * @param count      how many training digits had each attribute
 * @param mean       μ_j, flattened activations; {@code variance} Σ_j's diagonal
 * @param loss       the SGD objective at the learned weights over all training digits
 */
public record Cgmm(String classifier, String layer, long[] shape, List<String> attributes, int[] count,
                   double[][] mean, double[][] variance, double[] weights, double lambda, double loss) {
    public static final String FORMAT = "latent-studio-cgmm/1";

    public Cgmm {
        int m = attributes.size(), d = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count.length != m || mean.length != m || variance.length != m || weights.length != m) {
            throw new IllegalArgumentException("a cGMM needs one count, mean, variance and weight per attribute (" + m + ")");
        }
        for (int j = 0; j < m; j++) {
            if (mean[j].length != d || variance[j].length != d) {
                throw new IllegalArgumentException("attribute " + attributes.get(j) + ": mean and variance must have " + d + " values");
            }
        }
        attributes = List.copyOf(attributes);
    }

    /** Number of activations per image. */
    public int dimension() {
        return mean.length == 0 ? 0 : mean[0].length;
    }

    /**
     * The per-attribute Gaussians of activations {@code phi} (one row per image) over the images whose
     * attribute sets hold each attribute, with every weight 1 (before SGD). The variance is the
     * maximum-likelihood one (divided by the count).
     */
    static Cgmm gaussians(String classifier, String layer, long[] shape, List<String> names, float[][] phi, int[][] attrs) {
        int m = names.size(), d = phi.length == 0 ? 0 : phi[0].length;
        double[][] mean = new double[m][d], var = new double[m][d];
        int[] count = new int[m];
        for (int i = 0; i < phi.length; i++) {
            for (int j : attrs[i]) {
                count[j]++;
                for (int k = 0; k < d; k++) mean[j][k] += phi[i][k];
            }
        }
        for (int j = 0; j < m; j++) for (int k = 0; k < d; k++) mean[j][k] /= Math.max(1, count[j]);
        for (int i = 0; i < phi.length; i++) {
            for (int j : attrs[i]) {
                for (int k = 0; k < d; k++) {
                    double e = phi[i][k] - mean[j][k];
                    var[j][k] += e * e;
                }
            }
        }
        for (int j = 0; j < m; j++) for (int k = 0; k < d; k++) var[j][k] /= Math.max(1, count[j]);
        double[] w = new double[m];
        Arrays.fill(w, 1);
        return new Cgmm(classifier, layer, shape, names, count, mean, var, w, 0, Double.NaN);
    }

    Cgmm withWeights(double[] w, double lambda, double loss) {
        return new Cgmm(classifier, layer, shape, attributes, count, mean, variance, w.clone(), lambda, loss);
    }

    /**
     * A target s = (1/|C|) Σ_{j∈C} w_j z_j, z_j ~ N(μ_j, Σ_j), shaped as the layer's activations for a
     * batch of one; the same seed gives the same target.
     */
    public INDArray sample(int[] wanted, long seed) {
        if (wanted.length == 0) throw new IllegalArgumentException("name at least one attribute");
        // SplittableRandom mixes its seed: java.util.Random's first Gaussians for seeds 0, 1, 2, … are correlated
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = dimension();
        double[] s = new double[d];
        for (int j : wanted) {
            if (j < 0 || j >= attributes.size()) throw new IllegalArgumentException("attribute index must be 0.." + (attributes.size() - 1) + ", got " + j);
            if (count[j] == 0) throw new IllegalArgumentException("no training digit had the attribute " + attributes.get(j));
            for (int k = 0; k < d; k++) {
                double z = mean[j][k] + Math.sqrt(variance[j][k]) * rnd.nextGaussian();
                s[k] += weights[j] * z / wanted.length;
            }
        }
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = 1;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        float[] f = new float[d];
        for (int k = 0; k < d; k++) f[k] = (float) s[k];
        return Nd4j.create(f, batchShape, 'c');
    }

    /** Writes the model as JSON (atomically). */
    public void save(Path file) throws IOException {
        String json = new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(new Stored(FORMAT, this));
        AtomicFile.write(file, tmp -> Files.writeString(tmp, json, StandardCharsets.UTF_8));
    }

    /** Reads a model written by {@link #save}, with a clear message for a missing, foreign or damaged file. */
    public static Cgmm load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no cGMM file at " + file);
        Stored s;
        try {
            // Gson builds records through their canonical constructor, so the checks above run on what is read
            s = new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable cGMM file: " + e.getMessage(), e);
        }
        if (s == null || !FORMAT.equals(s.format()) || s.model() == null) throw new IOException(file + " is not a " + FORMAT + " file");
        return s.model();
    }

    private record Stored(String format, Cgmm model) {
    }
}
