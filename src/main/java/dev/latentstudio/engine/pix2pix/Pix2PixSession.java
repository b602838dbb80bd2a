package dev.latentstudio.engine.pix2pix;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import dev.latentstudio.engine.nn.Buffers;
import dev.latentstudio.engine.nn.FusedAdam;
import dev.latentstudio.engine.nn.NoForwardInBackprop;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * A pix2pix generator and PatchGAN being trained together, as the peer's loop does it: D on
 * (A, real B) labelled 1 and (A, G(A)) labelled 0, loss ½(real + fake); then G on the adversarial
 * loss through the updated D plus λ·L1(G(A), B). Losses are means over patches and pixels, as
 * PyTorch's BCEWithLogitsLoss and L1Loss take them, so λ = 100 weighs the two terms as the paper does.
 */
public final class Pix2PixSession {
    private final ComputationGraph g;
    private final MultiLayerNetwork d;
    private final double lambda;
    private final PerceptualTerm perceptual; // null: off
    private long dUpdates;
    private long gUpdates;
    /** G's last forward pass's own buffers, and D's real-pair gradient kept in one buffer ({@link Buffers} says why). */
    private List<DataBuffer> lastForward = List.of();
    private INDArray gradReal;

    /**
     * From the last step: D's loss, G's adversarial, L1 and perceptual (unweighted; NaN when off) terms, D's mean P(real)
     * on real and generated pairs.
     */
    public double dLoss = Double.NaN, gAdversarial = Double.NaN, gL1 = Double.NaN, gPerceptual = Double.NaN, dReal = Double.NaN,
            dFake = Double.NaN;

    public Pix2PixSession(ComputationGraph g, MultiLayerNetwork d, double lambda, long dUpdates, long gUpdates) {
        this(g, d, lambda, null, dUpdates, gUpdates);
    }

    /** With a perceptual term (null: none) added to G's loss. */
    public Pix2PixSession(ComputationGraph g, MultiLayerNetwork d, double lambda, PerceptualTerm perceptual, long dUpdates, long gUpdates) {
        this.g = g;
        this.d = d;
        this.lambda = lambda;
        this.perceptual = perceptual;
        this.dUpdates = dUpdates;
        this.gUpdates = gUpdates;
    }

    public ComputationGraph generator() {
        return g;
    }

    public MultiLayerNetwork discriminator() {
        return d;
    }

    public double lambda() {
        return lambda;
    }

    public PerceptualTerm perceptual() {
        return perceptual;
    }

    public long dUpdates() {
        return dUpdates;
    }

    public long gUpdates() {
        return gUpdates;
    }

    /** G(A) at inference (BatchNorm's running statistics, no dropout). */
    public INDArray translate(INDArray a) {
        return g.outputSingle(false, a);
    }

    /** One training step on a batch of pairs; returns G(A) as trained on. */
    public INDArray step(INDArray a, INDArray b) {
        Buffers.free(lastForward);
        Map<String, INDArray> acts = g.feedForward(new INDArray[]{a}, true, false);
        INDArray fake = acts.get(Pix2PixNets.OUTPUT);
        lastForward = Buffers.ofForwardPass(g, acts.values(), a, fake);
        trainDiscriminator(a, b, fake);
        INDArray eps = generatorGradient(a, b, fake);
        Gradient grad = g.backpropGradient(eps);
        // eps is already the gradient of the batch mean: no further division by the batch size
        FusedAdam.apply(g, grad, gUpdates++, 1);
        Buffers.free(Buffers.ofBackwardPass(g)); // G has no workspaces (see Pix2PixNets.base): its errors are freed here
        Buffers.close(eps);
        return fake;
    }

