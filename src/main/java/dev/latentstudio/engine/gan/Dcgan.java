package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MNIST DCGAN of the source, read top to bottom like its diagram:
 * generator z ∈ R^64 → 128×7×7 → 64×14×14 → 1×28×28 (tanh);
 * discriminator 1×28×28 → 64×14×14 → 128×7×7 → P(real).
 * As in the DCGAN paper: strided (de)convolutions, BatchNorm everywhere but G's output and D's input,
 * ReLU in G, LeakyReLU(0.2) in D, weights ~ N(0, 0.02), Adam(2e-4, β1 = 0.5).
 */
public final class Dcgan {
    public static final int Z = 64;
    public static final double LR = 2e-4;

    private Dcgan() {
    }

    private static NeuralNetConfiguration.ListBuilder base(long seed, double lr) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(lr, 0.5, 0.999, 1e-8))
                .weightInit(new WeightInitDistribution(new NormalDistribution(0, 0.02)))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
    }

    public static MultiLayerConfiguration generatorConf(long seed, double lr) {
        return base(seed, lr)
                // z → 128×7×7
                .layer(new DenseLayer.Builder().nIn(Z).nOut(128 * 7 * 7).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(128 * 7 * 7).build())
                .layer(new ActivationLayer(Activation.RELU))
                // 128×7×7 → 64×14×14
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(64).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                // 64×14×14 → 1×28×28
                .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(1)
                        .activation(Activation.TANH).build())
                .inputPreProcessor(3, new FeedForwardToCnnPreProcessor(7, 7, 128))
                .setInputType(InputType.feedForward(Z))
                .build();
    }

    public static MultiLayerConfiguration discriminatorConf(long seed, double lr) {
        return base(seed, lr)
                // 1×28×28 → 64×14×14
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(64)
                        .activation(new ActivationLReLU(0.2)).build())
                // 64×14×14 → 128×7×7
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(128).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(new ActivationLReLU(0.2)))
                // 128×7×7 → P(real)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    public static MultiLayerNetwork generator(long seed, double lr) {
        MultiLayerNetwork g = new MultiLayerNetwork(generatorConf(seed, lr));
        g.init();
        return g;
    }

    public static MultiLayerNetwork discriminator(long seed, double lr) {
        MultiLayerNetwork d = new MultiLayerNetwork(discriminatorConf(seed, lr));
        d.init();
        return OneDnn.accelerate(d);
    }
}
