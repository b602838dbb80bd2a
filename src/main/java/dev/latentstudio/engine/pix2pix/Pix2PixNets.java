package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.nn.InstanceNorm;
import dev.latentstudio.engine.nn.NoForwardInBackprop;
import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * pix2pix's networks (Isola et al. 2017), layer for layer as ../shared/bench/nets.py builds them:
 * the U-Net generator (down: conv 4×4/2, LeakyReLU 0.2, BatchNorm; up: ReLU, transposed conv 4×4/2,
 * BatchNorm (or {@link InstanceNorm}), dropout 0.5 in the inner levels; each level's input joined to its output) and the
 * 70×70 PatchGAN on (A, B) joined along the channels.
 */
public final class Pix2PixNets {
    public static final double LR = 2e-4;
    public static final String INPUT = "a", OUTPUT = "out";

    /** The normalisation after G's and D's inner convolutions: pix2pix's {@code --norm batch} (the default) or {@code instance}. */
    public enum Norm {
        BATCH, INSTANCE;

        public String option() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Norm of(String option) {
            for (Norm n : values()) if (n.option().equals(option)) return n;
            throw new IllegalArgumentException("--norm must be batch or instance, not '" + option + "'");
        }
    }

    /**
     * What a pix2pix model is: side (a power of two, ≥ 32), filters at the outer level, channels of A and of B, and the
     * normalisation (null, as in checkpoints written before it was an option, is batch norm).
     */
    public record Spec(int side, int ngf, int inChannels, int outChannels, Norm norm) {
        public Spec {
            if (side < 32 || Integer.bitCount(side) != 1) throw new IllegalArgumentException("side must be 32, 64, 128 or 256, not " + side);
            if (ngf < 1 || inChannels < 1 || outChannels < 1) throw new IllegalArgumentException("filters and channels must be ≥ 1");
            if (norm == null) norm = Norm.BATCH;
        }

        public Spec(int side, int ngf, int inChannels, int outChannels) {
            this(side, ngf, inChannels, outChannels, Norm.BATCH);
        }

        /** U-Net levels: 2^levels = side (unet_128 has 7, unet_256 8). */
        public int levels() {
            return Integer.numberOfTrailingZeros(side);
        }

        public String describe() {
            return "pix2pix U-Net " + side + "×" + side + " (" + levels() + " levels, " + ngf + " filters, " + inChannels + " → "
                    + outChannels + " channels, " + norm.option() + " norm) + PatchGAN";
        }
    }

    private Pix2PixNets() {
    }

    /**
     * G is trained through external errors after a kept forward pass, whose dropout masks would outlive DL4J's
     * workspaces: none for G (the session frees its arrays). D's passes are DL4J's own: workspaces, so a step
     * reuses D's memory instead of allocating it afresh.
     */
    private static NeuralNetConfiguration.Builder base(long seed, double lr, WorkspaceMode workspaces) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(lr, 0.5, 0.999, 1e-8))
                .weightInit(new WeightInitDistribution(new NormalDistribution(0, 0.02)))
                .trainingWorkspaceMode(workspaces)
                .inferenceWorkspaceMode(workspaces);
    }

    public static ComputationGraphConfiguration unetConf(Spec s, long seed, double lr) {
        ComputationGraphConfiguration.GraphBuilder g = base(seed, lr, WorkspaceMode.NONE).graphBuilder().addInputs(INPUT);
        int levels = s.levels();
        int ngf = s.ngf();
        // filters of each level's inner side, outermost first: ngf, 2ngf, 4ngf, then 8ngf down to the innermost
        int[] inner = new int[levels];
        for (int i = 0; i < levels; i++) inner[i] = ngf * (i < 3 ? 1 << i : 8);
        // down path: level i's input is x[i]; its convolution gives x[i+1]
        String[] x = new String[levels + 1];
        x[0] = INPUT;
        for (int i = 0; i < levels; i++) {
            String in = x[i];
            if (i > 0) {
                g.addLayer("down" + i + "_act", new ActivationLayer(new ActivationLReLU(0.2)), in);
                in = "down" + i + "_act";
            }
            g.addLayer("down" + i, conv(inner[i], 2).build(), in);
            x[i + 1] = "down" + i;
            boolean bn = i > 0 && i < levels - 1; // not after the outermost or the innermost convolution
            if (bn) {
                g.addLayer("down" + i + suffix(s), norm(s.norm(), inner[i]), x[i + 1]);
                x[i + 1] = "down" + i + suffix(s);
            }
        }
        // up path, innermost first: ReLU, transposed conv, BatchNorm (and dropout), joined to the level's input
        String y = x[levels];
        for (int i = levels - 1; i >= 0; i--) {
            int outer = i == 0 ? s.outChannels() : inner[i - 1];
            g.addLayer("up" + i + "_act", new ActivationLayer(Activation.RELU), y);
            g.addLayer("up" + i, deconv(outer, i == 0), "up" + i + "_act");
            if (i == 0) {
                g.addLayer(OUTPUT, new ActivationLayer(Activation.TANH), "up0");
                break;
            }
            String last = "up" + i + suffix(s);
            g.addLayer(last, norm(s.norm(), outer), "up" + i);
            boolean dropout = i >= 4 && i < levels - 1; // the levels between 8ngf's first and the innermost
            if (dropout) {
                g.addLayer("up" + i + "_drop", new DropoutLayer(0.5), last); // DL4J's argument is the keep probability
                last = "up" + i + "_drop";
            }
            g.addVertex("skip" + i, new MergeVertex(), x[i], last);
            y = "skip" + i;
        }
        return g.setOutputs(OUTPUT)
                .setInputTypes(InputType.convolutional(s.side(), s.side(), s.inChannels()))
                .build();
    }

    public static ComputationGraph unet(Spec s, long seed, double lr) {
        ComputationGraph net = new ComputationGraph(unetConf(s, seed, lr));
        net.init();
        return accelerate(net);
    }

    /**
     * The 3-layer PatchGAN: its output is a grid of P(real) over overlapping 70×70 patches of (A, B). Its norm is G's,
     * as pix2pix's {@code --norm} sets both.
     */
    public static MultiLayerConfiguration patchGanConf(Spec s, int ndf, long seed, double lr) {
        return base(seed, lr, WorkspaceMode.ENABLED).list()
                .layer(conv(ndf, 2).hasBias(true).build())
                .layer(new ActivationLayer(new ActivationLReLU(0.2)))
                .layer(conv(ndf * 2, 2).build())
                .layer(norm(s.norm(), ndf * 2))
                .layer(new ActivationLayer(new ActivationLReLU(0.2)))
                .layer(conv(ndf * 4, 2).build())
                .layer(norm(s.norm(), ndf * 4))
                .layer(new ActivationLayer(new ActivationLReLU(0.2)))
                .layer(conv(ndf * 8, 1).build())
                .layer(norm(s.norm(), ndf * 8))
                .layer(new ActivationLayer(new ActivationLReLU(0.2)))
                .layer(conv(1, 1).hasBias(true).build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(s.side(), s.side(), s.inChannels() + s.outChannels()))
                .build();
    }

    public static MultiLayerNetwork patchGan(Spec s, int ndf, long seed, double lr) {
        MultiLayerNetwork net = new MultiLayerNetwork(patchGanConf(s, ndf, seed, lr));
        net.init();
        return accelerate(net);
    }

    /** oneDNN convolutions and FastBatchNorm, and no repeated forward pass in the convolutions' backprop (same results). */
    public static ComputationGraph accelerate(ComputationGraph g) {
        return NoForwardInBackprop.install(OneDnn.accelerate(g));
    }

    /** The same for the PatchGAN. */
    public static MultiLayerNetwork accelerate(MultiLayerNetwork d) {
        return NoForwardInBackprop.install(OneDnn.accelerate(d));
    }

    private static org.deeplearning4j.nn.conf.layers.Layer norm(Norm norm, int channels) {
        return norm == Norm.INSTANCE ? new InstanceNorm() : new BatchNormalization.Builder().nOut(channels).build();
    }

    private static String suffix(Spec s) {
        return s.norm() == Norm.INSTANCE ? "_in" : "_bn";
    }

    /** The norm a built generator has (a model folder records only its layers). */
    public static Norm normOf(ComputationGraph g) {
        for (org.deeplearning4j.nn.api.Layer l : g.getLayers()) {
            if (l.conf().getLayer() instanceof InstanceNorm) return Norm.INSTANCE;
        }
        return Norm.BATCH;
    }

    private static ConvolutionLayer.Builder conv(int out, int stride) {
        return new ConvolutionLayer.Builder(4, 4).stride(stride, stride).padding(1, 1).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY);
    }

    private static Deconvolution2D deconv(int out, boolean bias) {
        return new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(out).hasBias(bias)
                .activation(Activation.IDENTITY).build();
    }
}
