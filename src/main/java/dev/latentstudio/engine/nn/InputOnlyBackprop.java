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
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.UnaryOperator;

/**
 * Input gradients of plain feed-forward CNNs (convolution, max pooling, global average pooling, dense;
 * ReLU or identity) without parameter gradients, by calling libnd4j's ops directly. DL4J's backprop always
 * computes dW and db as well, which for a convolution is as much work again as the input gradient, and its
 * layers keep images in NCHW, which oneDNN's fastest convolutions reorder to NHWC and back around every
 * call (as much time as the convolutions themselves at 3×112×112). Here the image is turned to NHWC once,
 * every convolution, pooling and its transpose runs in NHWC, and it is turned back at the flatten and at
 * the end. The input gradient of a convolution is the transposed convolution (deconv2d) with the layer's
 * own weights; of max pooling, maxpool2d_bp; of a dense layer, a matrix product. Networks with any other
 * layer or preprocessor go through DL4J's own backprop ({@link InputGradient}); tests hold the two equal.
 */
final class InputOnlyBackprop {
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    /** Images below this many pixels (64×64) run single-threaded. */
    static final long SMALL_AREA = 64 * 64;

    private final MultiLayerNetwork net;
    private final INDArray[] turned; // per layer, built on first use: kernels turned 180° with in/out swapped

    /** For a network {@link #supports} accepts; its kernels are read when first needed, so train it before. */
    InputOnlyBackprop(MultiLayerNetwork net) {
        this.net = net;
        this.turned = new INDArray[net.getnLayers()];
    }

    /** Whether every layer and preprocessor is one this class runs exactly. */
    static boolean supports(MultiLayerNetwork net) {
        if (net.getLayers().length == 0) return false;
        for (int i = 0; i < net.getnLayers(); i++) {
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null && !(pre instanceof CnnToFeedForwardPreProcessor f && f.getFormat() == CNN2DFormat.NCHW)) {
                return false;
            }
            Layer c = net.getLayer(i).conf().getLayer();
            boolean ok;
            if (c.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer conv = (ConvolutionLayer) c;
                ok = conv.getCnn2dDataFormat() == CNN2DFormat.NCHW && plainActivation(conv.getActivationFn())
                        && plainMode(conv.getConvolutionMode()) && conv.getKernelSize().length == 2;
            } else if (c.getClass() == SubsamplingLayer.class) {
                SubsamplingLayer s = (SubsamplingLayer) c;
                ok = s.getPoolingType() == PoolingType.MAX && s.getCnn2dDataFormat() == CNN2DFormat.NCHW
                        && plainMode(s.getConvolutionMode());
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

    private static boolean plainMode(ConvolutionMode m) {
        return m == ConvolutionMode.Same || m == ConvolutionMode.Truncate;
    }

    private static boolean plainActivation(IActivation a) {
        return a instanceof ActivationIdentity
                || (a instanceof ActivationReLU r && r.getMax() == null && zeroOrUnset(r.getThreshold()) && zeroOrUnset(r.getNegativeSlope()));
    }

    private static boolean zeroOrUnset(Double v) {
        return v == null || v == 0;
    }

    /**
     * d(Σ out ⊙ g(out))/d input for an NCHW input, shaped like it; null when a layer's shapes do not line
     * up for the transposed ops (e.g. a Truncate-mode convolution that drops border pixels): the caller
     * falls back to DL4J.
     */
    INDArray of(INDArray input, UnaryOperator<INDArray> outputGradientOf) {
        // every intermediate lives in a per-thread workspace reused from call to call: an off-heap allocation
        // cost 20-60 µs here, as much as a small convolution
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        // On a small image OpenMP's fork and join around every op cost more than a second core saves (digit
        // CNN: 2.2 ms a step with two threads, 1.5 ms with one). The setting is this thread's own (OpenMP
        // keeps it per thread), so other jobs keep theirs.
        boolean small = input.rank() == 4 && input.size(2) * input.size(3) < SMALL_AREA;
        if (small) ops.setOmpNumThreads(1);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "InputOnlyBackprop")) {
            INDArray g = inWorkspace(input, outputGradientOf);
            return g == null ? null : g.detach();
        } finally {
            if (small) ops.setOmpNumThreads(threads);
        }
    }

