package dev.latentstudio.engine.face;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * Who a face descriptor belongs to: a linear SVM over the enrolled people's descriptors (LIBSVM's C-SVC with
 * Platt-scaled probabilities), gated by distance: when even the nearest enrolled descriptor is farther than
 * the threshold, the face is "unknown", whatever the SVM says, because an SVM always picks one of the
 * classes it knows. With one person enrolled there is nothing to separate, so the distance gate alone decides.
 */
public final class IdentityClassifier {
    /**
     * The "unknown" distance. face-api's FaceMatcher uses 0.6; on the bundled sample faces (similar-looking
     * people, some different pairs only 0.44–0.49 apart) 0.6 rejected 45 % of strangers and 0.5 rejected 84 %
     * while naming enrolled people as often (./studio evaluate-faces sweeps it), so a booth errs towards "unknown".
     */
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final String UNKNOWN = "unknown";
    /** LIBSVM fits its probabilities by 5-fold cross-validation, so fewer descriptors per person leave them rough. */
    public static final int CALIBRATED_FROM = 5;
    /** The SVM's penalty: descriptors of different people are far apart, so a hard-ish margin suits them. */
    private static final double C = 10;
    /** LIBSVM's probability fit shuffles with a global Random; seeding it makes training repeatable. */
    private static final long SEED = 42;

    /**
     * {@code name} is the person or {@link #UNKNOWN}; {@code distance} is to the nearest enrolled descriptor,
     * whose owner is {@code nearest}; {@code probabilities} are over the enrolled people and sum to 1 (LIBSVM's
     * pairwise-coupled Platt estimates: trust them once everyone has {@value #CALIBRATED_FROM} or more descriptors).
     */
    public record Identity(String name, boolean known, double distance, String nearest, Map<String, Double> probabilities) {
    }

    private final List<String> names;
    private final List<float[]> points;
    private final int[] owners;
    private final int dimension;
    private final double threshold;
    private final svm_model model;

    private IdentityClassifier(List<String> names, List<float[]> points, int[] owners, double threshold, svm_model model) {
        this.names = names;
        this.points = points;
        this.owners = owners;
        this.dimension = points.get(0).length;
        this.threshold = threshold;
        this.model = model;
    }

    /** Trains on the gallery's people that have descriptors. */
    public static IdentityClassifier train(FaceGallery.Contents gallery, double threshold) {
        return train(gallery.embeddingsByName(), threshold);
    }

    /** Trains on descriptors by person; every descriptor must have the same length. */
    public static IdentityClassifier train(Map<String, List<float[]>> byName, double threshold) {
        if (!(threshold > 0)) throw new IllegalArgumentException("the unknown threshold must be above 0, got " + threshold);
        List<String> names = new ArrayList<>();
        List<float[]> points = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (Map.Entry<String, List<float[]>> e : byName.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            for (float[] v : e.getValue()) {
                check(v, points.isEmpty() ? v.length : points.get(0).length, "a descriptor of " + e.getKey());
                points.add(v.clone());
                owners.add(names.size());
            }
            names.add(e.getKey());
        }
        if (names.isEmpty()) throw new IllegalArgumentException("no one is enrolled with a face descriptor yet");
        int[] own = owners.stream().mapToInt(Integer::intValue).toArray();
        svm_model model = names.size() < 2 ? null : fit(points, own);
        return new IdentityClassifier(List.copyOf(names), List.copyOf(points), own, threshold, model);
    }

    public List<String> names() {
        return names;
    }

    public double threshold() {
        return threshold;
    }

    public Identity identify(float[] descriptor) {
        check(descriptor, dimension, "the descriptor");
        int nearest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            double d = distance(points.get(i), descriptor);
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        String guess;
        if (model == null) {
            guess = names.get(0);
            probabilities.put(guess, 1.0);
        } else {
            svm_node[] x = nodes(descriptor);
            double[] p = new double[model.nr_class];
            svm.svm_predict_probability(model, x, p);
            for (int k = 0; k < model.nr_class; k++) probabilities.put(names.get(model.label[k]), p[k]);
            // the name comes from the SVM's own decision (one-against-one votes), not from the probabilities:
            // Platt scaling is fitted by a 5-fold cross-validation inside LIBSVM and is unreliable while people
            // have only a few descriptors each, whereas the margin is right from one descriptor per person
            guess = names.get((int) svm.svm_predict(model, x));
        }
        boolean known = best <= threshold;
        return new Identity(known ? guess : UNKNOWN, known, best, names.get(owners[nearest]),
                Collections.unmodifiableMap(probabilities));
    }

    private static svm_model fit(List<float[]> points, int[] owners) {
        svm_problem problem = new svm_problem();
        problem.l = points.size();
        problem.x = new svm_node[problem.l][];
        problem.y = new double[problem.l];
        for (int i = 0; i < problem.l; i++) {
            problem.x[i] = nodes(points.get(i));
            problem.y[i] = owners[i];
        }
        svm_parameter param = new svm_parameter();
        param.svm_type = svm_parameter.C_SVC;
        param.kernel_type = svm_parameter.LINEAR;
        param.C = C;
        param.eps = 1e-3;
        param.cache_size = 64;
        param.shrinking = 1;
        param.probability = 1;
        param.nr_weight = 0;
        param.weight_label = new int[0];
        param.weight = new double[0];
        String problemText = svm.svm_check_parameter(problem, param);
        if (problemText != null) throw new IllegalStateException("LIBSVM refused the settings: " + problemText);
        // LIBSVM's shuffling Random and its printer are global: one training at a time
        synchronized (svm.class) {
            svm.svm_set_print_string_function(s -> { });
            svm.rand.setSeed(SEED);
            return svm.svm_train(problem, param);
        }
    }

    private static svm_node[] nodes(float[] v) {
        svm_node[] x = new svm_node[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = new svm_node();
            x[i].index = i + 1;
            x[i].value = v[i];
        }
        return x;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static void check(float[] v, int dimension, String what) {
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " values, expected " + dimension);
        }
        for (float x : v) {
            if (!Float.isFinite(x)) throw new IllegalArgumentException(what + " holds " + x);
        }
    }
}
