package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.nn.OneThread;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trained MNIST generator (plain or conditional) for sampling only: BatchNorm folded into the layer before it
 * (Dense+BN+ReLU → Dense(ReLU), Deconv+BN+ReLU → Deconv(ReLU)) and run as a few direct ND4J
 * ops on weights laid out once for libnd4j. Same function as the network; DL4J's layer stack
 * (inference BatchNorm alone is a dozen small allocating ops, and each deconvolution permutes
 * its weights per call) made a batch-1 call ~6× slower than PyTorch, and the studio's 60 fps
 * morph calls it every frame.
 */
public final class InferenceGenerator {
    private final INDArray w1, b1;   // [in, 6272], [1, 6272]
    private final INDArray w2, b2;   // libnd4j layout [kH, kW, out, in] = [4, 4, 64, 128], [64]
    private final INDArray w3, b3;   // [4, 4, 1, 64], [1]
    // A single z (the morph's frame) runs on its own layouts into reused buffers, NHWC throughout: the dense rows in
    // (h, w, c) order so its output is already an NHWC image, and the last layer (64 → 1 channel) as one matrix
    // product and col2im, where libnd4j's deconv2d took 110-170 µs against ~30 for the pair
    private final INDArray w1h, b1h; // [6272, in] (a matrix-vector product, ~6× faster this way round), [1, 6272]
    private final INDArray w3m;      // DL4J's [in, out, kH, kW] = [64, 1, 4, 4] as [64, 16]
    private final double bias3;
    private final INDArray h1 = Nd4j.create(128 * 7 * 7, 1), y1 = Nd4j.create(1, 14, 14, 64), cols = Nd4j.create(14 * 14, 16),
            o1 = Nd4j.create(1, 1, 28, 28);

    private InferenceGenerator(INDArray w1, INDArray b1, INDArray w2, INDArray b2, INDArray w3, INDArray b3, INDArray w3m) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.w3 = w3;
        this.b3 = b3;
        long in = w1.size(0);
        this.w1h = w1.transpose().reshape('c', 128, 7, 7, in).permute(1, 2, 0, 3).dup('c').reshape(128 * 7 * 7, in);
        this.b1h = b1.reshape('c', 128, 7, 7).permute(1, 2, 0).dup('c').reshape(1, 128 * 7 * 7);
        this.w3m = w3m;
        this.bias3 = b3.getDouble(0);
    }

    /** Folds a generator built by {@link Dcgan#generatorConf}; the original is left untouched. */
    public static InferenceGenerator fold(MultiLayerNetwork g) {
        INDArray[] s1 = scaleShift(g.getLayer(1));
        INDArray w1 = g.getLayer(0).getParam("W").mulRowVector(s1[0]);
        INDArray[] s2 = scaleShift(g.getLayer(4));
        // DL4J keeps deconvolution weights as [in, out, kH, kW]; scale each output channel, then lay out for libnd4j
        INDArray w2 = g.getLayer(3).getParam("W").dup();
        for (int o = 0; o < w2.size(1); o++) {
            w2.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(o)).muli(s2[0].getDouble(o));
        }
        INDArray w3 = g.getLayer(6).getParam("W");
        return new InferenceGenerator(w1, s1[1].reshape(1, s1[1].length()).dup(),
                w2.permute(2, 3, 1, 0).dup('c'), s2[1].reshape(-1).dup(),
                w3.permute(2, 3, 1, 0).dup('c'), g.getLayer(6).getParam("b").reshape(-1).dup(), w3.dup('c').reshape(w3.size(0), 16));
    }

    /** Images [n, 1, 28, 28] in [-1, 1] for latent vectors [n, 64]. */
    public synchronized INDArray output(INDArray z) {
        boolean single = z.size(0) == 1; // the per-frame case: one thread, reused buffers, only the returned copy allocated
        return OneThread.callIf(single, () -> run(z, single));
    }

    private INDArray run(INDArray z, boolean single) {
        if (single) return single(z);
        long n = z.size(0);
        INDArray h = z.mmul(w1);
        h.addiRowVector(b1);
        Transforms.relu(h, false);
        INDArray y = deconv(h.reshape('c', n, 128, 7, 7), w2, b2, Nd4j.createUninitialized(z.dataType(), n, 64, 14, 14), false);
        Transforms.relu(y, false);
        INDArray out = deconv(y, w3, b3, Nd4j.createUninitialized(z.dataType(), n, 1, 28, 28), false);
        return Transforms.tanh(out, false);
    }

    private INDArray single(INDArray z) {
        Nd4j.gemm(w1h, z, h1, false, true, 1.0, 0.0);
        INDArray h = h1.reshape(1, 128 * 7 * 7).addiRowVector(b1h);
        Transforms.relu(h, false);
        deconv(h.reshape(1, 7, 7, 128), w2, b2, y1, true);
        Transforms.relu(y1, false);
        Nd4j.gemm(y1.reshape(14 * 14, 64), w3m, cols, false, false, 1.0, 0.0); // [pixels, in] × [in, kH·kW]
        // each input pixel's 4×4 patch, overlapping with stride 2 and trimmed by the padding of 1
        Convolution.col2im(cols.reshape('c', 1, 14, 14, 1, 4, 4).permute(0, 3, 4, 5, 1, 2), o1, 2, 2, 1, 1, 28, 28, 1, 1);
        return Transforms.tanh(o1.addi(bias3), false).dup();
    }

    private static INDArray deconv(INDArray in, INDArray w, INDArray b, INDArray out, boolean nhwc) {
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(in, w, b).addOutputs(out)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, nhwc ? 1 : 0) // kernel, stride, pad, dilation, not "same", layout
                .callInplace(false).build());
        return out;
    }

    /** BN(x) = s·x + t with s = γ/√(var+ε), t = β − mean·s, from the layer's inference statistics. */
    private static INDArray[] scaleShift(Layer bn) {
        BatchNormalization conf = (BatchNormalization) bn.conf().getLayer();
        INDArray gamma = bn.getParam("gamma").reshape(-1), beta = bn.getParam("beta").reshape(-1);
        INDArray mean = bn.getParam("mean").reshape(-1);
        INDArray var;
        if (conf.isUseLogStd()) { // DL4J stores log10 of the running standard deviation
            INDArray std = Transforms.exp(bn.getParam("log10stdev").reshape(-1).mul(Math.log(10)), false);
            var = std.mul(std);
        } else {
            var = bn.getParam("var").reshape(-1).dup();
        }
        INDArray s = gamma.div(Transforms.sqrt(var.add(conf.getEps()), false));
        INDArray t = beta.sub(mean.mul(s));
        return new INDArray[]{s, t};
    }
}
