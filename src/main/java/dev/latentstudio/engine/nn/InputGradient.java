package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Gradients with respect to a network's input, for running networks backwards (inversion,
 * feature visualisation). DL4J only backpropagates an external output gradient through a network
 * whose last layer is not an OutputLayer, so {@link #logitsNetwork} makes one from a classifier.
 */
public final class InputGradient {
    private InputGradient() {
    }

    /**
     * d(Σ output ⊙ outputGradient)/d input, shaped like the input: with a one-hot outputGradient at
     * [0, k] that is the gradient of the raw output [0, k]. Plain CNNs (convolution, max pooling, dense,
     * ReLU) take {@link InputOnlyBackprop}, which skips the parameter gradients; any other network goes
     * through DL4J's backprop, whose forward pass runs in training mode because that is what it expects
     * (for networks without dropout or BatchNorm that is the inference function).
     */
    public static INDArray of(MultiLayerNetwork netWithoutOutputLayer, INDArray input, INDArray outputGradient) {
        return of(netWithoutOutputLayer, input, out -> outputGradient);
    }

    /**
     * One forward pass, then backpropagation of the output gradient that {@code outputGradientOf}
     * derives from the output (an objective's): d(Σ out ⊙ g(out))/d input with g held fixed.
     */
    public static INDArray of(MultiLayerNetwork netWithoutOutputLayer, INDArray input,
                              UnaryOperator<INDArray> outputGradientOf) {
        return backprop(netWithoutOutputLayer).of(input, outputGradientOf);
    }

    /** {@link #of} for one network, called step after step (an inversion): it prepares its kernels once. */
    @FunctionalInterface
    public interface Backprop {
        INDArray of(INDArray input, UnaryOperator<INDArray> outputGradientOf);
    }

    /** A {@link Backprop} for the network's current weights (build it after any training). */
    public static Backprop backprop(MultiLayerNetwork netWithoutOutputLayer) {
        if (!InputOnlyBackprop.supports(netWithoutOutputLayer)) return (x, g) -> viaDl4j(netWithoutOutputLayer, x, g);
        InputOnlyBackprop fast = new InputOnlyBackprop(netWithoutOutputLayer);
        return (x, g) -> {
            INDArray grad = fast.of(x, g);
            return grad != null ? grad : viaDl4j(netWithoutOutputLayer, x, g);
        };
    }

    /**
     * A {@link Backprop} for a single-input, single-output graph of the layers and vertices
     * {@link InputOnlyBackprop} runs (e.g. the face recogniser): DL4J 1.0.0-M2.1 gives a ComputationGraph's
     * parameter gradients only, so there is no fallback; other graphs get a clear error here.
     */
    public static Backprop backprop(ComputationGraph graph) {
        if (!InputOnlyBackprop.supports(graph)) {
            throw new IllegalArgumentException("input gradients need a graph of convolutions, pooling, padding, (leaky) ReLU, sums, "
                    + "channel merges and dense layers with one input and one output; this one has other parts");
        }
        InputOnlyBackprop fast = new InputOnlyBackprop(graph);
        return (x, g) -> {
            INDArray grad = fast.of(x, g);
            if (grad == null) throw new IllegalArgumentException("a strided 'same' convolution does not fit input " + java.util.Arrays.toString(x.shape()));
            return grad;
        };
    }

    /** DL4J's own backprop (computes parameter gradients too); the reference the fast path is tested against. */
    static INDArray viaDl4j(MultiLayerNetwork netWithoutOutputLayer, INDArray input, UnaryOperator<INDArray> outputGradientOf) {
        netWithoutOutputLayer.setInput(input);
        List<INDArray> acts = netWithoutOutputLayer.feedForward(true, false);
        INDArray g = outputGradientOf.apply(acts.get(acts.size() - 1));
        return netWithoutOutputLayer.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }

    /**
     * The same network with its OutputLayer replaced by a DenseLayer of the same size and identity
     * activation (raw logits, no softmax), holding a copy of the trained parameters: both layers
     * store W then b, so the flat parameter vectors line up. oneDNN convolutions are installed.
     */
    public static MultiLayerNetwork logitsNetwork(MultiLayerNetwork classifier) {
        MultiLayerConfiguration conf = classifier.getLayerWiseConfigurations().clone();
        List<NeuralNetConfiguration> confs = conf.getConfs();
        NeuralNetConfiguration last = confs.get(confs.size() - 1);
        if (!(last.getLayer() instanceof BaseOutputLayer out)) {
            throw new IllegalArgumentException("the last layer is not an output layer: " + last.getLayer());
        }
        DenseLayer logits = new DenseLayer.Builder().nIn(out.getNIn()).nOut(out.getNOut()).hasBias(out.hasBias())
                .activation(Activation.IDENTITY).name(out.getLayerName()).build();
        // the builder alone leaves these unset (the global defaults were resolved into the old layer)
        logits.setWeightInitFn(out.getWeightInitFn());
        logits.setBiasInit(out.getBiasInit());
        logits.setIUpdater(out.getIUpdater());
        logits.setBiasUpdater(out.getBiasUpdater());
        logits.setRegularization(out.getRegularization());
        logits.setRegularizationBias(out.getRegularizationBias());
        last.setLayer(logits);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(classifier.params().dup(), false);
        return OneDnn.accelerate(net);
    }
}
