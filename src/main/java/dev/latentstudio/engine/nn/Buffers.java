package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Frees a training step's native memory when the step is done with it. ND4J frees an array outside DL4J's
 * workspaces only when the garbage collector takes its Java wrapper, and the wrappers are so small that the
 * heap rarely fills: a detached forward pass (feedForward) leaves several MB a step behind, and a 2,000-step
 * digit run held 7 GiB resident. Closing what a step alone holds keeps the resident set near its working set.
 */
public final class Buffers {
    private Buffers() {
    }

    /**
     * The buffers of a detached forward pass that nobody else holds: its activations and the copies the layers
     * took as their inputs (a preprocessor's reshape, for one), less those of {@code keep} (the caller's input
     * and output). A view counts as its parent buffer: in a forward pass a view's parent is one of its temporaries.
     */
    public static List<DataBuffer> ofForwardPass(MultiLayerNetwork net, Collection<INDArray> activations, INDArray... keep) {
        Set<DataBuffer> own = identitySet();
        for (INDArray a : activations) add(own, a);
        for (Layer l : net.getLayers()) add(own, l.input());
        return less(own, keep);
    }

    /** The same for a graph: every vertex's activation and inputs. */
    public static List<DataBuffer> ofForwardPass(ComputationGraph net, Collection<INDArray> activations, INDArray... keep) {
        Set<DataBuffer> own = identitySet();
        for (INDArray a : activations) add(own, a);
        for (GraphVertex v : net.getVertices()) {
            if (v.getInputs() != null) for (INDArray a : v.getInputs()) add(own, a);
            if (v.hasLayer()) add(own, v.getLayer().input());
        }
        return less(own, keep);
    }

    /**
     * The buffers a graph's backward pass without workspaces left in its vertices (the errors each vertex was
     * handed), less the graph's own parameters, gradients and updater state (the gradient views live there).
     */
    public static List<DataBuffer> ofBackwardPass(ComputationGraph net) {
        Set<DataBuffer> own = identitySet();
        for (GraphVertex v : net.getVertices()) add(own, v.getEpsilon());
        INDArray state = net.getUpdater(false) == null ? null : net.getUpdater(false).getStateViewArray();
        return less(own, net.params(), net.getFlattenedGradients(), state);
    }

    /** Frees buffers {@link #ofForwardPass} gave, once what read them (the backward pass) is done. */
    public static void free(List<DataBuffer> buffers) {
        for (DataBuffer b : buffers) {
            if (!b.wasClosed()) b.close();
        }
    }

    /** Frees arrays the caller made and no longer reads (nulls, views and workspace arrays are left alone). */
    public static void close(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.isAttached() && a.closeable() && !a.wasClosed()) a.close();
        }
    }

    /**
     * Frees a network made for a moment (a preview's averaged generator): its parameters, gradients and updater
     * state. Unlike DL4J's own close(), it leaves this thread's workspaces (the networks in training use them) and
     * does not force a collection.
     */
    public static void close(MultiLayerNetwork net) {
        close(net.params(), net.getFlattenedGradients());
        if (net.getUpdater(false) != null) close(net.getUpdater(false).getStateViewArray());
    }

    /**
     * {@code source}'s values in {@code kept}, a buffer reused from call to call (made on the first, or when the
     * length changes): a copy kept across a step without a fresh native array each time.
     */
    public static INDArray copyInto(INDArray kept, INDArray source) {
        if (kept == null || kept.length() != source.length()) return source.dup();
        return kept.assign(source);
    }

    private static Set<DataBuffer> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static void add(Set<DataBuffer> own, INDArray a) {
        if (a != null && !a.wasClosed()) own.add(root(a));
    }

    private static List<DataBuffer> less(Set<DataBuffer> own, INDArray... keep) {
        for (INDArray k : keep) {
            if (k != null) own.remove(root(k));
        }
        own.removeIf(b -> b.isAttached() || b.isConstant());
        return List.copyOf(own);
    }

    private static DataBuffer root(INDArray a) {
        DataBuffer u = a.data().underlyingDataBuffer();
        return u != null ? u : a.data();
    }
}
