package dev.latentstudio.engine.pix2pix;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Pix2PixNetsTest {

    @Test
    void theNetworksHaveThePeersShapesAndParameterCounts() {
        // counts from ../shared/bench/nets.py: sum(p.numel()) of unet(128) and patchgan()
        Pix2PixNets.Spec s = new Pix2PixNets.Spec(128, 64, 3, 3);
        ComputationGraph g = Pix2PixNets.unet(s, 1, Pix2PixNets.LR);
        MultiLayerNetwork d = Pix2PixNets.patchGan(s, 64, 2, Pix2PixNets.LR);
        assertEquals(41_828_995, g.numParams() - batchNormStats(g));
        assertEquals(2_768_705, d.numParams() - batchNormStats(d));
        INDArray a = Nd4j.rand(1, 3, 128, 128);
        assertArrayEquals(new long[]{1, 3, 128, 128}, g.outputSingle(a).shape());
        assertArrayEquals(new long[]{1, 1, 14, 14}, d.output(Nd4j.rand(1, 6, 128, 128)).shape());
    }

    @Test
    void instanceNormReplacesEveryBatchNormAndHasNoParameters() {
        Pix2PixNets.Spec bn = new Pix2PixNets.Spec(64, 8, 1, 1), in = new Pix2PixNets.Spec(64, 8, 1, 1, Pix2PixNets.Norm.INSTANCE);
        ComputationGraph gb = Pix2PixNets.unet(bn, 1, Pix2PixNets.LR), gi = Pix2PixNets.unet(in, 1, Pix2PixNets.LR);
        MultiLayerNetwork db = Pix2PixNets.patchGan(bn, 8, 2, Pix2PixNets.LR), di = Pix2PixNets.patchGan(in, 8, 2, Pix2PixNets.LR);
        // BatchNorm's four per-channel arrays (γ, β, mean, variance) are all that goes
        assertEquals(gb.numParams() - 4 * batchNormChannels(gb), gi.numParams());
        assertEquals(db.numParams() - 4 * batchNormChannels(db), di.numParams());
        assertEquals(Pix2PixNets.Norm.BATCH, Pix2PixNets.normOf(gb));
        assertArrayEquals(new long[]{2, 1, 64, 64}, gi.outputSingle(Nd4j.rand(2, 1, 64, 64)).shape());
        assertArrayEquals(new long[]{1, 1, 6, 6}, di.output(Nd4j.rand(1, 2, 64, 64)).shape());
    }

    private static long batchNormChannels(org.deeplearning4j.nn.api.Model net) {
        return net.paramTable().entrySet().stream().filter(e -> e.getKey().endsWith("_gamma")).mapToLong(e -> e.getValue().length()).sum();
    }

    /** DL4J keeps BatchNorm's running mean and variance among the parameters; PyTorch keeps them as buffers. */
    private static long batchNormStats(org.deeplearning4j.nn.api.Model net) {
        return net.paramTable().entrySet().stream().filter(e -> e.getKey().endsWith("_mean") || e.getKey().endsWith("_var") || e.getKey().endsWith("_log10stdev"))
                .mapToLong(e -> e.getValue().length()).sum();
    }
}