    void trainDiscriminator(INDArray a, INDArray b, INDArray fake) {
        INDArray realPair = Nd4j.concat(1, a, b);
        INDArray fakePair = Nd4j.concat(1, a, fake);
        d.setInput(realPair);
        d.setLabels(targets(1, realPair));
        d.computeGradientAndScore();
        double lossReal = meanLoss(realPair);
        gradReal = Buffers.copyInto(gradReal, d.gradient().gradient());
        d.setInput(fakePair);
        d.setLabels(targets(0, fakePair));
        d.computeGradientAndScore();
        double lossFake = meanLoss(fakePair);
        Gradient grad = d.gradient();
        // DL4J sums the loss over patches; the peer averages ½(real + fake) over them
        grad.gradient().addi(gradReal).muli(0.5 / patches(realPair));
        FusedAdam.apply(d, grad, dUpdates++, (int) a.size(0));
        dLoss = 0.5 * (lossReal + lossFake);
        dReal = Math.exp(-lossReal);      // geometric mean of D's P(real) on real pairs
        dFake = 1 - Math.exp(-lossFake);  // and on generated ones
        Buffers.close(realPair, fakePair);
    }

    /**
     * ∂/∂G(A) of mean-BCE(D(A, G(A)), 1) + λ·mean|G(A) − B| (+ λp·mean(φ(G(A)) − φ(B))² with a perceptual term),
     * through D as it is now; also records the L1 and perceptual terms. Package-private for the gradient check.
     */
    INDArray generatorGradient(INDArray a, INDArray b, INDArray fake) {
        INDArray pair = Nd4j.concat(1, a, fake);
        INDArray labels = targets(1, pair);
        // only D's input gradient is read here: its weight gradients are skipped
        Pair<Gradient, INDArray> dg = NoForwardInBackprop.inputGradientOnly(() -> d.calculateGradients(pair, labels, null, null));
        long n = a.size(0);
        long cA = a.size(1);
        // DL4J's input gradient is of the loss summed over patches and examples: the mean's is that over their count
        INDArray adv = dg.getSecond().get(NDArrayIndex.all(), NDArrayIndex.interval(cA, pair.size(1)), NDArrayIndex.all(), NDArrayIndex.all())
                .div(n * patches(pair));
        INDArray diff = fake.sub(b);
        gL1 = Transforms.abs(diff, true).meanNumber().doubleValue();
        adv.addi(Transforms.sign(diff, false).muli(lambda / diff.length()));
        if (perceptual != null) {
            PerceptualTerm.Value p = perceptual.of(fake, b);
            gPerceptual = p.loss();
            adv.addi(p.gradient());
            Buffers.close(p.gradient());
        }
        Buffers.close(pair, labels, dg.getSecond(), diff);
        return adv;
    }

    /** G's adversarial term on these fakes (a D forward pass: measured when reported, not every step). */
    public void measureGenerator(INDArray a, INDArray fake) {
        INDArray p = d.output(Nd4j.concat(1, a, fake), true);
        gAdversarial = Transforms.log(p.add(1e-12), false).neg().meanNumber().doubleValue();
    }

    /** The objective of {@link #generatorGradient}, for the gradient check. */
    double generatorObjective(INDArray a, INDArray b, INDArray fake) {
        measureGenerator(a, fake);
        return gAdversarial + lambda * Transforms.abs(fake.sub(b), true).meanNumber().doubleValue()
                + (perceptual == null ? 0 : perceptual.weight() * perceptual.of(fake, b).loss());
    }

    /** D's last loss as the mean BCE over patches (DL4J's score sums over them and averages over examples). */
    private double meanLoss(INDArray pair) {
        return d.score() / patches(pair);
    }

    /** Patches in D's output grid per example: 3 halvings, then two 4×4 convolutions that each take one off the side. */
    private static long patches(INDArray pair) {
        long grid = pair.size(2) / 8 - 2;
        return grid * grid;
    }

    private static INDArray targets(double v, INDArray pair) {
        long grid = pair.size(2) / 8 - 2;
        return Nd4j.valueArrayOf(new long[]{pair.size(0), 1, grid, grid}, v, pair.dataType());
    }
}
