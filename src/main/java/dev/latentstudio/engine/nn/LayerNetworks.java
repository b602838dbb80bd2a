package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier cut after each of its layers: {@link #upTo(int)} is a network of layers 0..l with a
 * copy of the trained parameters, whose output is φ_l, the activations of layer l. DL4J backpropagates
 * an external gradient only through a network that does not end in an OutputLayer, and a cut network
 * ends in a plain layer, so an objective on φ_l reaches the pixels with {@link InputGradient#of}. The
 * last layer's cut is {@link InputGradient#logitsNetwork} (raw logits, no softmax). Cuts are built on
 * first use and cached; like any DL4J network they hold per-call state, so one thread at a time.
 */
public final class LayerNetworks {
    private final MultiLayerNetwork classifier;
    private final List<String> names = new ArrayList<>();
    private final Map<Integer, MultiLayerNetwork> cuts = new HashMap<>();

    public LayerNetworks(MultiLayerNetwork classifier) {
        this.classifier = classifier;
        List<NeuralNetConfiguration> confs = classifier.getLayerWiseConfigurations().getConfs();
        for (int i = 0; i < confs.size(); i++) {
            String n = confs.get(i).getLayer().getLayerName();
            names.add(n == null || n.isBlank() ? "layer" + i : n);
        }
    }

    /** The layers' names in order (index = position), e.g. conv1, pool1, conv2, pool2, fc1, logits. */
    public List<String> names() {
        return List.copyOf(names);
    }

    public int size() {
        return names.size();
    }

    public String name(int layer) {
        check(layer);
        return names.get(layer);
    }

    /** A layer by name (case-insensitive) or by index; a clear error listing the layers otherwise. */
    public int index(String nameOrIndex) {
        return index(names, nameOrIndex);
    }

    /** "0 conv1, 1 pool1, …" for messages and help. */
    public String describe() {
        return describe(names);
    }

    /** {@code nameOrIndex} among {@code names} (case-insensitive, or a number); an error listing them otherwise. */
    static int index(List<String> names, String nameOrIndex) {
        String s = nameOrIndex.trim();
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(s)) return i;
        try {
            int i = Integer.parseInt(s);
            if (i >= 0 && i < names.size()) return i;
        } catch (NumberFormatException ignored) {
            // not a number either: fall through to the error
        }
        throw new IllegalArgumentException("no layer '" + nameOrIndex + "'; the layers are " + describe(names));
    }

    static String describe(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) b.append(i == 0 ? "" : ", ").append(i).append(' ').append(names.get(i));
        return b.toString();
    }

    /** The network of layers 0..layer (cached), output φ_layer, ready for {@link InputGradient#of}. */
    public synchronized MultiLayerNetwork upTo(int layer) {
        check(layer);
        return cuts.computeIfAbsent(layer, this::cut);
    }

    /** φ_layer(input) by inference, a fresh array. */
    public INDArray activations(int layer, INDArray input) {
        MultiLayerNetwork net = upTo(layer);
        synchronized (net) {
            return net.output(input.castTo(net.getLayerWiseConfigurations().getDataType()), false).dup();
        }
    }

    private MultiLayerNetwork cut(int layer) {
        MultiLayerConfiguration conf = classifier.getLayerWiseConfigurations().clone();
        List<NeuralNetConfiguration> confs = conf.getConfs();
        if (layer == confs.size() - 1 && confs.get(layer).getLayer() instanceof BaseOutputLayer) {
            return InputGradient.logitsNetwork(classifier);
        }
        while (confs.size() > layer + 1) confs.remove(confs.size() - 1);
        Map<Integer, InputPreProcessor> pre = new HashMap<>(conf.getInputPreProcessors());
        pre.keySet().removeIf(k -> k > layer);
        conf.setInputPreProcessors(pre);
        // the flat parameter vector holds the layers' parameters in order, so the first layers' are a prefix
        long n = 0;
        for (int i = 0; i <= layer; i++) n += classifier.getLayer(i).numParams();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        if (n == 0) {
            net.init();
        } else {
            INDArray all = classifier.params();
            INDArray flat = all.reshape(1, all.length());
            net.init(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)).dup(), false);
        }
        return OneDnn.accelerate(net);
    }

    private void check(int layer) {
        if (layer < 0 || layer >= names.size()) {
            throw new IllegalArgumentException("layer index must be 0.." + (names.size() - 1) + ", got " + layer);
        }
    }
}
