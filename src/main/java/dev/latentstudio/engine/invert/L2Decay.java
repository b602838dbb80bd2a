package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * weight/2 · Σ (x − centre)²: pulls every pixel towards a neutral value. For digits the centre is
 * the background (−1, no ink), so ink the class does not need fades away; images whose neutral
 * value is mid-grey use 0, which is Simonyan et al.'s decay on zero-centred pixels.
 */
public final class L2Decay implements Regulariser {
    private final double weight, centre;

    public L2Decay(double weight, double centre) {
        this.weight = weight;
        this.centre = centre;
    }

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public double value(INDArray image) {
        INDArray d = image.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(centre);
        return 0.5 * weight * d.mul(d).sumNumber().doubleValue();
    }

    @Override
    public INDArray gradient(INDArray image) {
        return image.sub(centre).muli(weight);
    }
}
