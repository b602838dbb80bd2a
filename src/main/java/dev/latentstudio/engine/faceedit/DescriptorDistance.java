package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.invert.Objective;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Identity: −‖d − d₀‖² between the recogniser's 128-d descriptor and the original face's. The squared Euclidean
 * distance is face-api's own measure (same person below 0.6); unlike the cosine (already ~0.9 between any two
 * faces) it keeps pulling while the descriptor drifts, and its gradient grows with the drift.
 */
public final class DescriptorDistance implements Objective {
    private final INDArray reference;

    public DescriptorDistance(float[] reference) {
        if (reference.length == 0) throw new IllegalArgumentException("empty descriptor");
        this.reference = Nd4j.createFromArray(reference).castTo(DataType.DOUBLE).reshape(1, reference.length);
    }

    @Override
    public Value evaluate(INDArray output) {
        if (output.rank() != 2 || output.size(1) != reference.size(1)) {
            throw new IllegalArgumentException("expected descriptors [n, " + reference.size(1) + "], got " + java.util.Arrays.toString(output.shape()));
        }
        long n = output.size(0);
        INDArray diff = output.castTo(DataType.DOUBLE).subRowVector(reference);
        double loss = diff.mul(diff).sumNumber().doubleValue() / n;
        return new Value(-loss, diff.muli(-2.0 / n).castTo(output.dataType()));
    }
}
