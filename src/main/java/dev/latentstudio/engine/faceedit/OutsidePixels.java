package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.nn.Scratch;
import dev.latentstudio.engine.invert.ImageTerm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

/**
 * Keeps the chip's background: −Σ w·(x − x₀)² / Σ w with w = 1 − the face mask per pixel (every channel). Hair,
 * neck and background are what the paste-back mask lets through least, and the attribute nets would otherwise
 * repaint them (their input reaches past the face); inside the mask the term is free.
 */
public final class OutsidePixels implements ImageTerm {
    private final INDArray reference;
    private final INDArray weight;
    private final double total;

    /** {@code reference}: the original chip [1, c, h, w]; {@code mask}: the face mask [h·w] in 0..1, row by row. */
    public OutsidePixels(INDArray reference, double[] mask) {
        int c = (int) reference.size(1), h = (int) reference.size(2), w = (int) reference.size(3);
        if (mask.length != h * w) throw new IllegalArgumentException("a mask of " + h * w + " values expected, got " + mask.length);
        double[] wv = new double[c * h * w];
        for (int ch = 0; ch < c; ch++) for (int i = 0; i < h * w; i++) wv[ch * h * w + i] = 1 - mask[i];
        this.weight = org.nd4j.linalg.factory.Nd4j.create(wv, new long[]{1, c, h, w}, 'c');
        this.total = Math.max(weight.sumNumber().doubleValue(), 1e-9);
        this.reference = reference.castTo(DataType.DOUBLE);
    }

    @Override
    public Value evaluate(INDArray image, Random rnd) {
        // once a step, four chip-sized double temporaries: in a workspace, so they do not wait for the collector
        return Scratch.run("OutsidePixels", () -> {
            INDArray diff = image.castTo(DataType.DOUBLE).sub(reference);
            INDArray wd = diff.mul(weight);
            double loss = wd.mul(diff).sumNumber().doubleValue() / total;
            return new Value(-loss, wd.muli(-2 / total).castTo(image.dataType()).detach(), Map.of("outside", loss));
        });
    }
}
