package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Input gradients of plain feed-forward CNNs (convolution, max pooling, global average pooling, dense;
 * ReLU or identity) without parameter gradients. DL4J's backprop always computes dW and db as well, which
 * for a convolution is as much work again as the input gradient; an inversion never uses them. Here the
 * forward pass runs in inference mode and each layer's input gradient comes from one libnd4j op: the
 * transposed convolution (deconv2d, oneDNN) with the layer's own weights, maxpool2d_bp, or a matrix
 * product. Networks with any other layer go through DL4J's own backprop ({@link InputGradient}).
 */
final class InputOnlyBackprop {
    private InputOnlyBackprop() {
    }

    /** Whether every layer is one this class differentiates exactly. */
    static boolean supports(MultiLayerNetwork net) {
        if (net.getLayers().length == 0) return false;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            Layer c = l.conf().getLayer();
            boolean ok;
            if (c.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer conv = (ConvolutionLayer) c;
                ok = conv.getCnn2dDataFormat() == CNN2DFormat.NCHW && plainActivation(conv.getActivationFn())
                        && (conv.getConvolutionMode() == ConvolutionMode.Same || conv.getConvolutionMode() == ConvolutionMode.Truncate);
            } else if (c.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer s = (SubsamplingLayer) c;
                ok = s.getPoolingType() == PoolingType.MAX && s.getCnn2dDataFormat() == CNN2DFormat.NCHW
                        && (s.getConvolutionMode() == ConvolutionMode.Same || s.getConvolutionMode() == ConvolutionMode.Truncate);
            } else if (c.getClass() == GlobalPoolingLayer.class) {
                GlobalPoolingLayer g = (GlobalPoolingLayer) c;
                ok = g.getPoolingType() == PoolingType.AVG && g.isCollapseDimensions();
            } else if (c.getClass() == DenseLayer.class) {
                ok = plainActivation(((DenseLayer) c).getActivationFn());
            } else {
                ok = false;
            }
            if (!ok) return false;
        }
        return true;
    }

    private static boolean plainActivation(IActivation a) {
        return a instanceof ActivationIdentity
                || (a instanceof ActivationReLU r && r.getMax() == null && zeroOrUnset(r.getThreshold()) && zeroOrUnset(r.getNegativeSlope()));
    }

    private static boolean zeroOrUnset(Double v) {
        return v == null || v == 0;
    }

    /**
     * d(Σ out ⊙ g(out))/d input, shaped like the input; null when a layer's shapes do not line up for the
     * transposed ops (e.g. a Truncate-mode convolution that drops border pixels): the caller falls back.
     */
    static INDArray of(MultiLayerNetwork net, INDArray input, UnaryOperator<INDArray> outputGradientOf) {
        List<INDArray> acts = net.feedForward(input, false); // acts[i] enters layer i (before its preprocessor)
        int n = net.getnLayers();
        INDArray g = outputGradientOf.apply(acts.get(n));
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        for (int i = n - 1; i >= 0; i--) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            INDArray in = pre == null ? acts.get(i) : pre.preProcess(acts.get(i).dup(), (int) input.size(0), ws);
            INDArray out = acts.get(i + 1);
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
            g = layerInputGradient(layer, in, out, g);
            if (g == null) return null;
            if (pre != null) g = pre.backprop(g, (int) input.size(0), ws);
        }
        return g;
    }

    private static INDArray layerInputGradient(org.deeplearning4j.nn.api.Layer layer, INDArray in, INDArray out, INDArray g) {
        Layer c = layer.conf().getLayer();
        if (c instanceof ConvolutionLayer conv) {
            INDArray gz = activationGradient(conv.getActivationFn(), out, g);
            long[] k = conv.getKernelSize().length == 2 ? toLong(conv.getKernelSize()) : null;
            INDArray w = layer.getParam("W"); // [out, in, kH, kW]: deconv2d's [iC, oC, kH, kW] (weight format 1)
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            boolean same = conv.getConvolutionMode() == ConvolutionMode.Same;
            int[] s = conv.getStride(), p = conv.getPadding(), d = conv.getDilation();
            DynamicCustomOp op = DynamicCustomOp.builder("deconv2d").addInputs(gz, w).addOutputs(gIn)
                    .addIntegerArguments((int) k[0], (int) k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1],
                            same ? 1 : 0, 0, 1).build();
            return runIfShapesFit(op, in, gIn);
        }
        if (c instanceof SubsamplingLayer pool) {
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            boolean same = pool.getConvolutionMode() == ConvolutionMode.Same;
            int[] k = pool.getKernelSize(), s = pool.getStride(), p = pool.getPadding(), d = pool.getDilation();
            DynamicCustomOp op = DynamicCustomOp.builder("maxpool2d_bp").addInputs(in, g).addOutputs(gIn)
                    .addIntegerArguments(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], same ? 1 : 0, 0, 0).build();
            return runIfShapesFit(op, in, gIn);
        }
        if (c instanceof GlobalPoolingLayer) {
            long[] sh = in.shape();
            double area = (double) sh[2] * sh[3];
            return Nd4j.ones(in.dataType(), sh).muli(g.reshape(sh[0], sh[1], 1, 1)).divi(area);
        }
        if (c instanceof DenseLayer dense) {
            INDArray gz = activationGradient(dense.getActivationFn(), out, g);
            return gz.mmul(layer.getParam("W").transpose()); // W is [nIn, nOut]
        }
        throw new IllegalArgumentException("unsupported layer " + c); // supports() keeps us from here
    }

    /** ReLU passes the gradient where its output is positive (its derivative read off the output); identity passes all. */
    private static INDArray activationGradient(IActivation a, INDArray out, INDArray g) {
        if (a instanceof ActivationIdentity) return g;
        return g.mul(out.gt(0).castTo(g.dataType()));
    }

    private static INDArray runIfShapesFit(DynamicCustomOp op, INDArray in, INDArray gIn) {
        long[] want = op.calculateOutputShape().get(0).getShape();
        if (!Arrays.equals(want, in.shape())) return null;
        Nd4j.exec(op);
        return gIn;
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
