package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Scratch;
import dev.latentstudio.engine.face.TfOps.Padding;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's tiny_face_detector (src/tinyFaceDetector over tinyYolov2's "mobilenet" variant): a 3×3 conv and five
 * depthwise-separable convs with leaky ReLU and max pooling, a 1×1 head giving 5 anchors × (box, objectness) per
 * cell of a 13×13 grid at input 416 (input/32 in general), then {@link YoloBoxes}. About 190 k weights: the
 * booth's fast detector.
 */
public final class TinyFaceDetector implements FaceDetector {

    public static final String MODEL = "tiny_face_detector_model";
    public static final double IOU_THRESHOLD = 0.4;
    static final double[][] ANCHORS = {
            {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308}};
    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final int[] WIDTHS = {16, 32, 64, 128, 256, 512};

    private final TfOps.Conv conv0, conv8;
    private final TfOps.SeparableConv[] separable = new TfOps.SeparableConv[5];
    private final INDArray mean = Nd4j.createFromArray(MEAN_RGB);
    private final TfjsWeights weights;
    private ComputationGraph graph;

    private TinyFaceDetector(TfjsWeights w) {
        weights = w;
        conv0 = TfOps.Conv.load(w, "conv0", 3, 3, WIDTHS[0]);
        for (int i = 1; i <= 5; i++) separable[i - 1] = TfOps.SeparableConv.load(w, "conv" + i, WIDTHS[i - 1], WIDTHS[i]);
        conv8 = TfOps.Conv.load(w, "conv8", 1, 512, ANCHORS.length * 5);
    }

    public static TinyFaceDetector load(Path modelDir) throws IOException {
        return new TinyFaceDetector(TfjsWeights.load(modelDir, MODEL));
    }

    /** How many anchors each cell predicts a box and an objectness for. */
    public static int anchors() {
        return ANCHORS.length;
    }

    /** face-api's normalisation of this detector's input: (rgb − mean) / 255, with this mean. */
    public static float[] meanRgb() {
        return MEAN_RGB.clone();
    }

    /**
     * The same network as a DL4J ComputationGraph (NCHW, input normalised with {@link #meanRgb}) for input gradients:
     * output [n, 25, cells, cells], channel 5·anchor + (tx, ty, tw, th, objectness). Built on first use; the op chain
     * above stays the detector's fast path. Any input side that is a multiple of 32 runs through its cuts.
     */
    public synchronized ComputationGraph graph() {
        if (graph == null) {
            IActivation leaky = new ActivationLReLU(0.1);
            TfjsGraph g = new TfjsGraph("input", 3, 416, 416);
            TfjsWeights.Tensor f0 = weights.get("conv0/filters");
            String x = g.conv("conv0", "input", f0, weights.get("conv0/bias", WIDTHS[0]).values(), null, null, 1, false, leaky);
            x = g.maxPoolSame("pool0", x, 2, 2);
            for (int i = 1; i <= 5; i++) {
                x = g.separable("conv" + i, x, weights, "conv" + i, 1, leaky);
                x = g.maxPoolSame("pool" + i, x, 2, i < 5 ? 2 : 1);
            }
            TfjsWeights.Tensor f8 = weights.get("conv8/filters");
            graph = g.build(g.conv("conv8", x, f8, weights.get("conv8/bias", ANCHORS.length * 5).values(), null, null, 1, false,
                    Activation.IDENTITY));
        }
        return graph;
    }

    /** The raw head for a [1, size, size, 3] tensor of 0..255 values: [1, cells, cells, 25]. */
    public INDArray forward(INDArray input) {
        return Scratch.run(MODEL, () -> head(input).detach());
    }

    private INDArray head(INDArray input) {
        INDArray x = input.sub(mean).divi(255); // mean broadcasts over the channel axis
        // face-api runs the first conv unpadded ("valid"); the separable ones pad 1 on every side, which is "same"
        INDArray out = TfOps.maxPool(TfOps.leaky(conv0.apply(x, 1, Padding.VALID)), 2, 2, Padding.SAME);
        for (int i = 0; i < 5; i++) {
            out = TfOps.leaky(TfOps.separable(out, separable[i], 1, Padding.SAME));
            out = TfOps.maxPool(out, 2, i < 4 ? 2 : 1, Padding.SAME);
        }
        return conv8.apply(out, 1, Padding.VALID);
    }

    /**
     * Faces scoring above {@code scoreThreshold} (face-api's default 0.5) at {@code inputSize} (a multiple of 32;
     * face-api's default 416, smaller is faster and finds fewer small faces), best first.
     */
    public List<FaceDetection> detect(BufferedImage img, int inputSize, double scoreThreshold) {
        if (inputSize <= 0 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32, got " + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must lie between 0 and 1, got " + scoreThreshold);
        }
        float[] head = Scratch.run(MODEL, () -> head(NetInput.batchTensor(img, inputSize)).ravel().toFloatVector());
        int cells = (int) Math.round(Math.sqrt(head.length / (ANCHORS.length * 5.0)));
        List<YoloBoxes.Box> boxes = YoloBoxes.decode(head, cells, ANCHORS,
                NetInput.reshapedSize(img.getWidth(), img.getHeight(), inputSize), scoreThreshold);
        List<FaceDetection> faces = new ArrayList<>();
        for (YoloBoxes.Box b : YoloBoxes.nonMaxSuppression(boxes, IOU_THRESHOLD)) {
            int w = img.getWidth(), h = img.getHeight();
            faces.add(new FaceDetection(new FaceBox(b.left() * w, b.top() * h, (b.right() - b.left()) * w,
                    (b.bottom() - b.top()) * h), b.score()));
        }
        return faces;
    }

    /** face-api's defaults: input 416, scoreThreshold 0.5. */
    @Override
    public List<FaceDetection> detect(BufferedImage img) {
        return detect(img, 416, 0.5);
    }

    /** This detector at another input size and threshold (checked on first use). */
    public FaceDetector with(int inputSize, double scoreThreshold) {
        return img -> detect(img, inputSize, scoreThreshold);
    }
}
