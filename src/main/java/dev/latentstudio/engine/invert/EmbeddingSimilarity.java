package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cosine similarity between each image's embedding (a face network's descriptor, any [n, d] output) and a
 * target embedding, averaged over the batch: the objective of an identity portrait, where the picture
 * climbs towards what the network remembers of one person. Cosine rather than distance, so the picture's
 * contrast (the embedding's length) is not what the optimiser chases.
 */
public final class EmbeddingSimilarity implements Objective {
    private final INDArray target;

    /** {@code target}: one embedding, [d] or [1, d]. */
    public EmbeddingSimilarity(INDArray target) {
        if (target.length() == 0) throw new IllegalArgumentException("empty target embedding");
        double norm = target.norm2Number().doubleValue();
        if (!(norm > 0)) throw new IllegalArgumentException("the target embedding is all zeros");
        this.target = target.reshape(1, target.length()).div(norm);
    }

    @Override
    public Value evaluate(INDArray output) {
        if (output.rank() != 2 || output.size(1) != target.size(1)) {
            throw new IllegalArgumentException("expected embeddings [n, " + target.size(1) + "], got " + java.util.Arrays.toString(output.shape()));
        }
        long n = output.size(0);
        INDArray t = target.castTo(output.dataType());
        INDArray grad = Nd4j.zeros(output.dataType(), output.shape());
        double score = 0;
        for (long i = 0; i < n; i++) {
            INDArray o = output.getRow(i);
            double norm = Math.max(o.norm2Number().doubleValue(), 1e-12);
            double cos = o.mul(t.getRow(0)).sumNumber().doubleValue() / norm;
            score += cos;
            // d cos / d o = t̂/|o| − cos · o/|o|²
            grad.putRow(i, t.getRow(0).div(norm).sub(o.mul(cos / (norm * norm))).div(n));
        }
        return new Value(score / n, grad);
    }
}
