package dev.latentstudio.engine.gan;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormCalibrationTest {

    @Test
    void inferenceMatchesBatchStatisticsOnTheCalibrationBatch() {
        MultiLayerNetwork g = Dcgan.generator(9, Dcgan.LR);
        g.getLayer(0).getParam("W").muli(5); // move the activations away from the initial running statistics
        INDArray z = Noise.z(9, 0, 512, Dcgan.Z);
        double before = g.output(z, false).sub(g.output(z, true)).amaxNumber().doubleValue();
        BatchNormCalibration.recalibrate(g, z);
        double after = g.output(z, false).sub(g.output(z, true)).amaxNumber().doubleValue();
        assertTrue(before > 0.05, "uncalibrated inference differs from batch statistics: " + before);
        assertTrue(after < 1e-3, "calibrated inference equals batch statistics: " + after);
    }

    @Test
    void averageFollowsTheParameters() {
        GanSession s = new GanSession(Dcgan.generator(1, Dcgan.LR), Dcgan.discriminator(2, Dcgan.LR), 0, 0);
        s.updateEma(0.9);
        INDArray start = s.ema().dup();
        s.generator().params().addi(1.0);
        s.updateEma(0.9);
        INDArray expected = start.mul(0.9).addi(s.generator().params().mul(0.1));
        double diff = s.ema().sub(expected).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, "average = 0.9·old + 0.1·params: " + diff);
        assertTrue(s.ema().sub(start).amaxNumber().doubleValue() > 0.05, "the average moved");
    }
}
