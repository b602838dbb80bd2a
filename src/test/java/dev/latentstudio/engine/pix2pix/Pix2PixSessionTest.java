package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.classify.DigitClassifier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Pix2PixSessionTest {
    private static final Pix2PixNets.Spec SMALL = new Pix2PixNets.Spec(32, 8, 1, 1);

    private static Pix2PixSession session(double lambda) {
        return session(lambda, Pix2PixNets.LR);
    }

    private static Pix2PixSession session(double lambda, double lr) {
        return new Pix2PixSession(Pix2PixNets.unet(SMALL, 1, lr), Pix2PixNets.patchGan(SMALL, 8, 2, lr), lambda, 0, 0);
    }

    @Test
    void theGeneratorsGradientIsThatOfThePeersObjective() {
        Nd4j.getRandom().setSeed(5);
        Pix2PixSession s = session(0); // the adversarial term alone: L1 has kinks a finite difference trips on
        INDArray a = Nd4j.rand(2, 1, 32, 32).muli(2).subi(1);
        INDArray b = Nd4j.rand(2, 1, 32, 32).muli(2).subi(1);
        INDArray fake = Nd4j.rand(2, 1, 32, 32).muli(2).subi(1);
        INDArray grad = s.generatorGradient(a, b, fake);
        double h = 2e-2;
        int checked = 0;
        for (int k = 0; k < 12; k++) {
            long[] at = {k % 2, 0, (7 * k + 3) % 32, (11 * k + 5) % 32};
            double v = fake.getDouble(at);
            fake.putScalar(at, v + h);
            double up = s.generatorObjective(a, b, fake);
            fake.putScalar(at, v - h);
            double down = s.generatorObjective(a, b, fake);
            fake.putScalar(at, v);
            double numeric = (up - down) / (2 * h);
            double analytic = grad.getDouble(at);
            assertEquals(numeric, analytic, 0.1 * Math.abs(numeric) + 3e-5, "at " + java.util.Arrays.toString(at));
            checked++;
        }
        assertEquals(12, checked);
        // the L1 term: λ·sign(G(A) − B) / count
        Pix2PixSession l1 = session(100);
        INDArray both = l1.generatorGradient(a, b, fake).sub(grad);
        INDArray expected = Transforms.sign(fake.sub(b)).muli(100.0 / fake.length());
        assertTrue(both.equalsWithEps(expected, 1e-5));
    }

    @Test
    void theL1LossFallsOnAFixedPair() {
        Nd4j.getRandom().setSeed(6);
        Pix2PixSession s = session(100, 2e-3);
        INDArray a = Nd4j.rand(1, 1, 32, 32).muli(2).subi(1);
        INDArray b = a.mul(-0.8).addi(0.1); // a plain mapping G can learn
        s.step(a, b);
        double first = s.gL1;
        for (int i = 0; i < 40; i++) s.step(a, b);
        assertTrue(s.gL1 < 0.5 * first, first + " → " + s.gL1);
        assertTrue(Double.isFinite(s.dLoss) && s.dReal > 0 && s.dReal < 1, "D: " + s.dLoss + ", " + s.dReal);
        assertEquals(41, s.gUpdates());
    }

    @Test
    void withInstanceNormTheL1LossFallsAtBatchOneAndTwo() {
        Pix2PixNets.Spec in = new Pix2PixNets.Spec(32, 8, 1, 1, Pix2PixNets.Norm.INSTANCE);
        assertEquals(Pix2PixNets.Norm.INSTANCE, Pix2PixNets.normOf(Pix2PixNets.unet(in, 1, 2e-3)));
        for (int batch : new int[]{1, 2}) {
            Nd4j.getRandom().setSeed(8);
            Pix2PixSession s = new Pix2PixSession(Pix2PixNets.unet(in, 1, 2e-3), Pix2PixNets.patchGan(in, 8, 2, 2e-3), 100, 0, 0);
            INDArray a = Nd4j.rand(batch, 1, 32, 32).muli(2).subi(1);
            INDArray b = a.mul(-0.8).addi(0.1);
            s.step(a, b);
            double first = s.gL1;
            for (int i = 0; i < 40; i++) s.step(a, b);
            assertTrue(s.gL1 < 0.5 * first, "batch " + batch + ": " + first + " → " + s.gL1);
            assertTrue(Double.isFinite(s.dLoss), "D: " + s.dLoss);
        }
    }

    /** A fashion-cnn of random weights in doubles, so central differences are exact enough to check the term's gradient. */
    private static PerceptualTerm tinyTerm(double weight) {
        MultiLayerNetwork net = new MultiLayerNetwork(DigitClassifier.conf(DigitClassifier.Arch.FASHION_CNN, 4, new NoOp(), DataType.DOUBLE));
        net.init();
        return PerceptualTerm.onClassifier(weight, net, "conv2", 1, 28);
    }

    @Test
    void thePerceptualTermsGradientIsItsCentralDifference() {
        Nd4j.getRandom().setSeed(9);
        PerceptualTerm term = tinyTerm(3);
        // G's side 32, the net's 28: the resampling and its adjoint are in the path
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 32, 32).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 2, 1, 32, 32).muli(2).subi(1);
        PerceptualTerm.Value v = term.of(x, b);
        assertTrue(v.loss() > 0);
        double h = 1e-5;
        for (int k = 0; k < 16; k++) {
            long[] at = {k % 2, 0, (7 * k + 3) % 32, (11 * k + 5) % 32};
            double old = x.getDouble(at);
            x.putScalar(at, old + h);
            double up = 3 * term.of(x, b).loss();
            x.putScalar(at, old - h);
            double down = 3 * term.of(x, b).loss();
            x.putScalar(at, old);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, v.gradient().getDouble(at), 1e-3 * Math.abs(numeric) + 1e-9, "at " + java.util.Arrays.toString(at));
        }
        assertEquals(0, term.of(b, b).loss(), 1e-12, "no difference, no term");
    }

    @Test
    void theFaceTermGoesThroughTheRecognisersShallowLayer() throws Exception {
        Nd4j.getRandom().setSeed(11);
        PerceptualTerm term = PerceptualTerm.load(PerceptualTerm.Net.FACE, 2);
        assertEquals(PerceptualTerm.Net.FACE, PerceptualTerm.Net.forChannels(3));
        INDArray x = Nd4j.rand(1, 3, 64, 64).muli(2).subi(1), b = Nd4j.rand(1, 3, 64, 64).muli(2).subi(1);
        PerceptualTerm.Value v = term.of(x, b);
        assertArrayEquals(x.shape(), v.gradient().shape());
        assertTrue(v.loss() > 0);
        // along the gradient the weighted term changes at the gradient's squared norm (the recogniser is float: a loose check)
        double norm = v.gradient().norm2Number().doubleValue(), eps = 1e-2;
        INDArray dir = v.gradient().div(norm);
        double slope = 2 * (term.of(x.add(dir.mul(eps)), b).loss() - term.of(x.sub(dir.mul(eps)), b).loss()) / (2 * eps);
        assertEquals(norm, slope, 0.05 * norm);
        assertThrows(IllegalArgumentException.class, () -> term.of(Nd4j.rand(1, 1, 64, 64), Nd4j.rand(1, 1, 64, 64)));
        assertNull(PerceptualTerm.load(PerceptualTerm.Net.FACE, 0), "weight 0: no term, nothing loaded");
    }

    @Test
    void theSecondGarmentClassifiersTermGoesThroughItsThirdConvolution() throws Exception {
        Nd4j.getRandom().setSeed(12);
        PerceptualTerm term = PerceptualTerm.load(PerceptualTerm.Net.FASHION_B, 30);
        assertEquals(PerceptualTerm.Net.FASHION_B, PerceptualTerm.Net.of("fashion-cnn-b"));
        assertEquals(PerceptualTerm.Net.FASHION_B, PerceptualTerm.Net.forChannels(1), "grey pictures: not the judge's features");
        INDArray x = Nd4j.rand(2, 1, 64, 64).muli(2).subi(1), b = Nd4j.rand(2, 1, 64, 64).muli(2).subi(1);
        PerceptualTerm.Value v = term.of(x, b);
        assertArrayEquals(x.shape(), v.gradient().shape());
        assertTrue(v.loss() > 0);
        assertEquals(0, term.of(b, b).loss(), 1e-12, "no difference, no term");
        double norm = v.gradient().norm2Number().doubleValue(), eps = 1e-2;
        INDArray dir = v.gradient().div(norm);
        double slope = 30 * (term.of(x.add(dir.mul(eps)), b).loss() - term.of(x.sub(dir.mul(eps)), b).loss()) / (2 * eps);
        assertEquals(norm, slope, 0.05 * norm);
    }

    @Test
    void thePerceptualTermIsAddedToTheGeneratorsGradientAndObjective() {
        Nd4j.getRandom().setSeed(10);
        PerceptualTerm term = tinyTerm(5);
        Pix2PixSession plain = session(100);
        Pix2PixSession with = new Pix2PixSession(plain.generator(), plain.discriminator(), 100, term, 0, 0);
        INDArray a = Nd4j.rand(2, 1, 32, 32).muli(2).subi(1);
        INDArray b = Nd4j.rand(2, 1, 32, 32).muli(2).subi(1);
        INDArray fake = Nd4j.rand(2, 1, 32, 32).muli(2).subi(1);
        INDArray added = with.generatorGradient(a, b, fake).sub(plain.generatorGradient(a, b, fake));
        PerceptualTerm.Value v = term.of(fake.castTo(DataType.DOUBLE), b.castTo(DataType.DOUBLE));
        assertTrue(added.castTo(DataType.DOUBLE).equalsWithEps(v.gradient(), 1e-6));
        assertEquals(v.loss(), with.gPerceptual, 1e-6);
        assertTrue(Double.isNaN(plain.gPerceptual), "off: no figure");
        assertEquals(5 * v.loss(), with.generatorObjective(a, b, fake) - plain.generatorObjective(a, b, fake), 1e-4);
    }

    @Test
    void theSkipJoinsCarryThePictureWithoutTheInnermostBlock() {
        Nd4j.getRandom().setSeed(7);
        Pix2PixSession s = session(100, 2e-3);
        // a picture with structure at every scale: a bright disc on a ramp
        float[] px = new float[32 * 32];
        for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) {
            px[y * 32 + x] = (x - 11) * (x - 11) + (y - 13) * (y - 13) < 40 ? 0.9f : -0.9f + x / 40f;
        }
        INDArray a = Nd4j.create(px, new long[]{1, 1, 32, 32});
        for (int i = 0; i < 60; i++) s.step(a, a); // learn to copy A
        double before = Transforms.abs(s.translate(a).sub(a)).meanNumber().doubleValue();
        // silence the innermost block: nothing passes the 1×1 bottleneck any more
        int inner = SMALL.levels() - 1;
        s.generator().getLayer("up" + inner).getParam("W").assign(0);
        INDArray out = s.translate(a);
        double copy = Transforms.abs(out.sub(a)).meanNumber().doubleValue();
        double flat = Transforms.abs(a.sub(a.meanNumber())).meanNumber().doubleValue();
        assertTrue(copy < 0.5 * flat, "with the bottleneck cut, G(A) is still A: L1 " + copy + " (" + before
                + " uncut) against " + flat + " for a flat guess");
    }
}
