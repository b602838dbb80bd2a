package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.nd4j.linalg.api.buffer.DataBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanSessionTest {

    @Test
    void shortTrainingStaysFiniteAndDiscriminatorTellsRealFromFake() throws Exception {
        Digits train = MnistData.train();
        GanSession s = new GanSession(Dcgan.generator(11, Dcgan.LR), Dcgan.discriminator(12, Dcgan.LR), 0, 0);
        INDArray fixedReal = train.batch(8000, 8032);
        INDArray fixedZ = Noise.z(99, 0, 32, Dcgan.Z);
        s.measure(fixedReal, s.fakes(fixedZ));
        double gapBefore = s.dReal - s.dFake;
        for (int step = 0; step < 60; step++) {
            s.step(train.batch(step * 32, step * 32 + 32), Noise.z(11, step, 32, Dcgan.Z));
            assertTrue(Double.isFinite(s.dLoss), "D loss finite at step " + step);
        }
        s.measure(fixedReal, s.fakes(fixedZ));
        assertTrue(Double.isFinite(s.gLoss), "G loss finite");
        assertTrue(Math.abs(gapBefore) < 0.2, "untrained D can't tell: " + gapBefore);
        assertTrue(s.dReal - s.dFake > 0.4, "trained D tells real (" + s.dReal + ") from fake (" + s.dFake + ")");
        assertTrue(s.dUpdates() == 60 && s.gUpdates() == 60);
    }

    /**
     * The step's native buffers are freed when the next forward pass starts (a 2,000-step run held 7 GiB waiting
     * for the collector): the layers' inputs of the last pass are closed then, the caller's z and fakes are not.
     */
    @Test
    void nextForwardPassFreesTheLastOnesBuffersButNotTheCallers() throws Exception {
        Digits train = MnistData.train();
        GanSession s = new GanSession(Dcgan.generator(11, Dcgan.LR), Dcgan.discriminator(12, Dcgan.LR), 0, 0);
        INDArray real = train.batch(0, 32);
        INDArray z1 = Noise.z(1, 0, 32, Dcgan.Z);
        INDArray fake1 = s.fakes(z1);
        List<DataBuffer> inputs = new ArrayList<>();
        for (int i = 1; i < s.generator().getnLayers(); i++) inputs.add(root(s.generator().getLayer(i).input()));
        s.trainDiscriminator(real, fake1);
        s.trainGenerator(fake1);
        INDArray fake2 = s.fakes(Noise.z(1, 1, 32, Dcgan.Z));
        for (int i = 0; i < inputs.size(); i++) assertTrue(inputs.get(i).wasClosed(), "layer " + (i + 1) + "'s input of the last pass freed");
        assertFalse(z1.wasClosed() || fake1.wasClosed(), "the caller's arrays stay");
        assertTrue(Double.isFinite(fake1.sumNumber().doubleValue()) && Double.isFinite(fake2.sumNumber().doubleValue()));
        s.trainDiscriminator(real, fake2);
        s.trainGenerator(fake2);
        assertTrue(Double.isFinite(s.dLoss) && Double.isFinite(s.generator().params().sumNumber().doubleValue()));
    }

    /** The in-place average: ema ← d·ema + (1 − d)·params. */
    @Test
    void emaIsTheWeightedAverageOfTheIterates() throws Exception {
        Digits train = MnistData.train();
        GanSession s = new GanSession(Dcgan.generator(11, Dcgan.LR), Dcgan.discriminator(12, Dcgan.LR), 0, 0);
        s.updateEma(0.9);
        float[] p0 = s.generator().params().dup().data().asFloat();
        s.step(train.batch(0, 32), Noise.z(1, 0, 32, Dcgan.Z));
        float[] p1 = s.generator().params().dup().data().asFloat();
        s.updateEma(0.9);
        float[] want = new float[p0.length];
        for (int i = 0; i < want.length; i++) want[i] = 0.9f * p0[i] + 0.1f * p1[i];
        assertArrayEquals(want, s.ema().dup().data().asFloat(), 1e-6f);
        assertFalse(java.util.Arrays.equals(p0, p1), "the step moved G");
    }

    private static DataBuffer root(INDArray a) {
        DataBuffer u = a.data().underlyingDataBuffer();
        return u != null ? u : a.data();
    }
}
