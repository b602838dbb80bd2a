package dev.latentstudio.engine.nn;

import static dev.latentstudio.engine.invert.InversionGradientsTest.centralDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.engine.face.FaceRecognitionNet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Input gradients through ComputationGraphs (residual sums, channel pads, strided valid convolutions). */
class GraphInputGradientTest {

    /** Every vertex and layer kind the face recogniser uses, small, in double precision. */
    private static ComputationGraph residualGraph(DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(type)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "c1")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c2", "c1")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "sum")
                // down: a valid 3×3/2 conv (17 → 8, whose transpose gives 17: exact) and a 2×2/2 average pool
                .addLayer("down", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build(), "relu")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "relu")
                .addVertex("zeros", new ScaleVertex(0), "pool")
                .addVertex("padded", new MergeVertex(), "pool", "zeros")
                .addVertex("sum2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "padded", "down")
                // a valid 3×3/2 conv of 8 gives 3, whose transpose gives 7: the last row and column get no gradient
                .addLayer("down2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(8).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build(), "sum2")
                .addLayer("grow", new ZeroPaddingLayer.Builder(0, 1, 0, 1).build(), "down2")
                .addLayer("max", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "grow")
                .addLayer("mean", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "max")
                .addLayer("fc", new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "mean")
                .setOutputs("fc").setInputTypes(InputType.convolutional(17, 17, 2)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void matchesFiniteDifferencesThroughSumsPadsAndStridedValidConvolutions() {
        ComputationGraph g = residualGraph(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(1); // fixed inputs: a difference step across a ReLU kink would fail at random
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 17, 17).muli(2).subi(1);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 1, 5);
        AtomicReference<INDArray> seen = new AtomicReference<>();
        INDArray grad = InputGradient.backprop(g).of(x.dup(), out -> {
            seen.set(out);
            return r;
        });
        assertTrue(seen.get().equalsWithEps(g.outputSingle(false, x), 1e-10), "the forward pass is the graph's");
        assertMatchesDifferences(in -> g.outputSingle(false, in).mul(r).sumNumber().doubleValue(), x, grad, 1e-6, 1e-6,
                new int[][]{{0, 0, 0}, {1, 8, 8}, {0, 16, 16}, {1, 3, 12}, {0, 15, 2}, {1, 16, 0}});
    }

    /** Central differences of {@code f} at the given (channel, row, column) pixels against {@code grad}, relative to its largest entry. */
    private static void assertMatchesDifferences(java.util.function.ToDoubleFunction<INDArray> f, INDArray x, INDArray grad,
                                                 double h, double tolerance, int[][] pixels) {
        double scale = grad.amaxNumber().doubleValue();
        assertTrue(scale > 0, "the output depends on the pixels");
        for (int[] p : pixels) {
            long i = (p[0] * x.size(2) + p[1]) * x.size(3) + p[2]; // first image of the batch
            assertEquals(centralDifference(f, x, i, h), grad.getDouble(0, p[0], p[1], p[2]), tolerance * scale,
                    "pixel " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void aGraphCutAtALayerHasItsActivationsAndTheirGradients() {
        ComputationGraph g = residualGraph(DataType.DOUBLE);
        GraphLayers layers = new GraphLayers(g);
        assertEquals(java.util.List.of("c1", "c2", "relu", "down", "pool", "down2", "grow", "max", "mean", "fc"), layers.names());
        int down = layers.index("DOWN");
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 17, 17).muli(2).subi(1);
        INDArray act = layers.activations(down, x);
        assertTrue(act.equalsWithEps(g.feedForward(x, false).get("down"), 1e-10), "the cut's output is the layer's activation");
        INDArray r = Nd4j.randn(DataType.DOUBLE, act.shape());
        INDArray grad = layers.upTo(down).of(x.dup(), out -> r);
        assertMatchesDifferences(in -> layers.activations(down, in).mul(r).sumNumber().doubleValue(), x, grad, 1e-6, 1e-6,
                new int[][]{{0, 4, 4}, {1, 9, 13}, {0, 16, 16}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layers.index("nope"));
        assertTrue(e.getMessage().contains("0 c1, 1 c2"), e.getMessage());
    }

    @Test
    void theFaceRecogniserHasInputGradients() throws Exception {
        // the real network, in double precision (ReLU kinks make float differences too coarse), at a few pixels
        ComputationGraph g = FaceRecognitionNet.load(Path.of("models/face-api")).graph().convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 150, 150).subi(0.5);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 1, FaceRecognitionNet.DIM);
        INDArray grad = InputGradient.backprop(g).of(x.dup(), out -> r);
        // a small step: with ~10⁵ ReLUs downstream of a pixel, a step of 1e-5 crossed a kink in about one run in ten
        assertMatchesDifferences(in -> g.outputSingle(false, in).mul(r).sumNumber().doubleValue(), x, grad, 1e-7, 1e-4,
                new int[][]{{0, 75, 75}, {1, 40, 100}, {2, 149, 149}, {0, 0, 0}, {1, 120, 30}});
    }

    @Test
    void depthwiseSeparableBlocksAsInTheFaceAttributeNetsMatchFiniteDifferences() throws Exception {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("dw2", new DepthwiseConvolution2D.Builder(3, 3).stride(2, 2).depthMultiplier(1).nOut(3)
                        .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build(), "in")
                .addLayer("pw", new ConvolutionLayer.Builder(1, 1).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "dw2")
                .addLayer("dw1", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).nOut(12)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), "pw")
                .addLayer("fc", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "dw1")
                .setOutputs("fc").setInputTypes(InputType.convolutional(12, 12, 3)).build());
        g.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 12, 12).muli(2).subi(1);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 1, 4);
        INDArray grad = InputGradient.backprop(g).of(x.dup(), out -> r);
        assertMatchesDifferences(in -> g.outputSingle(false, in).mul(r).sumNumber().doubleValue(), x, grad, 1e-6, 1e-6,
                new int[][]{{0, 0, 0}, {1, 5, 6}, {2, 11, 11}, {0, 7, 3}});
        // and the real expression net, in double precision
        ComputationGraph e = dev.latentstudio.engine.face.FaceExpressionNet.load(Path.of("models/face-api")).graph()
                .convertDataType(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(6);
        INDArray face = Nd4j.rand(DataType.DOUBLE, 1, 3, 112, 112).subi(0.5);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 1, 7);
        INDArray eGrad = InputGradient.backprop(e).of(face.dup(), out -> w);
        assertMatchesDifferences(in -> e.outputSingle(false, in).mul(w).sumNumber().doubleValue(), face, eGrad, 1e-7, 1e-4,
                new int[][]{{0, 56, 56}, {1, 20, 90}, {2, 111, 111}, {0, 0, 0}});
    }

    @Test
    void graphsWithOtherPartsAreRefusedClearly() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("bn", new BatchNormalization.Builder().nOut(3).build(), "in")
                .setOutputs("bn").setInputTypes(InputType.feedForward(3)).build());
        g.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputGradient.backprop(g));
        assertTrue(e.getMessage().contains("other parts"));
    }
}
