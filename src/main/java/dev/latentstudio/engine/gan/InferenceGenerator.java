package dev.latentstudio.engine.gan;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trained MNIST generator with its BatchNorm layers folded into the layers before them, for
 * inference only: Dense+BN+ReLU becomes one Dense(ReLU) and Deconv+BN+ReLU one Deconv(ReLU). Same
 * function, three layers instead of seven; DL4J's inference BatchNorm alone costs a dozen small
 * allocating ops per call, which dominated the batch-1 latency that the studio's 60 fps morph needs.
 */
public final class InferenceGenerator {
    private InferenceGenerator() {
    }

    static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder()
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new DenseLayer.Builder().nIn(Dcgan.Z).nOut(128 * 7 * 7).activation(Activation.RELU).build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(64).activation(Activation.RELU).build())
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(1).activation(Activation.TANH).build())
                .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(7, 7, 128))
                .setInputType(InputType.feedForward(Dcgan.Z))
                .build();
    }

    /** Folds a generator built by {@link Dcgan#generatorConf}; the original is left untouched. */
    public static MultiLayerNetwork fold(MultiLayerNetwork g) {
        MultiLayerNetwork f = new MultiLayerNetwork(conf());
        f.init();
        // Dense (no bias) + BN over the 6272 units
        INDArray[] s1 = scaleShift(g.getLayer(1));
        f.getLayer(0).setParam("W", g.getLayer(0).getParam("W").mulRowVector(s1[0]));
        f.getLayer(0).setParam("b", s1[1].reshape(1, s1[1].length()));
        // Deconv (no bias, W is [in, out, kH, kW]) + BN over its 64 output channels
        INDArray[] s2 = scaleShift(g.getLayer(4));
        INDArray w2 = g.getLayer(3).getParam("W").dup();
        for (int o = 0; o < w2.size(1); o++) {
            w2.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(o))
                    .muli(s2[0].getDouble(o));
        }
        f.getLayer(1).setParam("W", w2);
        f.getLayer(1).setParam("b", s2[1].reshape(1, s2[1].length()));
        // the output deconvolution is copied as it is
        f.getLayer(2).setParam("W", g.getLayer(6).getParam("W"));
        f.getLayer(2).setParam("b", g.getLayer(6).getParam("b"));
        return f;
    }

    /** BN(x) = s·x + t with s = γ/√(var+ε), t = β − mean·s, from the layer's running statistics. */
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
