package dev.latentstudio.engine.gan;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The loss of a projection discriminator (Miyato &amp; Koyama 2018) as the output layer of a plain
 * DL4J network. D's last layer has 1 + k linear outputs over its features φ(x): output 0 is the
 * unconditional term ψ(φ), output 1 + c is ⟨e_c, φ⟩ + b_c, so the rows of that layer's weights are
 * the class embeddings. The logit for an image of class y is o₀ + o_{1+y}; the loss is binary cross
 * entropy on it. Labels are [n, 1 + k]: column 0 the target (1 real, 0 fake), then the class as a
 * one-hot (or any weights: the logit is o₀ + Σ y_c o_{1+c}).
 */
public final class ProjectionLoss implements ILossFunction {

    /** P(real | x, y) = σ(o₀ + Σ y_c o_{1+c}) for D's raw outputs and the classes' one-hot rows. */
    public static INDArray probability(INDArray out, INDArray classes) {
        float[] s = logits(out.dup('c').data().asFloat(), classes.dup('c').data().asFloat(), (int) out.size(0), (int) classes.size(1));
        for (int i = 0; i < s.length; i++) s[i] = (float) sigmoid(s[i]);
        return Nd4j.create(s, new long[]{s.length, 1}, 'c');
    }

    private static float[] logits(float[] o, float[] y, int n, int k) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            double v = o[i * (k + 1)];
            for (int c = 0; c < k; c++) v += y[i * k + c] * o[i * (k + 1) + 1 + c];
            s[i] = (float) v;
        }
        return s;
    }

    private static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    /** Per-example loss and dL/d(output), computed together. */
    private static Pair<double[], INDArray> lossAndGrad(INDArray labels, INDArray out, INDArray mask) {
        if (mask != null) throw new UnsupportedOperationException("the projection loss takes no mask");
        int n = (int) out.size(0), k = (int) out.size(1) - 1;
        if (labels.size(0) != n || labels.size(1) != k + 1) {
            throw new IllegalArgumentException("labels must be [n, " + (k + 1) + "] (target, then one-hot class); got "
                    + java.util.Arrays.toString(labels.shape()));
        }
        double[] o = out.dup('c').data().asDouble(), l = labels.dup('c').data().asDouble();
        double[] grad = new double[n * (k + 1)];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            double t = l[i * (k + 1)], s = o[i * (k + 1)];
            for (int c = 0; c < k; c++) s += l[i * (k + 1) + 1 + c] * o[i * (k + 1) + 1 + c];
            // softplus(s) − t·s, written to stay finite for large |s|
            loss[i] = Math.max(s, 0) - t * s + Math.log1p(Math.exp(-Math.abs(s)));
            double g = sigmoid(s) - t;
            grad[i * (k + 1)] = g;
            for (int c = 0; c < k; c++) grad[i * (k + 1) + 1 + c] = g * l[i * (k + 1) + 1 + c];
        }
        return Pair.of(loss, Nd4j.create(grad, new long[]{n, k + 1}, 'c').castTo(out.dataType()));
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double[] l = lossAndGrad(labels, activationFn.getActivation(preOutput.dup(), true), mask).getFirst();
        double sum = 0;
        for (double v : l) sum += v;
        return average ? sum / l.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] l = lossAndGrad(labels, activationFn.getActivation(preOutput.dup(), true), mask).getFirst();
        return Nd4j.createFromArray(l).reshape(l.length, 1).castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray dOut = lossAndGrad(labels, activationFn.getActivation(preOutput.dup(), true), mask).getSecond();
        return activationFn.backprop(preOutput.dup(), dOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                         INDArray mask, boolean average) {
        Pair<double[], INDArray> lg = lossAndGrad(labels, activationFn.getActivation(preOutput.dup(), true), mask);
        double sum = 0;
        for (double v : lg.getFirst()) sum += v;
        INDArray grad = activationFn.backprop(preOutput.dup(), lg.getSecond()).getFirst();
        return Pair.of(average ? sum / lg.getFirst().length : sum, grad);
    }

    @Override
    public String name() {
        return "projection";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectionLoss;
    }

    @Override
    public int hashCode() {
        return ProjectionLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "ProjectionLoss()";
    }
}
