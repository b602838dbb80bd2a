package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstanceNormTest {
    /** A convolution (so the layer sits inside a network, with parameters before it) and then instance norm, in doubles. */
    private static MultiLayerNetwork net(int side, int channels) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new NoOp()).list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(channels).activation(Activation.IDENTITY).build())
                .layer(new InstanceNorm())
                .setInputType(InputType.convolutional(side, side, 2))
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    @Test
    void eachSamplesEachChannelIsNormalisedOverItsPixels() {
        for (int batch : new int[]{1, 3}) {
            Nd4j.getRandom().setSeed(batch);
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 4, 3, 5).muli(7).subi(2);
            MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                    .layer(new InstanceNorm()).setInputType(InputType.convolutional(3, 5, 4)).build());
            n.init();
            INDArray train = n.output(x, true), test = n.output(x, false);
            for (int s = 0; s < batch; s++) {
                for (int c = 0; c < 4; c++) {
                    double mean = 0, var = 0;
                    for (int y = 0; y < 3; y++) for (int xx = 0; xx < 5; xx++) mean += x.getDouble(s, c, y, xx) / 15;
                    for (int y = 0; y < 3; y++) for (int xx = 0; xx < 5; xx++) var += Math.pow(x.getDouble(s, c, y, xx) - mean, 2) / 15;
                    for (int y = 0; y < 3; y++) {
                        for (int xx = 0; xx < 5; xx++) {
                            double want = (x.getDouble(s, c, y, xx) - mean) / Math.sqrt(var + InstanceNorm.EPS);
                            assertEquals(want, train.getDouble(s, c, y, xx), 1e-9);
                            assertEquals(want, test.getDouble(s, c, y, xx), 1e-9, "no running statistics: inference is the same");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theBackwardPassIsTheGradientOfTheForwardOne() {
        for (int batch : new int[]{1, 2}) {
            Nd4j.getRandom().setSeed(10 + batch);
            MultiLayerNetwork n = net(4, 3);
            INDArray x = Nd4j.rand(DataType.DOUBLE, batch, 2, 4, 4).subi(0.5);
            INDArray w = Nd4j.rand(DataType.DOUBLE, batch, 3, 4, 4).subi(0.5); // objective Σ out ⊙ w
            n.setInput(x);
            n.feedForward(true, false);
            INDArray grad = n.backpropGradient(w.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
            double h = 1e-5;
            for (int i = 0; i < x.length(); i += 3) {
                double v = x.getDouble(i);
                x.putScalar(i, v + h);
                double up = n.output(x, true).mul(w).sumNumber().doubleValue();
                x.putScalar(i, v - h);
                double down = n.output(x, true).mul(w).sumNumber().doubleValue();
                x.putScalar(i, v);
                assertEquals((up - down) / (2 * h), grad.getDouble(i), 1e-6, "batch " + batch + ", element " + i);
            }
        }
    }
}
