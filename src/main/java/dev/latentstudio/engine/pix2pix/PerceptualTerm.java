package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.invert.Bilinear;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.Transform;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.GraphLayers;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.LayerNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The perceptual term of G's loss: mean (φ(G(A)) − φ(B))² over a frozen network's activations φ at a shallow layer
 * (the source used VGG's). Its gradient reaches G's output as an input gradient through the feature net (its weights
 * never change), and is added to the L1 term's. G's pictures are resampled to the net's side (bilinear, exact adjoint)
 * and normalised as the net expects.
 */
public final class PerceptualTerm {
    /** The shipped feature nets: the two garment classifiers for grey garments, the face recogniser for RGB faces. */
    public enum Net {
        /** models/fashion-cnn at 28×28, its second convolution (64 channels at 14×14, after one pooling). */
        FASHION(ModelStore.FASHION_CLASSIFIER, 1, 28, "conv2"),
        /** models/fashion-cnn-b at 28×28, its third convolution (32 channels at 10×10, the first after a pooling). */
        FASHION_B(ModelStore.FASHION_SECOND_CLASSIFIER, 1, 28, "conv3"),
        /** face-api's recogniser at 150×150, the layer the face edit's appearance term uses (32 channels at 37×37). */
        FACE("face", 3, FaceRecognitionNet.SIZE, FaceEditor.APPEARANCE_LAYER);

        public final String option;
        public final int channels, side;
        public final String layer;

        Net(String option, int channels, int side, String layer) {
            this.option = option;
            this.channels = channels;
            this.side = side;
            this.layer = layer;
        }

        public static Net of(String option) {
            for (Net n : values()) if (n.option.equals(option.toLowerCase(Locale.ROOT))) return n;
            throw new IllegalArgumentException("--perceptual-net must be fashion-cnn, fashion-cnn-b or face, not '" + option + "'");
        }

        /**
         * The net for pictures with this many channels: grey → the second garment classifier (so that evaluate-pix2pix's
         * judge, fashion-cnn, stays independent of what G was trained on), RGB → the face recogniser.
         */
        public static Net forChannels(int channels) {
            return switch (channels) {
                case 1 -> FASHION_B;
                case 3 -> FACE;
                default -> throw new IllegalArgumentException("no shipped feature net takes " + channels + "-channel pictures");
            };
        }
    }

    /** The unweighted term (mean squared feature difference) and the weighted term's gradient with respect to G's output. */
    public record Value(double loss, INDArray gradient) {
    }

    private final Net net; // null for a test's own classifier
    private final double weight;
    private final int channels, side;
    private final DataType dataType;
    private final InputGradient.Backprop backprop;
    private final UnaryOperator<INDArray> features;
    private final Transform normalise; // the net's input normalisation after the resampling; null: it takes [-1, 1]
    private Bilinear resize; // from G's side to the net's, made on first use

    PerceptualTerm(Net net, double weight, int channels, int side, DataType dataType, InputGradient.Backprop backprop,
                   UnaryOperator<INDArray> features, Transform normalise) {
        if (!(weight > 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("the perceptual weight must be > 0, not " + weight);
        this.net = net;
        this.weight = weight;
        this.channels = channels;
        this.side = side;
        this.dataType = dataType;
        this.backprop = backprop;
        this.features = features;
        this.normalise = normalise;
    }

    /** The term on a classifier's layer (input [-1, 1] at {@code side}), e.g. a small one in a test. */
    static PerceptualTerm onClassifier(double weight, MultiLayerNetwork classifier, String layer, int channels, int side) {
        return onClassifier(null, weight, classifier, layer, channels, side);
    }

    private static PerceptualTerm onClassifier(Net net, double weight, MultiLayerNetwork classifier, String layer, int channels, int side) {
        LayerNetworks cuts = new LayerNetworks(classifier);
        int l = cuts.index(layer);
        return new PerceptualTerm(net, weight, channels, side, classifier.getLayerWiseConfigurations().getDataType(),
                InputGradient.backprop(cuts.upTo(l)), x -> cuts.activations(l, x), null);
    }

    /** The shipped net's term, or null when the weight is 0 (off). */
    public static PerceptualTerm load(Net net, double weight) throws IOException {
        if (weight == 0) return null;
        if (net != Net.FACE) return onClassifier(net, weight, DigitClassifier.load(net.option), net.layer, 1, net.side);
        GraphLayers layers = new GraphLayers(FaceRecognitionNet.load(StudioPaths.models().resolve("face-api")).graph());
        int l = layers.index(net.layer);
        return new PerceptualTerm(net, weight, 3, net.side, DataType.FLOAT, layers.upTo(l), x -> layers.activations(l, x),
                new IdentityPortrait.FaceInput());
    }

    public Net net() {
        return net;
    }

    public double weight() {
        return weight;
    }

    /** mean (φ(x) − φ(b))² and the gradient of weight × that with respect to x; x and b NCHW on [-1, 1]. */
    public Value of(INDArray x, INDArray b) {
        if (x.size(1) != channels) {
            throw new IllegalArgumentException("the perceptual net takes " + channels + "-channel pictures, G draws " + x.size(1));
        }
        INDArray xs = resized(x), bs = resized(b);
        INDArray target = features.apply(normalise == null ? bs : normalise.apply(bs, null).image());
        Transform.Applied in = normalise == null ? null : normalise.apply(xs, null);
        double[] loss = new double[1];
        INDArray g = backprop.of(in == null ? xs : in.image(), out -> {
            INDArray diff = out.sub(target.castTo(out.dataType()));
            loss[0] = Transforms.pow(diff, 2, true).meanNumber().doubleValue();
            return diff.muli(2 * weight / diff.length());
        });
        if (in != null) g = in.pullBack(g);
        if (x.size(2) != side) g = resize.adjoint(g);
        return new Value(loss[0], g.castTo(x.dataType()));
    }

    /** The picture at the net's side and in its data type. */
    private INDArray resized(INDArray x) {
        int s = (int) x.size(2);
        if (s != side && resize == null) resize = Bilinear.resize(s, s, side, side);
        return (s == side ? x : resize.apply(x)).castTo(dataType);
    }
}
