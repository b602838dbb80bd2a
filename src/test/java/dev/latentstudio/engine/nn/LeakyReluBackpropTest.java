package dev.latentstudio.engine.nn;

import static dev.latentstudio.engine.invert.InversionGradientsTest.centralDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.engine.face.TinyFaceDetector;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

/** Input gradients through leaky ReLU and 'same' max pooling (tiny_face_detector's parts), against DL4J and differences. */
class LeakyReluBackpropTest {

    @Test
    void leakyReluLayersAgreeWithDl4jsOwnBackprop() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Truncate)
                        .activation(new ActivationLReLU(0.1)).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).convolutionMode(ConvolutionMode.Same).build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(new ActivationLReLU(0.1)).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).convolutionMode(ConvolutionMode.Same).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(new ActivationLReLU(0.3)).build())
                .setInputType(InputType.convolutional(15, 15, 3)).build());
        net.init();
        assertTrue(InputOnlyBackprop.supports(net), "leaky ReLU and same max pooling take the input-only path");
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 15, 15).muli(2).subi(1);
        INDArray outGrad = Nd4j.randn(DataType.DOUBLE, 2, 5);
        INDArray fast = new InputOnlyBackprop(net).of(x.dup(), o -> outGrad);
        INDArray ref = InputGradient.viaDl4j(net, x.dup(), o -> outGrad);
        assertArrayEquals(ref.shape(), fast.shape());
        double scale = ref.amaxNumber().doubleValue();
        assertTrue(scale > 0);
        assertTrue(fast.sub(ref).amaxNumber().doubleValue() <= 1e-6 * scale, "the same gradient as DL4J's");
        // and against central differences of the network's own output at a few pixels
        for (long i : new long[]{0, 3 * 15 + 4, 225 + 7 * 15 + 7, 2 * 225 + 224}) {
            double fd = centralDifference(in -> net.output(in, false).mul(outGrad).sumNumber().doubleValue(), x, i, 1e-6);
            assertEquals(fd, fast.reshape(fast.length()).getDouble(i), 1e-6 * scale, "pixel " + i);
        }
    }

    @Test
    void theTinyFaceDetectorsGraphIsItsOpChainAndHasInputGradients() throws Exception {
        TinyFaceDetector d = TinyFaceDetector.load(Path.of("models/face-api"));
        ComputationGraph g = d.graph();
        assertTrue(InputOnlyBackprop.supports(g));
        Nd4j.getRandom().setSeed(6);
        INDArray rgb = Nd4j.rand(DataType.FLOAT, 1, 3, 64, 64).muli(255);
        INDArray head = new InputOnlyBackprop(g).output(normalised(rgb, DataType.FLOAT));
        INDArray chain = d.forward(rgb.permute(0, 2, 3, 1).dup('c')).permute(0, 3, 1, 2);
        assertArrayEquals(new long[]{1, 25, 2, 2}, head.shape());
        assertTrue(head.equalsWithEps(chain, 1e-3 * chain.amaxNumber().doubleValue()), "the graph computes the detector's head");
        // input gradients in double precision against central differences at a few pixels
        ComputationGraph g64 = g.convertDataType(DataType.DOUBLE);
        InputOnlyBackprop b = new InputOnlyBackprop(g64);
        INDArray x = normalised(rgb, DataType.DOUBLE);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 1, 25, 2, 2);
        INDArray grad = b.of(x.dup(), out -> r);
        double scale = grad.amaxNumber().doubleValue();
        assertTrue(scale > 0);
        for (int[] p : new int[][]{{0, 10, 10}, {1, 33, 40}, {2, 63, 63}, {0, 0, 0}, {1, 50, 5}}) {
            long i = (p[0] * 64L + p[1]) * 64 + p[2];
            double fd = centralDifference(in -> b.output(in).mul(r).sumNumber().doubleValue(), x, i, 1e-6);
            assertEquals(fd, grad.getDouble(0, p[0], p[1], p[2]), 1e-4 * scale, java.util.Arrays.toString(p));
        }
    }

    private static INDArray normalised(INDArray rgb, DataType type) {
        INDArray mean = Nd4j.createFromArray(TinyFaceDetector.meanRgb()).reshape(1, 3, 1, 1);
        return rgb.sub(mean).divi(255).castTo(type);
    }
}
