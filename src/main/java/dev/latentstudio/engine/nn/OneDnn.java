package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.Backend;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

import java.lang.reflect.Field;

/**
 * Routes DL4J's convolution layers through the oneDNN kernels of the onednn natives.
 * DL4J 1.0.0-M2.1 ships these helpers but never enables them: helper creation is off by default
 * and its availability check looks up a class (Nd4jCpu$Environment) that M2.1 no longer has. On
 * this CPU the built-in im2col path ran the discriminator's second convolution ~10× slower than the
 * oneDNN op. Numerics are checked against the built-in path in the tests.
 */
public final class OneDnn {
    private static final Field CONV_HELPER, BN_HELPER;

    static {
        try {
            CONV_HELPER = ConvolutionLayer.class.getDeclaredField("helper");
            CONV_HELPER.setAccessible(true);
            BN_HELPER = BatchNormalization.class.getDeclaredField("helper");
            BN_HELPER.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OneDnn() {
    }

    public static boolean available() {
        return Backend.onCpu() && !Boolean.getBoolean("studio.noOneDnn");
    }

    /**
     * Installs the oneDNN helper on every plain convolution layer of the network, and {@link FastBatchNorm}
     * (ours, not oneDNN's: DL4J's oneDNN BatchNorm helper drifted from the built-in results) on every
     * BatchNorm layer, and {@link FastActivations}' (leaky) ReLU; returns it.
     */
    public static MultiLayerNetwork accelerate(MultiLayerNetwork net) {
        install(net.getLayers());
        return FastActivations.install(net);
    }

    /** The same for a ComputationGraph's layers; returns it. */
    public static ComputationGraph accelerate(ComputationGraph net) {
        install(net.getLayers());
        return FastActivations.install(net);
    }

    /** How many layers of the network run through a helper (oneDNN convolution or FastBatchNorm); for the tests. */
    static int helpers(MultiLayerNetwork net) {
        int n = 0;
        for (Layer l : net.getLayers()) {
            try {
                if (l instanceof ConvolutionLayer && CONV_HELPER.get(l) != null) n++;
                if (l instanceof BatchNormalization && BN_HELPER.get(l) != null) n++;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    private static void install(Layer[] layers) {
        if (!available()) return;
        for (Layer l : layers) {
            try {
                if (l instanceof ConvolutionLayer && !(l instanceof Deconvolution2DLayer) && CONV_HELPER.get(l) == null) {
                    CONV_HELPER.set(l, new MKLDNNConvHelper(DataType.FLOAT));
                }
                if (l instanceof BatchNormalization && BN_HELPER.get(l) == null) BN_HELPER.set(l, new FastBatchNorm());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
