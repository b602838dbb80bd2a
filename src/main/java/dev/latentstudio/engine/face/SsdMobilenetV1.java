package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Scratch;
import dev.latentstudio.engine.face.TfOps.Padding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's SSD-MobileNetV1 face detector (src/ssdMobilenetv1): the picture padded to a square and scaled to
 * 512×512, a MobileNetV1 backbone (13 depthwise-separable pairs, ReLU6), eight extra convolutions and six box
 * predictors over 5,118 anchors, then {@link SsdBoxes}. Plain ND4J ops on NHWC tensors ({@link TfOps}); the
 * weights are only read, so one instance may serve several threads.
 */
public final class SsdMobilenetV1 implements FaceDetector {

    public static final String MODEL = "ssd_mobilenetv1_model";
    public static final int INPUT_SIZE = 512;
    private static final float BN_EPSILON = 0.0010000000474974513f;
    private static final int[] BACKBONE_STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1}; // conv_1..conv_13
    private static final int[] BACKBONE_WIDTHS = {32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final int[] EXTRA_WIDTHS = {256, 512, 128, 256, 128, 256, 64, 128}; // Prediction/Conv2d_0..7
    private static final int[] PREDICTOR_INPUT_WIDTHS = {512, 1024, 512, 256, 256, 128};
    private static final int[] ANCHORS_PER_CELL = {3, 6, 6, 6, 6, 6};

    /** One conv + offset (batch norm folded in by TF's export) + ReLU6. */
    private record Pointwise(INDArray filter, INDArray offset) {
        INDArray apply(INDArray x, int stride) {
            return TfOps.relu6(TfOps.conv2d(x, filter, offset, stride, Padding.SAME));
        }
    }

    private final Pointwise conv0;
    private final INDArray[] depthwise = new INDArray[13], depthwiseBias = new INDArray[13];
    private final Pointwise[] pointwise = new Pointwise[13];
    private final Pointwise[] extra = new Pointwise[8];
    private final TfOps.Conv[] boxEncoders = new TfOps.Conv[6], classifiers = new TfOps.Conv[6];
    private final float[] anchors;

    private SsdMobilenetV1(TfjsWeights w) {
        conv0 = pointwise(w, "MobilenetV1/Conv2d_0_pointwise", 3, 3, 32);
        for (int i = 1; i <= 13; i++) {
            int in = BACKBONE_WIDTHS[i - 1], out = BACKBONE_WIDTHS[i];
            foldBatchNorm(w, i, in);
            pointwise[i - 1] = pointwise(w, "MobilenetV1/Conv2d_" + i + "_pointwise", 1, in, out);
        }
        int in = 1024;
        for (int i = 0; i < 8; i++) {
            extra[i] = pointwise(w, "Prediction/Conv2d_" + i + "_pointwise", i % 2 == 0 ? 1 : 3, in, EXTRA_WIDTHS[i]);
            in = EXTRA_WIDTHS[i];
        }
        for (int i = 0; i < 6; i++) {
            String p = "Prediction/BoxPredictor_" + i;
            int c = PREDICTOR_INPUT_WIDTHS[i], a = ANCHORS_PER_CELL[i];
            boxEncoders[i] = new TfOps.Conv(w.get(p + "/BoxEncodingPredictor/weights", 1, 1, c, 4L * a).array(),
                    w.get(p + "/BoxEncodingPredictor/biases", 4L * a).array());
            classifiers[i] = new TfOps.Conv(w.get(p + "/ClassPredictor/weights", 1, 1, c, 3L * a).array(),
                    w.get(p + "/ClassPredictor/biases", 3L * a).array());
        }
        anchors = w.get("Output/extra_dim", 1, 5118, 4).values();
    }

    public static SsdMobilenetV1 load(Path modelDir) throws IOException {
        return new SsdMobilenetV1(TfjsWeights.load(modelDir, MODEL));
    }

    private static Pointwise pointwise(TfjsWeights w, String prefix, int k, int in, int out) {
        return new Pointwise(w.get(prefix + "/weights", k, k, in, out).array(),
                w.get(prefix + "/convolution_bn_offset", out).array());
    }

    /** depthwise → batch norm becomes depthwise with filter·s and bias β − μ·s, s = γ/√(σ² + ε). */
    private void foldBatchNorm(TfjsWeights w, int i, int channels) {
        String p = "MobilenetV1/Conv2d_" + i + "_depthwise";
        float[] filter = w.get(p + "/depthwise_weights", 3, 3, channels, 1).values().clone();
        float[] gamma = w.get(p + "/BatchNorm/gamma", channels).values(), beta = w.get(p + "/BatchNorm/beta", channels).values();
        float[] mean = w.get(p + "/BatchNorm/moving_mean", channels).values();
        float[] var = w.get(p + "/BatchNorm/moving_variance", channels).values();
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            float s = (float) (gamma[c] / Math.sqrt(var[c] + BN_EPSILON));
            bias[c] = beta[c] - mean[c] * s;
            for (int k = 0; k < 9; k++) filter[k * channels + c] *= s;
        }
        depthwise[i - 1] = Nd4j.create(filter, new long[]{3, 3, channels, 1}, 'c');
        depthwiseBias[i - 1] = Nd4j.createFromArray(bias);
    }

    /** The raw outputs for a [1, 512, 512, 3] tensor of 0..255 values. */
    public record Output(float[] boxes, float[] scores) {
    }

    public Output forward(INDArray input) {
        if (input.rank() != 4 || input.size(0) != 1 || input.size(1) != INPUT_SIZE || input.size(2) != INPUT_SIZE || input.size(3) != 3) {
            throw new IllegalArgumentException("SSD takes one [1, 512, 512, 3] picture, got " + java.util.Arrays.toString(input.shape()));
        }
        return Scratch.run(MODEL, () -> outputs(input));
    }

    private Output outputs(INDArray input) {
        INDArray x = input.div(127.5).subi(1);
        INDArray out = conv0.apply(x, 2), conv11 = null;
        for (int i = 0; i < 13; i++) {
            out = TfOps.relu6(TfOps.depthwise(out, depthwise[i], depthwiseBias[i], BACKBONE_STRIDES[i], Padding.SAME));
            out = pointwise[i].apply(out, 1);
            if (i == 10) conv11 = out;
        }
        INDArray[] features = new INDArray[6];
        features[0] = conv11;
        features[1] = out;
        INDArray e = out;
        for (int i = 0; i < 8; i++) {
            e = extra[i].apply(e, i % 2 == 0 ? 1 : 2);
            if (i % 2 == 1) features[2 + i / 2] = e;
        }
        List<INDArray> enc = new ArrayList<>(), cls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            enc.add(boxEncoders[i].apply(features[i], 1, Padding.SAME).reshape('c', -1, 4));
            cls.add(classifiers[i].apply(features[i], 1, Padding.SAME).reshape('c', -1, 3));
        }
        float[] encodings = Nd4j.concat(0, enc.toArray(INDArray[]::new)).ravel().toFloatVector();
        INDArray logits = Nd4j.concat(0, cls.toArray(INDArray[]::new)).get(NDArrayIndex.all(), NDArrayIndex.point(1));
        float[] scores = logits.dup('c').toFloatVector();
        for (int i = 0; i < scores.length; i++) scores[i] = (float) (1 / (1 + Math.exp(-scores[i])));
        return new Output(SsdBoxes.decode(anchors, encodings), scores);
    }

    /** Faces scoring above {@code minConfidence} (face-api's default 0.5), at most {@code maxResults}, best first. */
    public List<FaceDetection> detect(BufferedImage img, double minConfidence, int maxResults) {
        if (!(minConfidence > 0 && minConfidence < 1)) {
            throw new IllegalArgumentException("minConfidence must lie between 0 and 1, got " + minConfidence);
        }
        if (maxResults < 1) throw new IllegalArgumentException("maxResults must be at least 1, got " + maxResults);
        Output o = Scratch.run(MODEL, () -> outputs(NetInput.batchTensor(img, INPUT_SIZE)));
        int[] reshaped = NetInput.reshapedSize(img.getWidth(), img.getHeight(), INPUT_SIZE);
        List<FaceDetection> faces = new ArrayList<>();
        for (int i : SsdBoxes.nonMaxSuppression(o.boxes(), o.scores(), maxResults, SsdBoxes.IOU_THRESHOLD, minConfidence)) {
            faces.add(SsdBoxes.toPicture(o.boxes(), o.scores(), i, INPUT_SIZE, img.getWidth(), img.getHeight(), reshaped));
        }
        return faces;
    }

    /** face-api's defaults: minConfidence 0.5, at most 100 faces. */
    @Override
    public List<FaceDetection> detect(BufferedImage img) {
        return detect(img, 0.5, 100);
    }

    /** This detector with other settings (checked on first use). */
    public FaceDetector with(double minConfidence, int maxResults) {
        return img -> detect(img, minConfidence, maxResults);
    }
}
