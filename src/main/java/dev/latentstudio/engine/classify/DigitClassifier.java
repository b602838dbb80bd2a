package dev.latentstudio.engine.classify;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;

/**
 * The small digit CNN the Inversion Lab runs backwards and the GAN is measured with:
 * conv5×5(32)–pool–conv5×5(64)–pool–fc(256)–fc(10), input 1×28×28 scaled to [-1, 1].
 * A second architecture ({@link Arch#CNN_B}) exists so that inversions can be checked by a
 * classifier that shares neither weights nor layer shapes with the one they were made against.
 * {@link Arch#FASHION_CNN} is the same kind of network for Fashion-MNIST's garments (ten classes too, so
 * everything here works on either; the model card's labels say which data a classifier knows).
 */
public final class DigitClassifier {
    public static final String WEIGHTS = "classifier.zip";

    /** Trainable architectures; {@code id} is what model.json records as "architecture". */
    public enum Arch {
        /** conv5×5(32)–pool–conv5×5(64)–pool–fc(256)–fc(10): the default, {@code models/digit-cnn}. */
        CNN("cnn", "digit-cnn-28"),
        /** conv3×3(16)–conv3×3(16)–pool–conv3×3(32)–pool–fc(128)–fc(10): smaller kernels, deeper, narrower. */
        CNN_B("cnn-b", "digit-cnn-b-28"),
        /**
         * conv3×3(32)–pool–conv3×3(64)–conv3×3(64)–pool–fc(256)–fc(10), 861 k parameters: {@code models/fashion-cnn},
         * for Fashion-MNIST's garments. Plain ReLU layers (no BatchNorm or dropout: both slowed the few epochs
         * it can afford here), so the Inversion Lab runs it backwards on its fast path like the digit networks.
         */
        FASHION_CNN("fashion-cnn", "fashion-cnn-28");

        public final String option;
        public final String id;

        Arch(String option, String id) {
            this.option = option;
            this.id = id;
        }

        public static Arch of(String option) {
            for (Arch a : values()) if (a.option.equals(option)) return a;
            StringBuilder names = new StringBuilder();
            for (Arch a : values()) names.append(names.length() == 0 ? "" : ", ").append(a.option);
            throw new IllegalArgumentException("unknown classifier architecture '" + option + "' (" + names + ")");
        }
    }

    private DigitClassifier() {
    }

    public static MultiLayerConfiguration conf(long seed, double lr) {
        return conf(seed, new Adam(lr), DataType.FLOAT);
    }

    /** The same network with any updater and precision (gradient checks want NoOp and doubles). */
    public static MultiLayerConfiguration conf(long seed, IUpdater updater, DataType dtype) {
        return conf(Arch.CNN, seed, updater, dtype);
    }

    public static MultiLayerConfiguration conf(Arch arch, long seed, IUpdater updater, DataType dtype) {
        return switch (arch) {
            case CNN -> confA(seed, updater, dtype);
            case CNN_B -> confB(seed, updater, dtype);
            case FASHION_CNN -> confFashion(seed, updater, dtype);
        };
    }

    private static NeuralNetConfiguration.ListBuilder base(long seed, IUpdater updater, DataType dtype) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dtype)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
    }

    private static MultiLayerConfiguration confA(long seed, IUpdater updater, DataType dtype) {
        return base(seed, updater, dtype)
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).name("conv1").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool1").build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).name("conv2").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool2").build())
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).name("fc1").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("logits").build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    private static MultiLayerConfiguration confB(long seed, IUpdater updater, DataType dtype) {
        return base(seed, updater, dtype)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).name("conv1").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).name("conv2").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool1").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).name("conv3").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool2").build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).name("fc1").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("logits").build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    /** fashion-cnn: the digit net's conv1 at 3×3, then two 3×3 convolutions of 64 at 14×14 before the second pooling. */
    private static MultiLayerConfiguration confFashion(long seed, IUpdater updater, DataType dtype) {
        return base(seed, updater, dtype)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).name("conv1").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool1").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).name("conv2").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).name("conv3").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool2").build())
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).name("fc1").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("logits").build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    public static MultiLayerNetwork create(long seed, double lr) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(seed, lr));
        net.init();
        return OneDnn.accelerate(net);
    }

    public static MultiLayerNetwork load(String nameOrPath) throws IOException {
        ModelStore.Entry e = ModelStore.find(nameOrPath);
        if (!ModelCard.CLASSIFIER.equals(e.card().kind())) {
            throw new IOException(e.dir() + " holds a " + e.card().kind() + ", not a classifier");
        }
        return ModelStore.loadNetwork(e);
    }

    /** Class probabilities [n, 10] for NCHW images in [-1, 1], in chunks to bound memory. */
    public static INDArray probabilities(MultiLayerNetwork net, INDArray x) {
        int n = (int) x.size(0), chunk = 500;
        if (n <= chunk) return net.output(x, false);
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(x.dataType(), n, 10);
        for (int i = 0; i < n; i += chunk) {
            int j = Math.min(n, i + chunk);
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, j), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .assign(net.output(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, j)), false));
        }
        return out;
    }

    public static double accuracy(MultiLayerNetwork net, Digits d) {
        int[] pred = predictions(net, d);
        int ok = 0;
        for (int i = 0; i < d.size(); i++) if (pred[i] == d.labels()[i]) ok++;
        return ok / (double) d.size();
    }

    /** For each class, the share of d's pictures of that class the net calls so (NaN for a class d lacks). */
    public static double[] accuracyPerClass(MultiLayerNetwork net, Digits d, int classes) {
        return GanQuality.agreementPerClass(d.labels(), predictions(net, d), classes);
    }

    private static int[] predictions(MultiLayerNetwork net, Digits d) {
        INDArray p = probabilities(net, d.batch(0, d.size()));
        INDArray pred = p.argMax(1);
        int[] out = pred.toIntVector();
        dev.latentstudio.engine.nn.Buffers.close(p, pred);
        return out;
    }
}
