package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused update against DL4J's updater and subtraction: the DCGANs' G and D (both sizes) and pix2pix's U-Net
 * (external gradients, BatchNorm's running statistics, dropout) and PatchGAN, trained 200 steps each way with a
 * learning-rate schedule, end at the same parameters and Adam moments; updaters it does not fuse go DL4J's way.
 */
class FusedAdamTest {
    private static final int STEPS = 200;
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    /** The learning rate held for half the run, then a tenth: the schedule must reach the fused step too. */
    private static MapSchedule schedule() {
        return new MapSchedule(ScheduleType.ITERATION, Map.of(0, Dcgan.LR, STEPS / 2, Dcgan.LR / 10));
    }

    /** Trains a copy each way, each step's gradient from {@code gradient} (seeded alike); returns {params, state, initial params} of each. */
    private static <M extends Model> INDArray[][] trainBothWays(java.util.function.Supplier<M> make, Function<M, Gradient> gradient,
                                                               int batch, boolean expectFused) {
        INDArray[][] out = new INDArray[2][];
        for (int way = 0; way < 2; way++) {
            M net = make.get();
            INDArray initial = net.params().dup();
            if (net instanceof MultiLayerNetwork mln) mln.setLearningRate(schedule());
            else ((ComputationGraph) net).setLearningRate(schedule());
            for (int step = 0; step < STEPS; step++) {
                Nd4j.getRandom().setSeed(1000 + step); // the same inputs and dropout masks both ways
                Gradient g = gradient.apply(net);
                if (way == 0) {
                    FusedAdam.updater(net).update(g, step, 0, batch, NO_WS);
                    net.params().subi(g.gradient());
                } else {
                    assertEquals(expectFused, FusedAdam.apply(net, g, step, batch), "fused at step " + step);
                }
            }
            out[way] = new INDArray[]{net.params().dup(), FusedAdam.updater(net).getStateViewArray().dup(), initial};
        }
        return out;
    }

    /** Bit for bit: the same float operations in the same order (libnd4j's fused multiply-adds included). */
    private static void assertExactly(INDArray[][] r, String what) {
        assertTrue(r[0][0].sub(r[0][2]).amaxNumber().doubleValue() > 1e-3, what + ": training moved the parameters");
        assertEquals(0.0, r[0][0].sub(r[1][0]).amaxNumber().doubleValue(), 0.0, what + ": parameters");
        assertEquals(0.0, r[0][1].sub(r[1][1]).amaxNumber().doubleValue(), 0.0, what + ": Adam's moments");
    }

    @Test
    void theDcgansEndAtTheBuiltInParameters() {
        for (Dcgan.Architecture a : new Dcgan.Architecture[]{Dcgan.Architecture.MNIST, Dcgan.Architecture.colour64(4)}) {
            int batch = 4;
            INDArray real = Nd4j.rand(batch, a.channels(), a.side(), a.side()).muli(2).subi(1), ones = Nd4j.ones(batch, 1);
            INDArray[][] d = trainBothWays(() -> a.discriminator(4, Dcgan.LR), net -> {
                net.setInput(real);
                net.setLabels(ones);
                net.computeGradientAndScore();
                return net.gradient();
            }, batch, true);
            assertExactly(d, a.id() + " D");
            INDArray z = Nd4j.randn(batch, a.z());
            INDArray eps = Nd4j.randn(new long[]{batch, a.channels(), a.side(), a.side()});
            INDArray[][] g = trainBothWays(() -> a.generator(3, Dcgan.LR), net -> {
                net.setInput(z);
                net.feedForward(true, false);
                return net.backpropGradient(eps, NO_WS).getFirst();
            }, batch, true);
            assertExactly(g, a.id() + " G");
        }
    }

    @Test
    void pix2pixsNetworksEndAtTheBuiltInParameters() {
        Pix2PixNets.Spec spec = new Pix2PixNets.Spec(64, 4, 1, 1); // six levels: BatchNorm and dropout
        INDArray a = Nd4j.rand(1, 1, 64, 64).muli(2).subi(1), eps = Nd4j.randn(new long[]{1, 1, 64, 64});
        INDArray[][] g = trainBothWays(() -> Pix2PixNets.unet(spec, 3, Pix2PixNets.LR), net -> {
            net.feedForward(new INDArray[]{a}, true, false);
            return net.backpropGradient(eps); // an external gradient: not the graph's own view
        }, 1, true);
        assertExactly(g, "U-Net");
        INDArray pair = Nd4j.rand(2, 2, 64, 64), target = Nd4j.ones(2, 1, 6, 6);
        INDArray[][] d = trainBothWays(() -> Pix2PixNets.patchGan(spec, 4, 4, Pix2PixNets.LR), net -> {
            net.setInput(pair);
            net.setLabels(target);
            net.computeGradientAndScore();
            return net.gradient();
        }, 2, true);
        assertExactly(d, "PatchGAN");
    }

    /** Fails if a training net of the studio's would silently go DL4J's slower way (a new updater, L2, clipping). */
    @Test
    void everyNetTheStudioTrainsIsFused() {
        java.util.List<Model> nets = new java.util.ArrayList<>();
        for (Dcgan.Architecture a : new Dcgan.Architecture[]{Dcgan.Architecture.MNIST, Dcgan.Architecture.conditional28(10),
                Dcgan.Architecture.colour64(8), Dcgan.Architecture.conditional64(8, 3)}) {
            nets.add(a.generator(1, Dcgan.LR));
            nets.add(a.discriminator(2, Dcgan.LR));
            nets.add(a.discriminator(2, Dcgan.LR, 2));
        }
        for (Pix2PixNets.Norm norm : Pix2PixNets.Norm.values()) {
            Pix2PixNets.Spec spec = new Pix2PixNets.Spec(32, 4, 3, 3, norm);
            nets.add(Pix2PixNets.unet(spec, 1, Pix2PixNets.LR));
            nets.add(Pix2PixNets.patchGan(spec, 4, 2, Pix2PixNets.LR));
        }
        for (int i = 0; i < nets.size(); i++) {
            Model net = nets.get(i);
            INDArray before = net.params().dup();
            Gradient zero = new org.deeplearning4j.nn.gradient.DefaultGradient(Nd4j.zeros(1, net.numParams()));
            assertTrue(FusedAdam.apply(net, zero, 0, 4), "net " + i + ", a " + net.getClass().getSimpleName());
            assertEquals(0.0, net.params().sub(before).amaxNumber().doubleValue(), 0.0, "a zero gradient moves nothing");
        }
    }

    private static MultiLayerNetwork dense(IUpdater updater, double l2) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).updater(updater).l2(l2).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(5)).build());
        net.init();
        return net;
    }

    @Test
    void whatItDoesNotFuseGoesDl4jsWayExactly() {
        INDArray x = Nd4j.rand(6, 5), y = Nd4j.rand(6, 2);
        Function<MultiLayerNetwork, Gradient> grad = net -> {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            return net.gradient();
        };
        // another updater, and Adam with L2
        record Case(IUpdater updater, double l2) {
        }
        for (Case c : new Case[]{new Case(new Nesterovs(0.01, 0.9), 0), new Case(new Adam(1e-3), 1e-3)}) {
            INDArray[][] r = trainBothWays(() -> dense(c.updater().clone(), c.l2()), grad, 6, false);
            assertEquals(0.0, r[0][0].sub(r[1][0]).amaxNumber().doubleValue(), 0.0, c.toString());
        }
        // the control: the same net with plain Adam and no L2 is fused (BatchNorm's running statistics included)
        assertExactly(trainBothWays(() -> dense(new Adam(1e-3), 0), grad, 6, true), "dense net, plain Adam");
    }
}
