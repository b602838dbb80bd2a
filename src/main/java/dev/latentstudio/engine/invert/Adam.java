package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.nn.Buffers;
import dev.latentstudio.engine.nn.Scratch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba) for ascent. Its per-pixel step is about {@code lr} whatever the scale of the
 * gradient, which matters here: a logit's gradient is small at the mean image and grows as the class
 * takes hold, and the regularisers' weights would otherwise also set the step size.
 */
public final class Adam implements Optimiser {
    private final double lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    private INDArray m, v;
    private int t;

    public Adam(double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        this.lr = lr;
    }

    @Override
    public void ascend(INDArray params, INDArray gradient) {
        INDArray g = gradient.castTo(params.dataType());
        if (m == null) {
            m = params.ulike().assign(0);
            v = params.ulike().assign(0);
        }
        t++;
        double a = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        // the update's temporaries (four image-sized arrays a step) in a workspace: m, v and params change in place
        Scratch.run("Adam", () -> {
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            return params.addi(m.div(Transforms.sqrt(v, true).addi(eps)).muli(a));
        });
        if (g != gradient) Buffers.close(g); // castTo's copy
    }
}
