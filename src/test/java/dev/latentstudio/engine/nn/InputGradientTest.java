package dev.latentstudio.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.engine.classify.DigitClassifier;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

class InputGradientTest {

    @Test
    void logitsNetworkHasTheClassifierParamsAndItsPreSoftmaxOutputs() {
        MultiLayerNetwork c = DigitClassifier.create(3, 1e-3);
        MultiLayerNetwork l = InputGradient.logitsNetwork(c);
        assertEquals(c.params(), l.params());
        assertTrue(l.getLayer(l.getnLayers() - 1).conf().getLayer() instanceof DenseLayer);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28).muli(2).subi(1);
        INDArray softmax = Nd4j.getExecutioner().exec(new SoftMax(l.output(x, false), 1))[0];
        assertTrue(c.output(x, false).equalsWithEps(softmax, 1e-5));
    }

    @Test
    void matchesFiniteDifferencesOfTheFirstLogit() {
        // the real path: float with the oneDNN convolutions; the reference: central differences on a double copy
        MultiLayerNetwork f = InputGradient.logitsNetwork(DigitClassifier.create(5, 1e-3));
        MultiLayerNetwork d = f.convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(4); // fixed input: a difference step across a ReLU kink or a pooling tie would fail at random
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, 28, 28).muli(2).subi(1);
        INDArray eps = Nd4j.zeros(DataType.FLOAT, 1, 10);
        eps.putScalar(0, 0, 1);
        INDArray gradF = InputGradient.of(f, x.castTo(DataType.FLOAT), eps);
        INDArray gradD = InputGradient.of(d, x.dup(), eps.castTo(DataType.DOUBLE));
        assertArrayEquals(new long[] {1, 1, 28, 28}, gradF.shape());
        double h = 1e-5, scale = gradD.amaxNumber().doubleValue();
        assertTrue(scale > 0, "a random net's logit depends on the pixels");
        int[][] pixels = {{14, 14}, {10, 17}, {20, 8}, {3, 25}, {0, 0}};
        for (int[] p : pixels) {
            double x0 = x.getDouble(0, 0, p[0], p[1]);
            x.putScalar(new long[] {0, 0, p[0], p[1]}, x0 + h);
            double up = d.output(x, false).getDouble(0, 0);
            x.putScalar(new long[] {0, 0, p[0], p[1]}, x0 - h);
            double down = d.output(x, false).getDouble(0, 0);
            x.putScalar(new long[] {0, 0, p[0], p[1]}, x0);
            double fd = (up - down) / (2 * h);
            String at = "pixel " + p[0] + "," + p[1];
            assertEquals(fd, gradD.getDouble(0, 0, p[0], p[1]), 1e-6 * scale + 1e-8, at + " (double)");
            assertEquals(fd, gradF.getDouble(0, 0, p[0], p[1]), 1e-3 * scale, at + " (float, oneDNN)");
        }
    }

    @Test
    void inputOnlyPathEqualsDl4jsBackpropOnBothBenchNetsAndEveryCut() {
        MultiLayerNetwork digit = InputGradient.logitsNetwork(DigitClassifier.create(7, 1e-3));
        assertTrue(InputOnlyBackprop.supports(digit));
        compare(digit, Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28).muli(2).subi(1));
        LayerNetworks cuts = new LayerNetworks(DigitClassifier.create(8, 1e-3));
        for (int l = 0; l < cuts.size(); l++) compare(cuts.upTo(l), Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28).muli(2).subi(1));
        MultiLayerNetwork conv10 = dev.latentstudio.engine.bench.Bench.conv10(3);
        assertTrue(InputOnlyBackprop.supports(conv10));
        compare(conv10, Nd4j.rand(DataType.FLOAT, 1, 3, 112, 112));
    }

    @Test
    void stridedAndEvenKernelsTakeTheTransposedConvolutionAndStillAgree() {
        // stride 2 and an even kernel cannot be turned into a stride-1 convolution: deconv2d handles them
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(8).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(6)
                        .activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(2, 2).stride(1, 1).convolutionMode(ConvolutionMode.Same).nOut(5)
                        .activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nOut(7).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(28, 28, 2)).build());
        net.init();
        assertTrue(InputOnlyBackprop.supports(OneDnn.accelerate(net)));
        compare(net, Nd4j.rand(DataType.FLOAT, 2, 2, 28, 28).muli(2).subi(1));
    }

    @Test
    void stride1ConvolutionsIntoFewChannelsTakeTheMatrixProductAndAgreeWithAnyPadding() {
        // every layer reads fewer than FEW_CHANNELS channels: explicit, zero and 'same' padding, a rectangular image
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).weightInit(WeightInit.RELU).list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(5, 3).padding(0, 0).nOut(3).activation(Activation.LEAKYRELU).build())
                .layer(new ConvolutionLayer.Builder(3, 5).convolutionMode(ConvolutionMode.Same).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(20, 17, 2)).build());
        net.init();
        assertTrue(InputOnlyBackprop.supports(OneDnn.accelerate(net)));
        compare(net, Nd4j.rand(DataType.FLOAT, 2, 2, 20, 17).muli(2).subi(1));
    }

    /** Both paths with a random output gradient: the same input gradient to float precision. */
    private static void compare(MultiLayerNetwork net, INDArray x) {
        INDArray outGrad = Nd4j.randn(DataType.FLOAT, net.output(x, false).shape());
        INDArray fast = new InputOnlyBackprop(net).of(x.dup(), o -> outGrad);
        assertTrue(fast != null, "the fast path ran");
        INDArray ref = InputGradient.viaDl4j(net, x.dup(), o -> outGrad);
        assertArrayEquals(ref.shape(), fast.shape());
        double scale = ref.amaxNumber().doubleValue();
        assertTrue(scale > 0);
        double err = fast.sub(ref).amaxNumber().doubleValue();
        assertTrue(err <= 1e-4 * scale, "max difference " + err + " vs scale " + scale);
    }
}
