package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.Backend;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * DL4J 1.0.0-M2.1's convolution and transposed-convolution layers run their whole forward pass again at the
 * start of backprop (preOutput4d(true, true)), only to hand its output z to the activation's derivative; without
 * workspaces and a cache mode nothing is kept from the real forward pass. These subclasses skip that pass:
 * <ul>
 * <li>with the identity activation (every convolution of pix2pix's networks) the derivative ignores z
 * (ActivationIdentity.backprop returns ε), so ε itself is handed back as z: about an eighth of a pix2pix
 * training step (docs/speed-pix2pix.md);</li>
 * <li>with any other activation (the DCGANs' LeakyReLU and tanh layers) the training forward pass keeps a copy of
 * z, before the activation overwrites it in place, in a buffer of the layer's own, and backprop takes it when it
 * runs on the same input (DL4J always runs the forward pass first; any other input computes z again). A copy
 * costs a tenth of the convolution it replaces.</li>
 * </ul>
 * The gradients are computed by the same ops on the same values, bit for bit. (Where the built-in convolution path
 * would have reused the repeated pass's im2col, it computes it itself when handed none.) The one exception: a
 * transposed convolution on a small input runs as {@link SmallDeconvolution}'s matrix products, equal within float
 * rounding.
 */
public final class NoForwardInBackprop {
    private NoForwardInBackprop() {
    }

    /** Swaps every convolution and transposed convolution of the graph for the subclass; returns it. */
    public static ComputationGraph install(ComputationGraph net) {
        if (!Backend.onCpu()) return net; // measured and tested on the CPU only: DL4J's own layers elsewhere
        Layer[] layers = net.getLayers();
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv)) continue;
            Layer swapped = swap(lv.getLayer());
            if (swapped == lv.getLayer()) continue;
            for (int i = 0; i < layers.length; i++) if (layers[i] == lv.getLayer()) layers[i] = swapped;
            set(field(LayerVertex.class, "layer"), lv, swapped);
        }
        return net;
    }

    /** The same for a MultiLayerNetwork; returns it. */
    @SuppressWarnings("unchecked")
    public static MultiLayerNetwork install(MultiLayerNetwork net) {
        if (!Backend.onCpu()) return net;
        Layer[] layers = net.getLayers();
        Map<String, Layer> byName = (Map<String, Layer>) get(field(MultiLayerNetwork.class, "layerMap"), net);
        for (int i = 0; i < layers.length; i++) {
            Layer old = layers[i], swapped = swap(old);
            if (swapped == old) continue;
            byName.replaceAll((name, l) -> l == old ? swapped : l);
            layers[i] = swapped;
        }
        return net;
    }

    /** Whether this layer skips the repeated forward pass; for the tests. */
    static boolean installed(Layer l) {
        return l instanceof Conv || l instanceof Deconv;
    }

    private static Layer swap(Layer l) {
        if (installed(l) || !(l instanceof ConvolutionLayer)) return l;
        Layer copy = l.getClass() == Deconvolution2DLayer.class ? new Deconv(l.conf(), l.getParam(firstParam(l)).dataType())
                : l.getClass() == ConvolutionLayer.class ? new Conv(l.conf(), l.getParam(firstParam(l)).dataType()) : l;
        if (copy == l) return l; // some other subclass (1D, separable, …): left alone
        // the same layer in every respect (conf, parameter and gradient views, helper, listeners, counters)
        for (Class<?> k = l.getClass(); k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) set(f, copy, get(f, l));
            }
        }
        return copy;
    }

    private static String firstParam(Layer l) {
        return l.paramTable().keySet().iterator().next();
    }

    private static Field field(Class<?> k, String name) {
        try {
            Field f = k.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's " + k.getSimpleName() + " has no field " + name, e);
        }
    }

    private static Object get(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object o, Object v) {
        try {
            f.setAccessible(true);
            f.set(o, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The ε of the layer backprop under way on this thread, handed back as an identity layer's pre-activation output
     * (unused). One slot per thread suffices: a layer's backprop never runs another layer's.
     */
    private static final ThreadLocal<INDArray> BACKPROP_EPSILON = new ThreadLocal<>();

    private static Pair<Gradient, INDArray> during(INDArray epsilon, Supplier<Pair<Gradient, INDArray>> backprop) {
        BACKPROP_EPSILON.set(epsilon);
        try {
            return backprop.get();
        } finally {
            BACKPROP_EPSILON.remove();
        }
    }

    /** One layer's pre-activation output z from its last training forward pass, and the input it was computed from. */
    private static final class Kept {
        private INDArray z, input;

        Pair<INDArray, INDArray> preOutput(ConvolutionLayer layer, boolean training, boolean forBackprop,
                                           Supplier<Pair<INDArray, INDArray>> compute) {
            boolean identity = layer.layerConf().getActivationFn() instanceof ActivationIdentity;
            INDArray epsilon = BACKPROP_EPSILON.get();
            if (forBackprop && identity && epsilon != null) return new Pair<>(epsilon, null);
            if (forBackprop && input != null && input == layer.input()) {
                input = null; // once: the derivative may overwrite it
                return new Pair<>(z, null);
            }
            Pair<INDArray, INDArray> p = compute.get();
            input = null;
            if (training && !forBackprop && !identity) keep(p.getFirst(), layer.input());
            return p;
        }

        private void keep(INDArray preOutput, INDArray from) {
            if (z == null || !Arrays.equals(z.shape(), preOutput.shape()) || z.dataType() != preOutput.dataType()) {
                Buffers.close(z);
                try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    z = Nd4j.createUninitialized(preOutput.dataType(), preOutput.shape());
                }
            }
            z.assign(preOutput);
            input = from;
        }
    }

    private static final ThreadLocal<Boolean> INPUT_ONLY = ThreadLocal.withInitial(() -> false);

    /**
     * Runs {@code body} with the convolutions' backprop giving only their input gradient, their parameter gradients
     * left as they were: for a pass whose parameter gradients nobody reads (G's error through D). The input gradient
     * is the transposed convolution of the error (after the activation's derivative) by the same kernel (libnd4j's
     * deconv2d, on oneDNN), equal to DL4J's within float rounding: pix2pix's D pass 112 → 73 ms at 128×128.
     */
    public static <T> T inputGradientOnly(Supplier<T> body) {
        boolean was = INPUT_ONLY.get();
        INPUT_ONLY.set(true);
        try {
            return body.get();
        } finally {
            INPUT_ONLY.set(was);
        }
    }

    private static final class Conv extends ConvolutionLayer {
        private final Kept kept = new Kept();
        Conv(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray e, LayerWorkspaceMgr m) {
            if (INPUT_ONLY.get() && transposes(e)) {
                INDArray delta = e;
                if (!(layerConf().getActivationFn() instanceof ActivationIdentity)) {
                    // the activation's derivative at the kept z, as DL4J's backprop takes it (it may overwrite z)
                    INDArray z = preOutput(true, true, m).getFirst();
                    delta = layerConf().getActivationFn().backprop(z, e).getFirst();
                }
                return new Pair<>(new DefaultGradient(), inputGradient(delta, m));
            }
            return during(e, () -> super.backpropGradient(e, m));
        }

        /** Whether the error's transposed convolution lands exactly on the input's shape (no Same mode, no dilation, no dropout, NCHW). */
        private boolean transposes(INDArray e) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
            int[] k = c.getKernelSize(), st = c.getStride(), p = c.getPadding(), d = c.getDilation();
            return c.getIDropout() == null && input != null
                    && c.getConvolutionMode() != org.deeplearning4j.nn.conf.ConvolutionMode.Same
                    && c.getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NCHW && d[0] == 1 && d[1] == 1
                    && e.rank() == 4 && input.rank() == 4
                    && (e.size(2) - 1) * st[0] + k[0] - 2L * p[0] == input.size(2)
                    && (e.size(3) - 1) * st[1] + k[1] - 2L * p[1] == input.size(3);
        }

        private INDArray inputGradient(INDArray e, LayerWorkspaceMgr m) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
            int[] k = c.getKernelSize(), st = c.getStride(), p = c.getPadding();
            // the kernel [out, in, kH, kW] is a transposed convolution's [in, out, kH, kW]: libnd4j wants [kH, kW, out, in]
            INDArray w = getParam(org.deeplearning4j.nn.params.ConvolutionParamInitializer.WEIGHT_KEY).permute(2, 3, 1, 0);
            INDArray out = m.createUninitialized(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
            Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("deconv2d").addInputs(e.castTo(dataType), w)
                    .addIntegerArguments(k[0], k[1], st[0], st[1], p[0], p[1], 1, 1, 0, 0).addOutputs(out).build());
            return out;
        }
        @Override protected Pair<INDArray, INDArray> preOutput(boolean t, boolean b, LayerWorkspaceMgr m) { return kept.preOutput(this, t, b, () -> super.preOutput(t, b, m)); }
    }

    /** Also runs small inputs through {@link SmallDeconvolution}. */
    private static final class Deconv extends Deconvolution2DLayer {
        private final Kept kept = new Kept();
        Deconv(NeuralNetConfiguration conf, DataType dataType) { super(conf, dataType); }

        private boolean small() {
            return SmallDeconvolution.applies((Deconvolution2D) layerConf(), input);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray e, LayerWorkspaceMgr m) {
            if (!small()) return during(e, () -> super.backpropGradient(e, m));
            INDArray bGrad = hasBias() ? gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY) : null;
            INDArray wGrad = gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY);
            INDArray next = SmallDeconvolution.backprop((Deconvolution2D) layerConf(), input.castTo(dataType),
                    getParam(DeconvolutionParamInitializer.WEIGHT_KEY), e, wGrad, bGrad, m);
            Gradient g = new DefaultGradient();
            if (bGrad != null) g.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY, bGrad);
            g.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY, wGrad, 'c');
            return new Pair<>(g, next);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean t, boolean b, LayerWorkspaceMgr m) {
            return kept.preOutput(this, t, b, () -> small()
                    ? new Pair<>(SmallDeconvolution.forward((Deconvolution2D) layerConf(), input.castTo(dataType),
                            getParam(DeconvolutionParamInitializer.WEIGHT_KEY),
                            hasBias() ? getParam(DeconvolutionParamInitializer.BIAS_KEY) : null, m), null)
                    : super.preOutput(t, b, m));
        }
    }
}
