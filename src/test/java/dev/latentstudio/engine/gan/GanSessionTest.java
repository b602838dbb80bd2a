package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

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
}
