package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ComputationGraph's layers by name (the face recogniser's conv32_1_conv1, …), each a cut of the graph
 * with input gradients and activations: the graph's counterpart of {@link LayerNetworks}. Cuts only read
 * the graph's weights, so they may run while another thread uses the graph.
 */
public final class GraphLayers {
    private final ComputationGraph graph;
    private final List<String> names = new ArrayList<>();
    private final Map<Integer, InputOnlyBackprop> cuts = new HashMap<>();

    public GraphLayers(ComputationGraph graph) {
        if (!InputOnlyBackprop.supports(graph)) {
            throw new IllegalArgumentException("this graph has layers or vertices that input gradients cannot go through");
        }
        this.graph = graph;
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[v];
            if (vertex.hasLayer()) names.add(vertex.getVertexName());
        }
    }

    /** The layers' names in topological order (index = position). */
    public List<String> names() {
        return List.copyOf(names);
    }

    public String name(int layer) {
        check(layer);
        return names.get(layer);
    }

    /** A layer by name (case-insensitive) or by index; a clear error listing the layers otherwise. */
    public int index(String nameOrIndex) {
        return LayerNetworks.index(names, nameOrIndex);
    }

    /** Input gradients of the graph cut after {@code layer}. */
    public InputGradient.Backprop upTo(int layer) {
        InputOnlyBackprop cut = cut(layer);
        return (x, g) -> {
            INDArray grad = cut.of(x, g);
            if (grad == null) throw new IllegalArgumentException("a strided 'same' convolution does not fit this input");
            return grad;
        };
    }

    /** The layer's activations for an NCHW input, a fresh array. */
    public INDArray activations(int layer, INDArray input) {
        return cut(layer).output(input);
    }

    private synchronized InputOnlyBackprop cut(int layer) {
        check(layer);
        return cuts.computeIfAbsent(layer, l -> new InputOnlyBackprop(graph, names.get(l)));
    }

    private void check(int layer) {
        if (layer < 0 || layer >= names.size()) {
            throw new IllegalArgumentException("layer index must be 0.." + (names.size() - 1) + ", got " + layer);
        }
    }
}
