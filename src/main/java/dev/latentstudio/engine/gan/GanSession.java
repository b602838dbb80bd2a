package dev.latentstudio.engine.gan;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import dev.latentstudio.engine.nn.Buffers;
import dev.latentstudio.engine.nn.FusedAdam;
import dev.latentstudio.engine.nn.NoForwardInBackprop;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * A generator and a discriminator being trained together, one update at a time. The updates
 * mirror the DCGAN reference loop: D steps on a real batch and a fake batch (separate BatchNorm
 * statistics, gradients summed), then G steps on the non-saturating loss −log D(G(z)), using D's
 * gradient with respect to its input fed back through G. Kept apart so the studio can step D and G
 * one at a time.
 * <p>
 * A conditional pair (see {@link Dcgan#CONDITIONAL28_ID}) takes the classes as one-hot rows [n, k]:
 * G's input is [z ; class], and D's labels carry the class beside the real/fake target.
 * <p>
 * A packed D (PacGAN, Lin et al. 2018: its input has {@code pack} times G's channels) judges each run of
 * {@code pack} consecutive pictures of a batch as one sample, stacked along the channels: a G that draws
 * one picture again and again makes packs that real data never do, so D can punish the collapse. In a
 * conditional pair the pictures of a pack share their class.
 */
public final class GanSession {
    private final MultiLayerNetwork g;
    private final MultiLayerNetwork d;
    /** Classes of a conditional D (its outputs less the unconditional one); 0 for a plain D. */
    private final int classes;
    /** Pictures D judges together (its input channels over G's output channels; 1: a plain D). */
    private final int pack;
    private final LayerWorkspaceMgr noWs = LayerWorkspaceMgr.noWorkspaces();
    private long dUpdates;
    private long gUpdates;
    private INDArray ema;
    /** The buffers of G's last forward pass that it alone holds: freed when the next one starts. */
    private List<DataBuffer> lastForward = List.of();
    /** The real batch's D gradient, kept in one buffer across steps. */
    private INDArray gradReal;
    /** G's input in the last forward pass (the caller's array), for the mode-seeking term. */
    private INDArray lastInput;
    /** Weight of the mode-seeking term in G's loss ({@link ModeSeeking}); 0: the plain DCGAN loss. */
    private double modeSeeking;

    /** Losses and D's mean outputs from the last updates (NaN until measured). */
    public double dLoss = Double.NaN, gLoss = Double.NaN, dReal = Double.NaN, dFake = Double.NaN;
    /** The mode-seeking term's value at the last G update (mean 1/(r+ε), unweighted; NaN when it is off). */
    public double modeSeekingLoss = Double.NaN;

    public GanSession(MultiLayerNetwork g, MultiLayerNetwork d, long dUpdates, long gUpdates) {
        // the convolutions keep their forward pass's output for backprop instead of computing it again
        this.g = NoForwardInBackprop.install(g);
        this.d = NoForwardInBackprop.install(d);
        this.dUpdates = dUpdates;
        this.gUpdates = gUpdates;
        long out = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) d.getLayer(d.getnLayers() - 1).conf().getLayer()).getNOut();
        this.classes = (int) out - 1;
        long dIn = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) d.getLayer(0).conf().getLayer()).getNIn();
        long gOut = ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) g.getLayer(g.getnLayers() - 1).conf().getLayer()).getNOut();
        if (dIn % gOut != 0) throw new IllegalArgumentException("D takes " + dIn + " channels, not a multiple of G's " + gOut);
        this.pack = (int) (dIn / gOut);
    }

    /** How many consecutive pictures D judges as one (1: each alone). */
    public int pack() {
        return pack;
    }

    /** How many classes the pair is conditioned on (0: unconditional). */
    public int classes() {
        return classes;
    }

    public MultiLayerNetwork generator() {
        return g;
    }

    /**
     * The exponential moving average of G's parameters (null until {@link #updateEma} first runs).
     * GANs oscillate around good solutions; the average is a steadier generator than the last iterate.
     */
    public INDArray ema() {
        return ema;
    }

    public void setEma(INDArray e) {
        ema = e;
    }

    public void updateEma(double decay) {
        if (ema == null) {
            ema = g.params().dup();
        } else {
            Nd4j.getBlasWrapper().axpy(1 - decay, g.params(), ema.muli(decay)); // in place: a copy of G a step otherwise
        }
    }

    /**
     * A generator for sampling: G with the averaged parameters and BatchNorm statistics measured
     * afresh on a large batch of noise (the running statistics belong to the last iterate, not to
     * the average).
     */
    public MultiLayerNetwork averagedGenerator(INDArray calibrationZ) {
        MultiLayerNetwork out = g.clone();
        if (ema != null) out.setParams(ema); // copied in
        BatchNormCalibration.recalibrate(out, calibrationZ);
        return out;
    }

    public MultiLayerNetwork discriminator() {
        return d;
    }

    public double modeSeeking() {
        return modeSeeking;
    }

    /** Adds w · (the mode-seeking term) to G's loss from the next update on (w = 0: off). */
    public void setModeSeeking(double w) {
        if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("the mode-seeking weight must be ≥ 0, not " + w);
        modeSeeking = w;
    }

    public long dUpdates() {
        return dUpdates;
    }

    public long gUpdates() {
        return gUpdates;
    }

    /**
     * G(z) in training mode, keeping G's layer inputs for a following {@link #trainGenerator}. The previous
     * forward pass's own buffers (8 MB a step on the digits) are freed here ({@link Buffers} says why);
     * the input z and the returned fakes stay the caller's.
     */
    public INDArray fakes(INDArray z) {
        Buffers.free(lastForward);
        g.setInput(z);
        lastInput = z;
        List<INDArray> acts = g.feedForward(true, false);
        INDArray out = acts.get(acts.size() - 1);
        lastForward = Buffers.ofForwardPass(g, acts, z, out);
        return out;
    }

    /** One discriminator update: real batch labelled 1, fake batch labelled 0. */
    public void trainDiscriminator(INDArray real, INDArray fake) {
        trainDiscriminator(real, null, fake, null);
    }

    /** The same for a conditional pair: each batch with its classes (one-hot rows; null for a plain D). */
    public void trainDiscriminator(INDArray real, INDArray realClasses, INDArray fake, INDArray fakeClasses) {
        INDArray realPacks = packed(real), fakePacks = packed(fake);
        d.setInput(realPacks);
        d.setLabels(labels(1, realPacks.size(0), packClasses(realClasses, real.size(0))));
        d.computeGradientAndScore();
        double lossReal = d.score();
        gradReal = Buffers.copyInto(gradReal, d.gradient().gradient());
        d.setInput(fakePacks);
        d.setLabels(labels(0, fakePacks.size(0), packClasses(fakeClasses, fake.size(0))));
        d.computeGradientAndScore();
        double lossFake = d.score();
        Gradient grad = d.gradient();
        grad.gradient().addi(gradReal); // the view holds the fake-batch gradient: add the real one in place
        apply(d, grad, dUpdates++, (int) realPacks.size(0));
        dLoss = lossReal + lossFake;
        dReal = Math.exp(-lossReal);   // geometric mean of D(x): a cheap "how sure on real" figure
        dFake = 1 - Math.exp(-lossFake);
    }

    /** One generator update through D on the fakes last produced by {@link #fakes}. */
    public void trainGenerator(INDArray fake) {
        trainGenerator(fake, null);
    }

    /** The same for a conditional pair: the fakes' classes as G was asked for them. */
    public void trainGenerator(INDArray fake, INDArray fakeClasses) {
        INDArray dEps = packLossGradient(fake, fakeClasses), eps = perPicture(dEps, fake);
        if (modeSeeking > 0) addModeSeeking(eps, fake, fakeClasses);
        Pair<Gradient, INDArray> gg = g.backpropGradient(eps, noWs);
        apply(g, gg.getFirst(), gUpdates++, (int) fake.size(0));
        Buffers.close(eps, dEps, gg.getSecond()); // D's input gradient (a view of it is not closed: its base is), read by G's backprop only; G's own, unused
        gLoss = Double.NaN; // measured on demand by measure(), it costs a forward pass
    }

    /** ∂(−Σ log D)/∂(D's input), the non-saturating loss's gradient with the fakes labelled real: one row per pack. */
    INDArray packLossGradient(INDArray fake, INDArray fakeClasses) {
        INDArray packs = packed(fake);
        INDArray labels = labels(1, packs.size(0), packClasses(fakeClasses, fake.size(0)));
        // only D's input gradient is read here: its convolutions' weight gradients are skipped
        return NoForwardInBackprop.inputGradientOnly(() -> d.calculateGradients(packs, labels, null, null)).getSecond();
    }

    /** A gradient per pack as one per picture, shaped as the fakes: each picture's slice of its pack's channels. */
    INDArray perPicture(INDArray packGradient, INDArray fake) {
        return pack == 1 ? packGradient : packGradient.reshape('c', fake.shape());
    }

    /**
     * Adds w · ∂(mode-seeking term)/∂fake to D's input gradient. That gradient is of the batch's summed
     * loss (the updater divides by the batch), so the term's, of a mean, is scaled by the batch too.
     */
    private void addModeSeeking(INDArray eps, INDArray fake, INDArray fakeClasses) {
        int n = (int) fake.size(0), perImage = (int) (fake.length() / n);
        int zDim = (int) lastInput.size(1) - classes;
        INDArray xc = fake.dup('c'), zc = lastInput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, zDim)).dup('c');
        double[] x = xc.data().asDouble(), z = zc.data().asDouble();
        Buffers.close(xc, zc);
        int[] cls = new int[n]; // an unconditional G: every pair counts
        if (classes > 0) {
            INDArray arg = requireClasses(fakeClasses, n).argMax(1);
            for (int i = 0; i < n; i++) cls[i] = arg.getInt(i);
            arg.close();
        }
        double[] grad = new double[x.length];
        modeSeekingLoss = ModeSeeking.lossAndGradient(x, perImage, z, zDim, cls, grad);
        float[] scaled = new float[grad.length];
        for (int i = 0; i < grad.length; i++) scaled[i] = (float) (grad[i] * modeSeeking * n);
        INDArray term = Nd4j.create(scaled, eps.shape(), 'c');
        eps.addi(term);
        Buffers.close(term);
    }

    /** One full training step on a real batch and a noise batch; returns the fakes it trained on. */
    public INDArray step(INDArray real, INDArray z) {
        return step(real, null, z, null);
    }

    /**
     * One step of a conditional pair: {@code gInput} is [z ; fakeClasses], as G takes it.
     * Plain pairs pass null classes.
     */
    public INDArray step(INDArray real, INDArray realClasses, INDArray gInput, INDArray fakeClasses) {
        INDArray fake = fakes(gInput);
        trainDiscriminator(real, realClasses, fake, fakeClasses);
        trainGenerator(fake, fakeClasses);
        return fake;
    }

    /** D's mean output on real and fake batches (training-mode BatchNorm, as during the updates). */
    public void measure(INDArray real, INDArray fake) {
        measure(real, null, fake, null);
    }

    public void measure(INDArray real, INDArray realClasses, INDArray fake, INDArray fakeClasses) {
        INDArray pr = realProbability(real, realClasses);
        INDArray pf = realProbability(fake, fakeClasses);
        dReal = pr.meanNumber().doubleValue();
        dFake = pf.meanNumber().doubleValue();
        gLoss = org.nd4j.linalg.ops.transforms.Transforms.log(pf.add(1e-12), false).neg().meanNumber().doubleValue();
    }

    /** D's P(real) per pack of pictures [n / pack, 1], in training mode (batch statistics); classes as in {@link #trainDiscriminator}. */
    public INDArray realProbability(INDArray x, INDArray classes) {
        INDArray out = d.output(packed(x), true);
        return this.classes == 0 ? out : ProjectionLoss.probability(out, packClasses(classes, x.size(0)));
    }

    /**
     * Pictures [n, c, h, w] as D takes them: [n / pack, pack·c, h, w], pictures pack·i … pack·i + pack − 1 in pack i
     * (a view of G's and the data's 'c'-ordered batches; a copy otherwise, left to the collector).
     */
    private INDArray packed(INDArray x) {
        if (pack == 1) return x;
        long n = x.size(0);
        if (n % pack != 0) throw new IllegalArgumentException("D judges packs of " + pack + " pictures: a batch of " + n + " does not divide into them");
        return x.reshape('c', n / pack, pack * x.size(1), x.size(2), x.size(3));
    }

    /** One class row per pack (null stays null): the pictures of a pack must share their class. */
    private INDArray packClasses(INDArray cls, long n) {
        if (pack == 1 || cls == null) return cls;
        requireClasses(cls, n);
        INDArray arg = cls.argMax(1);
        for (long i = 0; i < n; i++) {
            if (arg.getLong(i) != arg.getLong(i - i % pack)) {
                throw new IllegalArgumentException("the pictures of a pack must share their class: picture " + i + " is of class "
                        + arg.getLong(i) + ", its pack's first of " + arg.getLong(i - i % pack));
            }
        }
        arg.close();
        return cls.get(NDArrayIndex.interval(0, pack, n), NDArrayIndex.all()).dup('c');
    }

    /** D's labels: the target, then (conditional D) the classes beside it. */
    private INDArray labels(double target, long n, INDArray cls) {
        INDArray t = Nd4j.valueArrayOf(new long[]{n, 1}, target, d.params().dataType());
        return classes == 0 ? t : Nd4j.hstack(t, requireClasses(cls, n).castTo(t.dataType()));
    }

    private INDArray requireClasses(INDArray cls, long n) {
        if (cls == null || cls.size(0) != n || cls.size(1) != classes) {
            throw new IllegalArgumentException("this discriminator is conditioned on " + classes + " classes: give them as [" + n
                    + ", " + classes + "] one-hot rows" + (cls == null ? "" : ", not " + java.util.Arrays.toString(cls.shape())));
        }
        return cls;
    }

    private void apply(MultiLayerNetwork net, Gradient grad, long iteration, int batch) {
        FusedAdam.apply(net, grad, iteration, batch);
    }
}
