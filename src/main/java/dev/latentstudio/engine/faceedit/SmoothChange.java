package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.nn.Scratch;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.invert.TotalVariation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

/**
 * Keeps the change smooth: −TV(x − x₀) per pixel, the total variation of the difference from the original chip.
 * The attribute nets are most easily moved by pixel-sized speckle (an adversarial pattern the eye reads as noise);
 * the photo's own texture is not penalised, only the edit's.
 */
public final class SmoothChange implements ImageTerm {
    private final INDArray reference;
    private final TotalVariation tv = new TotalVariation(1, 0.01);
    private final double pixels;

    public SmoothChange(INDArray reference) {
        this.reference = reference.castTo(DataType.DOUBLE);
        this.pixels = (double) reference.size(2) * reference.size(3);
    }

    @Override
    public Value evaluate(INDArray image, Random rnd) {
        // the step's temporaries in a workspace, so they do not wait for the collector
        return Scratch.run("SmoothChange", () -> {
            INDArray diff = image.castTo(DataType.DOUBLE).sub(reference);
            double loss = tv.value(diff) / pixels;
            return new Value(-loss, tv.gradient(diff).divi(-pixels).castTo(image.dataType()).detach(), Map.of("smooth", loss));
        });
    }
}