    private INDArray inWorkspace(INDArray input, UnaryOperator<INDArray> outputGradientOf) {
        int n = net.getnLayers();
        INDArray[] acts = new INDArray[n + 1]; // acts[i] enters layer i (after its preprocessor); NHWC while an image
        long[][] flattened = new long[n][]; // the NHWC shape that layer i's preprocessor flattened
        INDArray x = input.rank() == 4 ? nhwc(input) : input;
        for (int i = 0; i < n; i++) {
            if (net.getLayerWiseConfigurations().getInputPreProcess(i) != null && x.rank() == 4) {
                flattened[i] = x.shape();
                x = flattenNchw(x);
            }
            acts[i] = x;
            x = forward(net.getLayer(i), x);
        }
        acts[n] = x;
        INDArray out = x.rank() == 4 ? nchw(x) : x;
        INDArray g;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            g = outputGradientOf.apply(out.detach()); // the objective may keep what it is given
        }
        if (g.rank() == 4) g = nhwc(g);
        for (int i = n - 1; i >= 0; i--) {
            g = backward(i, acts[i], acts[i + 1], g);
            if (g == null) return null;
            long[] f = flattened[i];
            if (f != null) g = nhwc(g.reshape(f[0], f[3], f[1], f[2]));
        }
        return g.rank() == 4 ? nchw(g) : g;
    }

    private static INDArray forward(org.deeplearning4j.nn.api.Layer layer, INDArray x) {
        Layer c = layer.conf().getLayer();
        if (c instanceof ConvolutionLayer conv) {
            int[] k = conv.getKernelSize(), s = conv.getStride(), p = conv.getPadding(), d = conv.getDilation();
            boolean same = conv.getConvolutionMode() == ConvolutionMode.Same;
            INDArray w = layer.getParam("W"); // [out, in, kH, kW]: conv2d's weight format 1
            INDArray b = layer.getParam("b");
            long oH = outSize(x.size(1), k[0], s[0], p[0], d[0], same), oW = outSize(x.size(2), k[1], s[1], p[1], d[1], same);
            INDArray z = Nd4j.createUninitialized(x.dataType(), x.size(0), oH, oW, w.size(0));
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d").addOutputs(z)
                    .addIntegerArguments(k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1], same ? 1 : 0, 1, 1);
            Nd4j.exec(b == null ? op.addInputs(x, w).build() : op.addInputs(x, w, b.reshape(b.length())).build());
            return activate(conv.getActivationFn(), z);
        }
        if (c instanceof SubsamplingLayer pool) {
            int[] k = pool.getKernelSize(), s = pool.getStride(), p = pool.getPadding(), d = pool.getDilation();
            boolean same = pool.getConvolutionMode() == ConvolutionMode.Same;
            long oH = outSize(x.size(1), k[0], s[0], p[0], d[0], same), oW = outSize(x.size(2), k[1], s[1], p[1], d[1], same);
            INDArray z = Nd4j.createUninitialized(x.dataType(), x.size(0), oH, oW, x.size(3));
            Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(z)
                    .addIntegerArguments(k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1], same ? 1 : 0, 0, 1).build());
            return z;
        }
        if (c instanceof GlobalPoolingLayer) return x.mean(1, 2);
        if (c instanceof DenseLayer dense) {
            INDArray w = layer.getParam("W");
            INDArray z = Nd4j.createUninitialized(x.dataType(), x.size(0), w.size(1));
            Nd4j.gemm(x, w, z, false, false, 1.0, 0.0); // INDArray.mmul of a row took 6× longer than the gemm
            INDArray b = layer.getParam("b");
            if (b != null) z.addiRowVector(b);
            return activate(dense.getActivationFn(), z);
        }
        throw new IllegalArgumentException("unsupported layer " + c); // supports() keeps us from here
    }

    private INDArray backward(int i, INDArray in, INDArray out, INDArray g) {
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
        Layer c = layer.conf().getLayer();
        if (c instanceof ConvolutionLayer conv) {
            INDArray gz = activationGradient(conv.getActivationFn(), out, g);
            int[] k = conv.getKernelSize(), s = conv.getStride(), p = conv.getPadding(), d = conv.getDilation();
            boolean same = conv.getConvolutionMode() == ConvolutionMode.Same;
            INDArray w = layer.getParam("W");
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            if (s[0] == 1 && s[1] == 1 && d[0] == 1 && d[1] == 1 && (same ? k[0] % 2 == 1 && k[1] % 2 == 1 : p[0] < k[0] && p[1] < k[1])) {
                // A stride-1 convolution's transpose is a convolution with the kernel turned 180° and its in and
                // out channels swapped: oneDNN runs that in NHWC as fast as the forward pass, while its
                // transposed convolution reorders to a blocked layout and back around every call.
                // viewed as [kH, kW, out, in]: weight format 0 with the layer's outputs as this convolution's inputs
                Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(gz, turned(i, w).permute(2, 3, 0, 1)).addOutputs(gIn)
                        .addIntegerArguments(k[0], k[1], 1, 1, same ? 0 : k[0] - 1 - p[0], same ? 0 : k[1] - 1 - p[1], 1, 1,
                                same ? 1 : 0, 1, 0).build());
                return gIn;
            }
            // the conv's W [out, in, kH, kW] is deconv2d's [iC, oC, kH, kW] (weight format 1)
            DynamicCustomOp op = DynamicCustomOp.builder("deconv2d").addInputs(gz, w).addOutputs(gIn)
                    .addIntegerArguments(k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1], same ? 1 : 0, 1, 1)
                    .build();
            return runIfShapesFit(op, in, gIn);
        }
        if (c instanceof SubsamplingLayer pool) {
            int[] k = pool.getKernelSize(), s = pool.getStride(), p = pool.getPadding(), d = pool.getDilation();
            boolean same = pool.getConvolutionMode() == ConvolutionMode.Same;
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            DynamicCustomOp op = DynamicCustomOp.builder("maxpool2d_bp").addInputs(in, g).addOutputs(gIn)
                    .addIntegerArguments(k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1], same ? 1 : 0, 0, 1)
                    .build();
            return runIfShapesFit(op, in, gIn);
        }
        if (c instanceof GlobalPoolingLayer) {
            long[] sh = in.shape(); // [b, H, W, C]
            return Nd4j.ones(in.dataType(), sh).muli(g.reshape(sh[0], 1, 1, sh[3])).divi((double) sh[1] * sh[2]);
        }
        if (c instanceof DenseLayer dense) {
            INDArray gz = activationGradient(dense.getActivationFn(), out, g);
            INDArray w = layer.getParam("W"); // [nIn, nOut]
            INDArray gIn = Nd4j.createUninitialized(gz.dataType(), gz.size(0), w.size(0));
            Nd4j.gemm(gz, w, gIn, false, true, 1.0, 0.0);
            return gIn;
        }
        throw new IllegalArgumentException("unsupported layer " + c);
    }

    /** Layer i's kernels [out, in, kH, kW] turned 180° in the kernel plane, made once (outside the workspace). */
    private INDArray turned(int i, INDArray w) {
        if (turned[i] == null) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                long kh = w.size(2), kw = w.size(3), planes = w.size(0) * w.size(1);
                double[] src = w.castTo(DataType.DOUBLE).dup('c').data().asDouble(), dst = new double[src.length];
                for (long p = 0; p < planes; p++) {
                    for (long y = 0; y < kh; y++) {
                        for (long x = 0; x < kw; x++) {
                            dst[(int) ((p * kh + kh - 1 - y) * kw + kw - 1 - x)] = src[(int) ((p * kh + y) * kw + x)];
                        }
                    }
                }
                turned[i] = Nd4j.create(dst, w.shape(), 'c').castTo(w.dataType()); // libnd4j's reverse took 40 ms on 256×256×3×3
            }
        }
        return turned[i];
    }

    private static INDArray activate(IActivation a, INDArray z) {
        return a instanceof ActivationIdentity ? z : Transforms.relu(z, false);
    }

    /**
     * ReLU passes the gradient where its output is positive: sign(out) is that 0/1 mask, as out ≥ 0. Two
     * plain element-wise ops; libnd4j's relu_bp took ten times longer on a 112×112×32 image.
     */
    private static INDArray activationGradient(IActivation a, INDArray out, INDArray g) {
        if (a instanceof ActivationIdentity) return g;
        INDArray gz = Nd4j.createUninitialized(g.dataType(), g.shape());
        Nd4j.exec(new Sign(out, gz));
        return gz.muli(g);
    }

    /** Output size of a convolution or pooling window along one axis, as DL4J computes it. */
    private static long outSize(long in, int k, int s, int p, int d, boolean same) {
        if (same) return (in + s - 1) / s;
        long eff = (long) (k - 1) * d + 1;
        return (in + 2L * p - eff) / s + 1;
    }

    private static INDArray runIfShapesFit(DynamicCustomOp op, INDArray in, INDArray gIn) {
        long[] want = op.calculateOutputShape().get(0).getShape();
        if (!java.util.Arrays.equals(want, in.shape())) return null;
        Nd4j.exec(op);
        return gIn;
    }

    private static INDArray nhwc(INDArray nchw) {
        return nchw.permute(0, 2, 3, 1).dup('c');
    }

    private static INDArray nchw(INDArray nhwc) {
        return nhwc.permute(0, 3, 1, 2).dup('c');
    }

    /** DL4J flattens an image in NCHW order (channel-major), so the dense weights expect that order. */
    private static INDArray flattenNchw(INDArray x) {
        return nchw(x).reshape(x.size(0), x.length() / x.size(0));
    }
}
