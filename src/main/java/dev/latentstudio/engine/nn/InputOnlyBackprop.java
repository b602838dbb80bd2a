package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.Backend;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Input gradients of feed-forward CNNs — a MultiLayerNetwork, or a ComputationGraph with residual sums and
 * channel concatenations (face-api's nets) — without parameter gradients, by calling libnd4j's ops directly.
 * Layers: convolution, depthwise convolution, max or average pooling, zero padding, ReLU/leaky ReLU/identity
 * activation, global average pooling, dense; vertices: sum, scale, channel merge. DL4J's backprop always computes dW and db as
 * well (as much work again for a convolution), a ComputationGraph hands out no input gradient at all in
 * M2.1, and DL4J keeps images in NCHW, which oneDNN's fastest convolutions reorder to NHWC and back around
 * every call (as long as the convolutions themselves at 3×112×112). Here the image is turned to NHWC once,
 * everything runs in NHWC, and it is turned back at the end (a dense layer after a flatten reads it as it lies,
 * through its weights' rows reordered once). A stride-1 convolution's
 * input gradient is a convolution with its kernel turned 180° (in and out channels swapped), or into very few
 * channels a matrix product and col2im; others take the transposed convolution (deconv2d); a depthwise one's comes from
 * depthwise_conv2d_bp; max pooling's is maxpool2d_bp, and so on. Tests hold it equal to
 * DL4J's backprop and to finite differences.
 */
final class InputOnlyBackprop {
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    /** Stride-1 convolutions reading fewer channels than this take a matrix product and col2im for their input gradient. */
    static final long FEW_CHANNELS = 8;

    /** Images below this many pixels (64×64) run single-threaded. */
    static final long SMALL_AREA = 64 * 64;

    /**
     * One step of the network: a layer (with a flatten before it when DL4J puts a CNN-to-dense preprocessor
     * there) or a vertex, fed by earlier nodes (-1 = the network's input).
     */
    private record Node(org.deeplearning4j.nn.api.Layer layer, GraphVertex vertex, int[] inputs, boolean flatten) {
    }

    private final List<Node> nodes;
    // per node, built on first use (the network is not trained while this runs):
    private final INDArray[] turned; // kernels turned 180° with in/out swapped, for the input gradient
    private final INDArray[] kernels; // conv kernels as [kH, kW, in, out], for the forward pass
    private final INDArray[] rows; // a flattened dense layer's weights with rows in NHWC order...
    private final long[][] rowsFor; // ...for this NHWC image shape
    private final long[][] poolChecked; // the input shape pooling_bp's output shape was last checked for

    /** For a network {@link #supports} accepts; its kernels are read when first needed, so train it before. */
    InputOnlyBackprop(MultiLayerNetwork net) {
        this(chain(net));
    }

    /** For a single-input, single-output graph {@link #supports} accepts. */
    InputOnlyBackprop(ComputationGraph graph) {
        this(nodes(graph, graph.getConfiguration().getNetworkOutputs().get(0)));
    }

    /** The graph cut at vertex {@code output}: its activations are the output. */
    InputOnlyBackprop(ComputationGraph graph, String output) {
        this(nodes(graph, output));
    }

    private InputOnlyBackprop(List<Node> nodes) {
        this.nodes = nodes;
        this.turned = new INDArray[nodes.size()];
        this.kernels = new INDArray[nodes.size()];
        this.rows = new INDArray[nodes.size()];
        this.rowsFor = new long[nodes.size()][];
        this.poolChecked = new long[nodes.size()][];
    }

    private static List<Node> chain(MultiLayerNetwork net) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            out.add(new Node(net.getLayer(i), null, new int[]{i - 1}, net.getLayerWiseConfigurations().getInputPreProcess(i) != null));
        }
        return out;
    }

    /**
     * The vertices {@code output} depends on, in topological order, ending with it; the input vertex is left
     * out (it is node -1).
     */
    private static List<Node> nodes(ComputationGraph graph, String output) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        if (!conf.getVertices().containsKey(output) || output.equals(input)) {
            throw new IllegalArgumentException("no vertex '" + output + "' to cut the graph at");
        }
        java.util.Set<String> needed = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (needed.add(v) && !v.equals(input)) todo.addAll(conf.getVertexInputs().get(v));
        }
        Map<String, Integer> index = new HashMap<>();
        index.put(input, -1);
        List<Node> out = new ArrayList<>();
        for (int v : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex runtime = graph.getVertices()[v];
            String name = runtime.getVertexName();
            if (name.equals(input) || !needed.contains(name)) continue;
            int[] from = conf.getVertexInputs().get(name).stream().mapToInt(index::get).toArray();
            GraphVertex vc = conf.getVertices().get(name);
            boolean flatten = vc instanceof LayerVertex lv && lv.getPreProcessor() != null;
            out.add(new Node(runtime.hasLayer() ? runtime.getLayer() : null, vc, from, flatten));
            index.put(name, out.size() - 1);
        }
        return out; // topological, so the output (which depends on all the others) is last
    }

    static boolean supports(MultiLayerNetwork net) {
        if (net.getLayers().length == 0 || !Backend.onCpu()) return false; // the CPU's path; DL4J's on a GPU
        for (int i = 0; i < net.getnLayers(); i++) {
            if (!flattenOk(net.getLayerWiseConfigurations().getInputPreProcess(i)) || !layerOk(net.getLayer(i).conf().getLayer())) {
                return false;
            }
        }
        return true;
    }

    static boolean supports(ComputationGraph graph) {
        if (!Backend.onCpu()) return false;
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) return false;
        String input = conf.getNetworkInputs().get(0);
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getKey().equals(input)) continue;
            GraphVertex v = e.getValue();
            boolean ok;
            if (v instanceof LayerVertex lv) {
                ok = flattenOk(lv.getPreProcessor()) && layerOk(lv.getLayerConf().getLayer());
            } else if (v instanceof ElementWiseVertex ew) {
                ok = ew.getOp() == ElementWiseVertex.Op.Add;
            } else if (v instanceof MergeVertex m) {
                ok = m.getMergeAxis() == 1; // channels
            } else {
                ok = v instanceof ScaleVertex;
            }
            if (!ok) return false;
        }
        return true;
    }

    private static boolean flattenOk(InputPreProcessor pre) {
        return pre == null || (pre instanceof CnnToFeedForwardPreProcessor f && f.getFormat() == CNN2DFormat.NCHW);
    }

    private static boolean layerOk(Layer c) {
        if (c.getClass() == ConvolutionLayer.class || c.getClass() == DepthwiseConvolution2D.class) {
            ConvolutionLayer conv = (ConvolutionLayer) c;
            return conv.getCnn2dDataFormat() == CNN2DFormat.NCHW && plainActivation(conv.getActivationFn())
                    && plainMode(conv.getConvolutionMode()) && conv.getKernelSize().length == 2;
        }
        if (c.getClass() == SubsamplingLayer.class) {
            SubsamplingLayer s = (SubsamplingLayer) c;
            boolean avgWithoutPadding = s.getPoolingType() == PoolingType.AVG && s.getConvolutionMode() == ConvolutionMode.Truncate
                    && s.getPadding()[0] == 0 && s.getPadding()[1] == 0;
            return (s.getPoolingType() == PoolingType.MAX || avgWithoutPadding) && s.getCnn2dDataFormat() == CNN2DFormat.NCHW
                    && plainMode(s.getConvolutionMode());
        }
        if (c.getClass() == GlobalPoolingLayer.class) {
            GlobalPoolingLayer g = (GlobalPoolingLayer) c;
            return g.getPoolingType() == PoolingType.AVG && g.isCollapseDimensions();
        }
        if (c.getClass() == DenseLayer.class) return plainActivation(((DenseLayer) c).getActivationFn());
        if (c.getClass() == ActivationLayer.class) return plainActivation(((ActivationLayer) c).getActivationFn());
        if (c.getClass() == ZeroPaddingLayer.class) return ((ZeroPaddingLayer) c).getDataFormat() == CNN2DFormat.NCHW;
        return false;
    }

    private static boolean plainMode(ConvolutionMode m) {
        return m == ConvolutionMode.Same || m == ConvolutionMode.Truncate;
    }

    private static boolean plainActivation(IActivation a) {
        return a instanceof ActivationIdentity || (a instanceof ActivationLReLU l && l.getAlpha() >= 0 && l.getAlpha() < 1)
                || (a instanceof ActivationReLU r && r.getMax() == null && zeroOrUnset(r.getThreshold()) && zeroOrUnset(r.getNegativeSlope()));
    }

    private static boolean zeroOrUnset(Double v) {
        return v == null || v == 0;
    }

    /**
     * d(Σ out ⊙ g(out))/d input for an NCHW input, shaped like it; null when a layer's shapes do not line
     * up for the transposed ops (a 'same' convolution with a stride that deconv2d sizes differently).
     */
    INDArray of(INDArray input, UnaryOperator<INDArray> outputGradientOf) {
        boolean small = input.rank() == 4 && input.size(2) * input.size(3) < SMALL_AREA;
        // every intermediate lives in a per-thread workspace reused from call to call: an off-heap allocation
        // cost 20-60 µs here, as much as a small convolution
        return OneThread.callIf(small, () -> {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "InputOnlyBackprop")) {
                INDArray g = inWorkspace(input, outputGradientOf);
                return g == null ? null : g.detach();
            }
        });
    }

    /** The forward pass alone: the output for an NCHW input (NCHW again if an image), a fresh array. */
    INDArray output(INDArray input) {
        INDArray[] out = new INDArray[1];
        of(input, o -> {
            out[0] = o;
            return null; // no gradient wanted
        });
        return out[0];
    }

    private INDArray inWorkspace(INDArray input, UnaryOperator<INDArray> outputGradientOf) {
        int n = nodes.size();
        INDArray[][] ins = new INDArray[n][]; // the inputs of node i as they entered (after any flatten)
        INDArray[] outs = new INDArray[n];
        long[][] flattened = new long[n][]; // the NHWC shape node i's flatten took
        INDArray x0 = input.rank() == 4 ? nhwc(input) : input;
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            INDArray[] in = new INDArray[node.inputs().length];
            for (int j = 0; j < in.length; j++) in[j] = node.inputs()[j] < 0 ? x0 : outs[node.inputs()[j]];
            if (node.flatten() && in[0].rank() == 4) {
                flattened[i] = in[0].shape();
                boolean dense = isDense(node);
                if (dense && !Arrays.equals(rowsFor[i], flattened[i])) {
                    rows[i] = null;
                    rowsFor[i] = flattened[i];
                }
                // a dense layer reads the NHWC image as it lies, through its weights' rows reordered once
                in[0] = dense ? in[0].reshape(in[0].size(0), in[0].length() / in[0].size(0)) : flattenNchw(in[0]);
            } else if (rowsFor[i] != null) { // not flattened this time: DL4J's weights as they are
                rows[i] = null;
                rowsFor[i] = null;
            }
            ins[i] = in;
            outs[i] = forward(i, node, in);
        }
        INDArray last = outs[n - 1];
        INDArray out = last.rank() == 4 ? nchw(last) : last;
        INDArray g;
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            g = outputGradientOf.apply(out.detach()); // the objective may keep what it is given
        }
        if (g == null) return null;
        INDArray[] grads = new INDArray[n]; // d/d outs[i], summed over the nodes that read it
        grads[n - 1] = g.rank() == 4 ? nhwc(g.castTo(last.dataType())) : g.castTo(last.dataType());
        INDArray inputGrad = null;
        for (int i = n - 1; i >= 0; i--) {
            if (grads[i] == null) continue; // nothing downstream depends on it (e.g. the zeros of a channel pad)
            Node node = nodes.get(i);
            INDArray[] back = backward(i, node, ins[i], outs[i], grads[i]);
            if (back == null) return null;
            for (int j = 0; j < back.length; j++) {
                INDArray b = back[j];
                if (b == null) continue;
                if (j == 0 && flattened[i] != null) {
                    long[] f = flattened[i];
                    // through reordered rows the gradient comes back in the image's own NHWC order
                    b = rowsFor[i] != null ? b.reshape(f) : nhwc(b.reshape(f[0], f[3], f[1], f[2]));
                }
                int from = node.inputs()[j];
                if (from < 0) {
                    inputGrad = inputGrad == null ? b : inputGrad.addi(b);
                } else {
                    grads[from] = grads[from] == null ? b : grads[from].addi(b);
                }
            }
        }
        if (inputGrad == null) inputGrad = Nd4j.zeros(x0.dataType(), x0.shape());
        return inputGrad.rank() == 4 ? nchw(inputGrad) : inputGrad;
    }

    private static boolean isDense(Node node) {
        return node.layer() != null && node.layer().conf().getLayer() instanceof DenseLayer;
    }

    private INDArray forward(int i, Node node, INDArray[] in) {
        if (node.vertex() != null && !(node.vertex() instanceof LayerVertex)) {
            if (node.vertex() instanceof ElementWiseVertex) {
                INDArray sum = in[0].dup();
                for (int j = 1; j < in.length; j++) sum.addi(in[j]);
                return sum;
            }
            if (node.vertex() instanceof ScaleVertex s) return in[0].mul(s.getScaleFactor());
            return Nd4j.concat(in[0].rank() == 4 ? 3 : 1, in); // MergeVertex on channels: NHWC's last axis
        }
        org.deeplearning4j.nn.api.Layer layer = node.layer();
        INDArray x = in[0];
        Layer c = layer.conf().getLayer();
        if (c instanceof DepthwiseConvolution2D dw) {
            Window win = Window.of(dw);
            INDArray w = layer.getParam("W"); // [kH, kW, in, multiplier]: depthwise_conv2d's weight format 0
            INDArray b = dw.hasBias() ? layer.getParam("b") : null;
            INDArray z = Nd4j.createUninitialized(x.dataType(), win.outShape(x, w.size(2) * w.size(3)));
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("depthwise_conv2d").addOutputs(z)
                    .addIntegerArguments(win.args(1, 0));
            Nd4j.exec(b == null ? op.addInputs(x, w).build() : op.addInputs(x, w, b.reshape(b.length())).build());
            return activate(dw.getActivationFn(), z, true);
        }
        if (c instanceof ConvolutionLayer conv) {
            Window win = Window.of(conv);
            // [kH, kW, in, out]: conv2d's weight format 0; oneDNN reorders it to its blocked layout on every call,
            // from this layout in a fifth of the time it takes from DL4J's [out, in, kH, kW] (54 → 10 µs, 64×32×5×5)
            INDArray w = kernels(i, layer.getParam("W"));
            INDArray b = layer.getParam("b");
            INDArray z = Nd4j.createUninitialized(x.dataType(), win.outShape(x, w.size(3)));
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d").addOutputs(z)
                    .addIntegerArguments(win.args(1, 0));
            Nd4j.exec(b == null ? op.addInputs(x, w).build() : op.addInputs(x, w, b.reshape(b.length())).build());
            return activate(conv.getActivationFn(), z, true);
        }
        if (c instanceof SubsamplingLayer pool) {
            Window win = Window.of(pool);
            INDArray z = Nd4j.createUninitialized(x.dataType(), win.outShape(x, x.size(3)));
            if (pool.getPoolingType() == PoolingType.MAX && SmallMaxPool.applies(x, win.k(), win.s(), win.p(), win.d(), win.same())) {
                SmallMaxPool.forward(x, z, win.k(), win.s());
                return z;
            }
            Nd4j.exec(DynamicCustomOp.builder(pool.getPoolingType() == PoolingType.MAX ? "maxpool2d" : "avgpool2d")
                    .addInputs(x).addOutputs(z).addIntegerArguments(win.args(0, 1)).build());
            return z;
        }
        if (c instanceof GlobalPoolingLayer) return x.mean(1, 2);
        if (c instanceof DenseLayer dense) {
            INDArray w = denseWeights(i, node);
            INDArray z = Nd4j.createUninitialized(x.dataType(), x.size(0), w.size(1));
            Nd4j.gemm(x, w, z, false, false, 1.0, 0.0); // INDArray.mmul of a row took 6× longer than the gemm
            INDArray b = layer.getParam("b");
            if (b != null) z.addiRowVector(b);
            return activate(dense.getActivationFn(), z, true);
        }
        if (c instanceof ActivationLayer act) return activate(act.getActivationFn(), x, false);
        if (c instanceof ZeroPaddingLayer zp) {
            int[] p = zp.getPadding(); // top, bottom, left, right
            INDArray z = Nd4j.zeros(x.dataType(), x.size(0), x.size(1) + p[0] + p[1], x.size(2) + p[2] + p[3], x.size(3));
            z.get(NDArrayIndex.all(), NDArrayIndex.interval(p[0], p[0] + x.size(1)), NDArrayIndex.interval(p[2], p[2] + x.size(2)),
                    NDArrayIndex.all()).assign(x);
            return z;
        }
        throw new IllegalArgumentException("unsupported layer " + c); // supports() keeps us from here
    }

    /** Gradients for the node's inputs (null entries: none), or null when the shapes do not fit. */
    private INDArray[] backward(int i, Node node, INDArray[] inputs, INDArray out, INDArray g) {
        if (node.vertex() != null && !(node.vertex() instanceof LayerVertex)) {
            int k = node.inputs().length;
            INDArray[] back = new INDArray[k];
            if (node.vertex() instanceof ElementWiseVertex) {
                for (int j = 0; j < k; j++) back[j] = j == 0 ? g : g.dup(); // one per reader: they are summed in place
            } else if (node.vertex() instanceof ScaleVertex s) {
                back[0] = s.getScaleFactor() == 0 ? null : g.mul(s.getScaleFactor());
            } else { // MergeVertex: each input's slice of the channels
                long from = 0;
                for (int j = 0; j < k; j++) {
                    long width = inputs[j].size(g.rank() - 1);
                    back[j] = (g.rank() == 4
                            ? g.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, from + width))
                            : g.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + width))).dup();
                    from += width;
                }
            }
            return back;
        }
        INDArray in = inputs[0];
        org.deeplearning4j.nn.api.Layer layer = node.layer();
        Layer c = layer.conf().getLayer();
        if (c instanceof DepthwiseConvolution2D dw) {
            // depthwise_conv2d_bp also gives the kernel's gradient, which is cheap here (one k×k kernel per channel)
            INDArray gz = activationGradient(dw.getActivationFn(), out, g);
            INDArray w = layer.getParam("W");
            INDArray b = dw.hasBias() ? layer.getParam("b") : null;
            if (b != null) b = b.reshape(b.length());
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("depthwise_conv2d_bp")
                    .addIntegerArguments(Window.of(dw).args(1, 0));
            INDArray gW = Nd4j.createUninitialized(w.dataType(), w.shape());
            if (b == null) op.addInputs(in, w, gz).addOutputs(gIn, gW);
            else op.addInputs(in, w, b, gz).addOutputs(gIn, gW, Nd4j.createUninitialized(b.dataType(), b.shape()));
            Nd4j.exec(op.build());
            return new INDArray[]{gIn};
        }
        if (c instanceof ConvolutionLayer conv) {
            INDArray gz = activationGradient(conv.getActivationFn(), out, g);
            Window win = Window.of(conv);
            int[] k = win.k(), s = win.s(), p = win.p(), d = win.d();
            boolean same = win.same();
            INDArray w = layer.getParam("W");
            // A stride-1 convolution's transpose is a convolution with the kernel turned 180° and its in and out
            // channels swapped: oneDNN runs that in NHWC as fast as the forward pass, while its transposed
            // convolution reorders to a blocked layout and back around every call (9.6 vs 2.4 ms, 32→32 at
            // 112×112). Into very few channels (a picture's 1 or 3) oneDNN's convolution is poor (230 µs into 1
            // channel at 28×28): those take a matrix product and col2im.
            boolean turnable = s[0] == 1 && s[1] == 1 && d[0] == 1 && d[1] == 1
                    && (same ? k[0] % 2 == 1 && k[1] % 2 == 1 : p[0] < k[0] && p[1] < k[1]);
            if (turnable && w.size(1) >= FEW_CHANNELS) {
                INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
                // [kH, kW, out, in]: weight format 0 with the layer's outputs as this convolution's inputs
                Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(gz, turned(i, w)).addOutputs(gIn)
                        .addIntegerArguments(k[0], k[1], 1, 1, same ? 0 : k[0] - 1 - p[0], same ? 0 : k[1] - 1 - p[1], 1, 1,
                                same ? 1 : 0, 1, 0).build());
                return new INDArray[]{gIn};
            }
            if (turnable) return new INDArray[]{nhwc(transposedIntoFewChannels(gz, w, in, k, same ? new int[]{(k[0] - 1) / 2, (k[1] - 1) / 2} : p))};
            // the conv's W [out, in, kH, kW] is deconv2d's [iC, oC, kH, kW] (weight format 1)
            DynamicCustomOp op = DynamicCustomOp.builder("deconv2d").addInputs(gz, w).addIntegerArguments(win.args(1, 1)).build();
            long[] natural = op.calculateOutputShape().get(0).getShape();
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), natural);
            op.setOutputArgument(0, gIn);
            Nd4j.exec(op);
            if (Arrays.equals(natural, in.shape())) return new INDArray[]{gIn};
            // a strided 'valid' convolution never reads the last rows/columns when the stride does not divide
            // the input: their gradient is zero
            if (same || natural[1] > in.size(1) || natural[2] > in.size(2)) return null;
            INDArray padded = Nd4j.zeros(in.dataType(), in.shape());
            padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, natural[1]), NDArrayIndex.interval(0, natural[2]),
                    NDArrayIndex.all()).assign(gIn);
            return new INDArray[]{padded};
        }
        if (c instanceof SubsamplingLayer pool) {
            INDArray gIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            Window win = Window.of(pool);
            if (pool.getPoolingType() == PoolingType.MAX && SmallMaxPool.applies(in, win.k(), win.s(), win.p(), win.d(), win.same())
                    && SmallMaxPool.dense(g) && g.dataType() == in.dataType() && Arrays.equals(g.shape(), win.outShape(in, in.size(3)))) {
                SmallMaxPool.backward(in, g, gIn, win.k(), win.s());
                return new INDArray[]{gIn};
            }
            DynamicCustomOp op = DynamicCustomOp.builder(pool.getPoolingType() == PoolingType.MAX ? "maxpool2d_bp" : "avgpool2d_bp")
                    .addInputs(in, g).addOutputs(gIn).addIntegerArguments(win.args(0, 1)).build();
            if (Arrays.equals(poolChecked[i], in.shape())) { // the shape check is a native call as costly as the op
                Nd4j.exec(op);
                return new INDArray[]{gIn};
            }
            INDArray[] back = runIfShapesFit(op, in, gIn);
            if (back != null) poolChecked[i] = in.shape();
            return back;
        }
        if (c instanceof GlobalPoolingLayer) {
            long[] sh = in.shape(); // [b, H, W, C]
            return new INDArray[]{Nd4j.ones(in.dataType(), sh).muli(g.reshape(sh[0], 1, 1, sh[3])).divi((double) sh[1] * sh[2])};
        }
        if (c instanceof DenseLayer dense) {
            INDArray gz = activationGradient(dense.getActivationFn(), out, g);
            INDArray w = denseWeights(i, node); // [nIn, nOut]
            INDArray gIn = Nd4j.createUninitialized(gz.dataType(), gz.size(0), w.size(0));
            Nd4j.gemm(gz, w, gIn, false, true, 1.0, 0.0);
            return new INDArray[]{gIn};
        }
        if (c instanceof ActivationLayer act) return new INDArray[]{activationGradient(act.getActivationFn(), out, g)};
        if (c instanceof ZeroPaddingLayer zp) {
            int[] p = zp.getPadding();
            return new INDArray[]{g.get(NDArrayIndex.all(), NDArrayIndex.interval(p[0], p[0] + in.size(1)),
                    NDArrayIndex.interval(p[2], p[2] + in.size(2)), NDArrayIndex.all()).dup()};
        }
        throw new IllegalArgumentException("unsupported layer " + c);
    }

    /**
     * A stride-1 convolution's input gradient into few channels (a picture's): each output pixel's gradient times the
     * kernel is its window's share (one matrix product, [pixels, out] × [out, in·kH·kW]), summed into place by col2im.
     * libnd4j's deconv2d is not oneDNN's here but a generic loop: 85 µs alone into 1 channel at 28×28, 240 µs inside
     * the step, and 1.1-1.5 ms with another job on the cores, against 70-90 µs for the pair. NCHW, as col2im writes it.
     */
    private static INDArray transposedIntoFewChannels(INDArray gz, INDArray w, INDArray in, int[] k, int[] p) {
        long n = gz.size(0), pixels = n * gz.size(1) * gz.size(2), out = gz.size(3), channels = w.size(1);
        INDArray cols = Nd4j.createUninitialized(gz.dataType(), pixels, channels * k[0] * k[1]);
        Nd4j.gemm(gz.reshape(pixels, out), w.reshape(out, channels * k[0] * k[1]), cols, false, false, 1.0, 0.0);
        INDArray gIn = Nd4j.createUninitialized(in.dataType(), n, channels, in.size(1), in.size(2));
        Convolution.col2im(cols.reshape('c', n, gz.size(1), gz.size(2), channels, k[0], k[1]).permute(0, 3, 4, 5, 1, 2), gIn,
                1, 1, p[0], p[1], (int) in.size(1), (int) in.size(2), 1, 1);
        return gIn;
    }

    /**
     * Layer i's kernels [out, in, kH, kW] turned 180° in the kernel plane and laid out [kH, kW, out, in] (a
     * contiguous copy: oneDNN reorders a permuted view more slowly), made once, outside the workspace.
     */
    private INDArray turned(int i, INDArray w) {
        if (turned[i] == null) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                long kh = w.size(2), kw = w.size(3), planes = w.size(0) * w.size(1);
                INDArray flat = w.dup('c'); // asDouble widens: no double-precision copy in between
                double[] src = flat.data().asDouble(), dst = new double[src.length];
                Buffers.close(flat); // a job's setup: freed now, not when the collector comes
                for (long p = 0; p < planes; p++) {
                    for (long y = 0; y < kh; y++) {
                        for (long x = 0; x < kw; x++) {
                            dst[(int) ((p * kh + kh - 1 - y) * kw + kw - 1 - x)] = src[(int) ((p * kh + y) * kw + x)];
                        }
                    }
                }
                // libnd4j's reverse took 40 ms on 256×256×3×3
                INDArray made = Nd4j.create(dst, w.shape(), 'c'), narrow = made.castTo(w.dataType());
                turned[i] = narrow.permute(2, 3, 0, 1).dup('c');
                Buffers.close(made, narrow == made ? null : narrow);
            }
        }
        return turned[i];
    }

    /** Layer i's conv kernels [out, in, kH, kW] laid out [kH, kW, in, out] (contiguous), made once. */
    private INDArray kernels(int i, INDArray w) {
        if (kernels[i] == null) {
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                kernels[i] = w.permute(2, 3, 1, 0).dup('c');
            }
        }
        return kernels[i];
    }

    /**
     * A dense layer's weights [nIn, nOut]; after a flatten, its rows reordered from DL4J's (c, h, w) to NHWC's
     * (h, w, c), so the image needs no transposing copy there and back (made once).
     */
    private INDArray denseWeights(int i, Node node) {
        INDArray w = node.layer().getParam("W");
        if (rowsFor[i] == null) return w;
        if (rows[i] == null) {
            long[] image = rowsFor[i]; // [n, h, w, c]
            try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray copy = w.dup('c');
                rows[i] = copy.reshape(image[3], image[1], image[2], w.size(1)).permute(1, 2, 0, 3).dup('c')
                        .reshape(w.size(0), w.size(1));
                Buffers.close(copy);
            }
        }
        return rows[i];
    }

    /** (Leaky) ReLU in place on a fresh array, or on a copy of one other nodes also read; identity passes it through. */
    private static INDArray activate(IActivation a, INDArray z, boolean fresh) {
        if (a instanceof ActivationIdentity) return z;
        if (a instanceof ActivationLReLU l) return new FastActivations.LeakyRelu(l.getAlpha()).getActivation(fresh ? z : z.dup(), true);
        return Transforms.relu(z, !fresh);
    }

    /**
     * ReLU passes the gradient where its output is positive: step(out) is that 0/1 mask; leaky ReLU's output has
     * its input's sign, so its slope is max(step(out), α). Plain element-wise ops: libnd4j's relu_bp and
     * leakyrelu_bp took ten times longer ({@link FastActivations}).
     */
    private static INDArray activationGradient(IActivation a, INDArray out, INDArray g) {
        if (a instanceof ActivationIdentity) return g;
        INDArray gz = Nd4j.createUninitialized(g.dataType(), g.shape());
        Nd4j.exec(new Step(out, gz, 0.0));
        if (a instanceof ActivationLReLU l) Nd4j.exec(new ScalarMax(gz, null, gz, l.getAlpha()));
        return gz.muli(g);
    }

    /**
     * A convolution's or pooling's window (kernel, stride, padding, dilation; 'same' or explicit padding), as
     * libnd4j's 2-D ops take it and as DL4J sizes its output.
     */
    private record Window(int[] k, int[] s, int[] p, int[] d, boolean same) {
        static Window of(ConvolutionLayer c) { // depthwise too
            return new Window(c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(),
                    c.getConvolutionMode() == ConvolutionMode.Same);
        }

        static Window of(SubsamplingLayer c) {
            return new Window(c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(),
                    c.getConvolutionMode() == ConvolutionMode.Same);
        }

        /** The ops' integer arguments: the window, then the op's two last ones (layout and weight format, or the like). */
        int[] args(int tenth, int eleventh) {
            return new int[]{k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1], same ? 1 : 0, tenth, eleventh};
        }

        /** [n, outH, outW, channels] for an NHWC input. */
        long[] outShape(INDArray x, long channels) {
            return new long[]{x.size(0), out(x.size(1), 0), out(x.size(2), 1), channels};
        }

        private long out(long in, int axis) {
            if (same) return (in + s[axis] - 1) / s[axis];
            long eff = (long) (k[axis] - 1) * d[axis] + 1;
            return (in + 2L * p[axis] - eff) / s[axis] + 1;
        }
    }

    private static INDArray[] runIfShapesFit(DynamicCustomOp op, INDArray in, INDArray gIn) {
        long[] want = op.calculateOutputShape().get(0).getShape();
        if (!Arrays.equals(want, in.shape())) return null;
        Nd4j.exec(op);
        return new INDArray[]{gIn};
    }

    private static INDArray nhwc(INDArray nchw) {
        return nchw.size(1) == 1 ? nchw.reshape(nchw.size(0), nchw.size(2), nchw.size(3), 1) : nchw.permute(0, 2, 3, 1).dup('c');
    }

    private static INDArray nchw(INDArray nhwc) {
        return nhwc.size(3) == 1 ? nhwc.reshape(nhwc.size(0), 1, nhwc.size(1), nhwc.size(2)) : nhwc.permute(0, 3, 1, 2).dup('c');
    }

    /** DL4J flattens an image in NCHW order (channel-major), so the dense weights expect that order. */
    private static INDArray flattenNchw(INDArray x) {
        return nchw(x).reshape(x.size(0), x.length() / x.size(0));
    }
}
