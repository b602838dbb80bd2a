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
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The two DCGANs, each read top to bottom like its diagram.
 * <p>
 * MNIST (the source's): generator z ∈ R^64 → 128×7×7 → 64×14×14 → 1×28×28 (tanh);
 * discriminator 1×28×28 → 64×14×14 → 128×7×7 → P(real).
 * <p>
 * 64×64 colour (the DCGAN paper's, for image folders), with base width w (the paper: w = 128):
 * generator z ∈ R^100 → 8w×4×4 → 4w×8×8 → 2w×16×16 → w×32×32 → 3×64×64 (tanh);
 * discriminator 3×64×64 → w×32×32 → 2w×16×16 → 4w×8×8 → 8w×4×4 → P(real).
 * <p>
 * Both follow the paper's recipe: strided 4×4 (de)convolutions, BatchNorm everywhere but G's output
 * and D's input, ReLU in G, LeakyReLU(0.2) in D, weights ~ N(0, 0.02), Adam(2e-4, β1 = 0.5). A layer
 * followed by BatchNorm has no bias (BatchNorm's shift replaces it).
 */
public final class Dcgan {
    /** Latent size of the MNIST DCGAN. */
    public static final int Z = 64;
    /** Latent size of the 64×64 DCGAN, as in the DCGAN paper. */
    public static final int Z64 = 100;
    public static final double LR = 2e-4;
    public static final String MNIST_ID = "dcgan-mnist-28";
    public static final String COLOUR64_ID = "dcgan-64";
    /** The 64×64 colour nets made class-conditional as the 28×28 ones are (a folder of class sub-folders). */
    public static final String CONDITIONAL64_ID = "cdcgan-64";
    /** The source's MNIST nets made class-conditional: G takes [z ; one-hot class], D is a projection discriminator. */
    public static final String CONDITIONAL28_ID = "cdcgan-28";
    /** Standard deviation of D's class embeddings at the start: small, or the projection swamps D (measured in a probe). */
    static final double EMBEDDING_INIT_STD = 0.01;
    /** The paper's base width for the 64×64 nets (1024 channels at 4×4): ~12.7M parameters in G. */
    public static final int PAPER_WIDTH = 128;
    /** The 64×64 variant's width the studio and CLI default to: a step takes ~0.5 s on 2 cores, the paper's ~5 s. */
    public static final int CPU_WIDTH = 32;

    /**
     * Which DCGAN, with everything needed to rebuild it identically: id, latent size, image channels and
     * side, base width (the narrowest layer's channels; the MNIST nets are fixed at 64) and the number
     * of classes a conditional model draws (0: unconditional).
     * Stored in checkpoints and (id, width) in model cards.
     */
    public record Architecture(String id, int z, int channels, int side, int width, int classes) {
        public static final Architecture MNIST = new Architecture(MNIST_ID, Z, 1, 28, 64);

        public Architecture {
            boolean ok = switch (id == null ? "" : id) {
                case MNIST_ID -> z == Z && channels == 1 && side == 28 && width == 64 && classes == 0;
                case CONDITIONAL28_ID -> z == Z && channels == 1 && side == 28 && width == 64 && classes >= 2;
                case COLOUR64_ID -> z == Z64 && channels == 3 && side == 64 && width >= 1 && classes == 0;
                case CONDITIONAL64_ID -> z == Z64 && channels == 3 && side == 64 && width >= 1 && classes >= 2;
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("unknown DCGAN architecture " + id + " (z " + z + ", " + channels + "×"
                        + side + "×" + side + ", width " + width + ", " + classes + " classes); known: " + MNIST_ID + ", "
                        + CONDITIONAL28_ID + " (≥ 2 classes), " + COLOUR64_ID + " (width ≥ 1), " + CONDITIONAL64_ID + " (width ≥ 1, ≥ 2 classes)");
            }
        }

        /** An unconditional architecture (checkpoints from before conditional models read as this). */
        public Architecture(String id, int z, int channels, int side, int width) {
            this(id, z, channels, side, width, 0);
        }

        /** The source's 28×28 grey nets, conditioned on one of {@code classes} classes. */
        public static Architecture conditional28(int classes) {
            return new Architecture(CONDITIONAL28_ID, Z, 1, 28, 64, classes);
        }

        public boolean conditional() {
            return classes > 0;
        }

        /** What G takes in: z joined with the class weights. */
        public int inputDim() {
            return z + classes;
        }

        /** The 64×64 colour DCGAN with layer widths 8w, 4w, 2w, w. */
        public static Architecture colour64(int width) {
            return new Architecture(COLOUR64_ID, Z64, 3, 64, width);
        }

        /** The same conditioned on one of {@code classes} classes. */
        public static Architecture conditional64(int width, int classes) {
            return new Architecture(CONDITIONAL64_ID, Z64, 3, 64, width, classes);
        }

        public MultiLayerConfiguration generatorConf(long seed, double lr) {
            return side == 64 ? colour64Generator(seed, lr, width, classes) : mnistGenerator(seed, lr, classes);
        }

        public MultiLayerConfiguration discriminatorConf(long seed, double lr) {
            return discriminatorConf(seed, lr, 1);
        }

        /** D judging {@code pack} pictures at once, stacked along the channels (PacGAN; see {@link GanSession}). */
        public MultiLayerConfiguration discriminatorConf(long seed, double lr, int pack) {
            if (pack < 1) throw new IllegalArgumentException("a pack holds at least one picture, not " + pack);
            return side == 64 ? colour64Discriminator(seed, lr, width, classes, channels * pack) : mnistDiscriminator(seed, lr, classes, pack);
        }

        public MultiLayerNetwork generator(long seed, double lr) {
            MultiLayerNetwork g = new MultiLayerNetwork(generatorConf(seed, lr));
            g.init();
            return OneDnn.accelerate(g);
        }

        public MultiLayerNetwork discriminator(long seed, double lr) {
            return discriminator(seed, lr, 1);
        }

        public MultiLayerNetwork discriminator(long seed, double lr, int pack) {
            MultiLayerNetwork d = new MultiLayerNetwork(discriminatorConf(seed, lr, pack));
            d.init();
            if (classes > 0) {
                // columns 1..k of the last layer's weights are the class embeddings: start them small
                INDArray w = d.getLayer(d.getnLayers() - 1).getParam("W");
                w.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + classes)).muli(EMBEDDING_INIT_STD / 0.02);
            }
            return OneDnn.accelerate(d);
        }

        /** "dcgan-64 (width 32, z ∈ R^100, 3×64×64)" for messages and logs. */
        public String describe() {
            return id + " (width " + width + ", z ∈ R^" + z + ", " + channels + "×" + side + "×" + side
                    + (classes > 0 ? ", " + classes + " classes" : "") + ")";
        }
    }

    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();
    private static final IActivation TANH = Activation.TANH.getActivationFunction();
    private static final IActivation LRELU = new ActivationLReLU(0.2);

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

    /**
     * The source's generator; with classes, its input is z joined with a one-hot class, so the first
     * layer's weights for the class inputs are a learned class embedding added to z's projection.
     */
    private static MultiLayerConfiguration mnistGenerator(long seed, double lr, int classes) {
        return base(seed, lr)
                // z (+ class) → 128×7×7
                .layer(new DenseLayer.Builder().nIn(Z + classes).nOut(128 * 7 * 7).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(128 * 7 * 7).build())
                .layer(new ActivationLayer(Activation.RELU))
                // 128×7×7 → 64×14×14
                .layer(up(64, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                // 64×14×14 → 1×28×28
                .layer(up(1, true, TANH))
                .inputPreProcessor(3, new FeedForwardToCnnPreProcessor(7, 7, 128))
                .setInputType(InputType.feedForward(Z + classes))
                .build();
    }

    /** The source's discriminator; with classes, a projection discriminator (see {@link ProjectionLoss}). */
    private static MultiLayerConfiguration mnistDiscriminator(long seed, double lr, int classes, int channels) {
        return base(seed, lr)
                // 1×28×28 → 64×14×14
                .layer(down(64, true, LRELU))
                // 64×14×14 → 128×7×7
                .layer(down(128, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(LRELU))
                // 128×7×7 → P(real), or with classes ψ(φ) and the class projections ⟨e_c, φ⟩
                .layer(classes == 0
                        ? new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build()
                        : new OutputLayer.Builder(new ProjectionLoss()).nOut(1 + classes).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(28, 28, channels))
                .build();
    }

    private static MultiLayerConfiguration colour64Generator(long seed, double lr, int w, int classes) {
        return base(seed, lr)
                // z (+ class) → 8w×4×4: the paper's "project and reshape" (a dense layer = a 4×4 deconvolution of a 1×1 input)
                .layer(new DenseLayer.Builder().nIn(Z64 + classes).nOut(8 * w * 4 * 4).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())   // per channel on 8w×4×4 (the preprocessor below reshapes first)
                .layer(new ActivationLayer(Activation.RELU))
                // 8w×4×4 → 4w×8×8
                .layer(up(4 * w, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                // 4w×8×8 → 2w×16×16
                .layer(up(2 * w, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                // 2w×16×16 → w×32×32
                .layer(up(w, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                // w×32×32 → 3×64×64
                .layer(up(3, true, TANH))
                .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(4, 4, 8L * w))
                .setInputType(InputType.feedForward(Z64 + classes))
                .build();
    }

    private static MultiLayerConfiguration colour64Discriminator(long seed, double lr, int w, int classes, int channels) {
        return base(seed, lr)
                // 3×64×64 → w×32×32
                .layer(down(w, true, LRELU))
                // w×32×32 → 2w×16×16
                .layer(down(2 * w, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(LRELU))
                // 2w×16×16 → 4w×8×8
                .layer(down(4 * w, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(LRELU))
                // 4w×8×8 → 8w×4×4
                .layer(down(8 * w, false, IDENTITY))
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(LRELU))
                // 8w×4×4 → P(real) (a dense layer over 4×4 = the paper's final 4×4 convolution), or the projections
                .layer(classes == 0
                        ? new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build()
                        : new OutputLayer.Builder(new ProjectionLoss()).nOut(1 + classes).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(64, 64, channels))
                .build();
    }

    /** Deconvolution 4×4, stride 2, padding 1: doubles the side. */
    private static Deconvolution2D up(int out, boolean bias, IActivation act) {
        return new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(out).hasBias(bias).activation(act).build();
    }

    /** Convolution 4×4, stride 2, padding 1: halves the side. */
    private static ConvolutionLayer down(int out, boolean bias, IActivation act) {
        return new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(out).hasBias(bias).activation(act).build();
    }

    // The MNIST nets under their old names: the shipped model, the bench and many tests use them.

    public static MultiLayerConfiguration generatorConf(long seed, double lr) {
        return Architecture.MNIST.generatorConf(seed, lr);
    }

    public static MultiLayerConfiguration discriminatorConf(long seed, double lr) {
        return Architecture.MNIST.discriminatorConf(seed, lr);
    }

    public static MultiLayerNetwork generator(long seed, double lr) {
        return Architecture.MNIST.generator(seed, lr);
    }

    public static MultiLayerNetwork discriminator(long seed, double lr) {
        return Architecture.MNIST.discriminator(seed, lr);
    }
}
