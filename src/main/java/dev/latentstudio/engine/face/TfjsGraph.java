package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a DL4J ComputationGraph (NCHW) op by op from TF.js weights, the way face-api's TypeScript composes
 * tf ops: each method adds one vertex and returns its name. Weights are converted from TF's layouts (conv HWIO →
 * DL4J OIHW; depthwise HWC1 is DL4J's [kH, kW, in, multiplier] already) and set after the graph is initialised.
 * TF "same" padding (the odd row or column after the data) is DL4J's {@link ConvolutionMode#Same}; TF "valid" is
 * {@link ConvolutionMode#Truncate}. A DL4J graph rather than a chain of raw ops because it backpropagates to the
 * input (inverting the networks).
 */
final class TfjsGraph {

    /** One weight array to set on a layer once the graph exists. */
    private record Param(String layer, String key, INDArray value) {
    }

    private final ComputationGraphConfiguration.GraphBuilder g;
    private final List<Param> params = new ArrayList<>();
    private final InputType inputType;

    TfjsGraph(String input, int channels, int height, int width) {
        this.g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).weightInit(WeightInit.ZERO)
                .graphBuilder().addInputs(input).validateOutputLayerConfig(false);
        this.inputType = InputType.convolutional(height, width, channels);
    }

    /** Conv HWIO filter → DL4J's [out, in, kH, kW]. */
    static INDArray oihw(TfjsWeights.Tensor hwio) {
        return hwio.array().permute(3, 2, 0, 1).dup('c');
    }

    /**
     * conv2d + bias, optionally followed by face_recognition's "scale" layer (x·s + b'), which is folded into
     * the filter and bias: ((W∗x + b)·s + b') = (W·s)∗x + (b·s + b'). Equal up to float rounding.
     */
    String conv(String name, String in, TfjsWeights.Tensor filter, float[] bias, float[] scale, float[] scaleBias,
                int stride, boolean same, Activation act) {
        return conv(name, in, filter, bias, scale, scaleBias, stride, same, act.getActivationFunction());
    }

    /** The same with any activation function (tiny-yolo's leaky ReLU of slope 0.1). */
    String conv(String name, String in, TfjsWeights.Tensor filter, float[] bias, float[] scale, float[] scaleBias,
                int stride, boolean same, IActivation act) {
        long[] s = filter.shape();
        int k = (int) s[0], cin = (int) s[2], cout = (int) s[3];
        float[] f = filter.values().clone();
        float[] b = bias.clone();
        if (scale != null) {
            for (int i = 0; i < f.length; i++) f[i] *= scale[i % cout];
            for (int o = 0; o < cout; o++) b[o] = b[o] * scale[o] + scaleBias[o];
        }
        g.addLayer(name, new ConvolutionLayer.Builder(k, k).stride(stride, stride).nIn(cin).nOut(cout)
                .convolutionMode(same ? ConvolutionMode.Same : ConvolutionMode.Truncate).hasBias(true)
                .activation(act).build(), in);
        params.add(new Param(name, "W", oihw(new TfjsWeights.Tensor(filter.name(), s, f))));
        params.add(new Param(name, "b", Nd4j.create(b, 1, cout)));
        return name;
    }

    /** tf.separableConv2d(x, depthwise HWC1, pointwise 1×1×I×O, 'same') + bias, as face-api's depthwiseSeparableConv. */
    String separable(String name, String in, TfjsWeights w, String prefix, int stride, Activation act) {
        return separable(name, in, w, prefix, stride, act.getActivationFunction());
    }

    /** The same with any activation function. */
    String separable(String name, String in, TfjsWeights w, String prefix, int stride, IActivation act) {
        TfjsWeights.Tensor dw = w.get(prefix + "/depthwise_filter");
        int k = (int) dw.shape()[0], cin = (int) dw.shape()[2];
        TfjsWeights.Tensor pw = w.get(prefix + "/pointwise_filter");
        int cout = (int) pw.shape()[3];
        w.get(prefix + "/depthwise_filter", k, k, cin, 1);
        w.get(prefix + "/pointwise_filter", 1, 1, cin, cout);
        // a depthwise layer and a 1×1 conv rather than DL4J's SeparableConvolution2D: that layer runs libnd4j's
        // sconv2d, measured 4-15× slower here than depthwise_conv2d plus a (oneDNN) 1×1 convolution
        g.addLayer(name + "_dw", new DepthwiseConvolution2D.Builder(k, k).stride(stride, stride).nIn(cin).nOut(cin)
                .depthMultiplier(1).convolutionMode(ConvolutionMode.Same).hasBias(false)
                .activation(Activation.IDENTITY).build(), in);
        params.add(new Param(name + "_dw", "W", dw.array())); // [k, k, C, 1]: DL4J's depthwise layout is TF's
        return conv(name, name + "_dw", pw, w.get(prefix + "/bias", cout).values(), null, null, 1, true, act);
    }

    /** Element-wise sum of the inputs (all the same shape). */
    String add(String name, String... in) {
        g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), in);
        return name;
    }

    String relu(String name, String in) {
        g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), in);
        return name;
    }

    /** tf.maxPool / tf.avgPool with 'valid' padding (every window full). */
    String pool(String name, String in, PoolingType type, int k, int stride) {
        g.addLayer(name, new SubsamplingLayer.Builder(type).kernelSize(k, k).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Truncate).build(), in);
        return name;
    }

    /** tf.maxPool with 'same' padding: the window hangs over the bottom/right edge, and the overhang never wins. */
    String maxPoolSame(String name, String in, int k, int stride) {
        g.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(k, k).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Same).build(), in);
        return name;
    }

    /** Concatenates zeros below and to the right: tf.concat([x, zeros], 1) then along 2. */
    String padBottomRight(String name, String in, int rows, int cols) {
        g.addLayer(name, new ZeroPaddingLayer.Builder(0, rows, 0, cols).build(), in);
        return name;
    }

    /** tf.concat([x, zeros], channels): doubles the channels, the new ones zero (x·0 is an exact zero). */
    String padChannels(String name, String in) {
        g.addVertex(name + "_zeros", new ScaleVertex(0), in);
        g.addVertex(name, new MergeVertex(), in, name + "_zeros");
        return name;
    }

    /** Mean over height and width: [n, c, h, w] → [n, c]. */
    String globalAverage(String name, String in) {
        g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        return name;
    }

    /** x·W (+ b): W as TF stores it, [in, out]; bias null for none. */
    String dense(String name, String in, TfjsWeights.Tensor weights, float[] bias) {
        int nIn = (int) weights.shape()[0], nOut = (int) weights.shape()[1];
        g.addLayer(name, new DenseLayer.Builder().nIn(nIn).nOut(nOut).hasBias(bias != null)
                .activation(Activation.IDENTITY).build(), in);
        params.add(new Param(name, "W", weights.array()));
        if (bias != null) params.add(new Param(name, "b", Nd4j.create(bias, 1, nOut)));
        return name;
    }

    /** The graph with this output, its weights set, oneDNN convolutions installed. */
    ComputationGraph build(String output) {
        g.setOutputs(output).setInputTypes(inputType);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        for (Param p : params) {
            INDArray current = net.getLayer(p.layer()).getParam(p.key());
            INDArray value = p.value();
            boolean vectors = current.isVector() && value.isVector() && current.length() == value.length();
            if (!vectors && !Arrays.equals(current.shape(), value.shape())) {
                throw new IllegalStateException(p.layer() + "/" + p.key() + ": DL4J expects "
                        + Arrays.toString(current.shape()) + ", weights give "
                        + Arrays.toString(p.value().shape()));
            }
            current.assign(vectors ? value.reshape(current.shape()) : value); // biases: [n] or [1, n]
        }
        return OneDnn.accelerate(net);
    }
}
