package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

/**
 * face-api's FaceRecognitionNet (a port of dlib's ResNet-34-like face descriptor) as a DL4J ComputationGraph:
 * 150×150 RGB → 128-d descriptor; faces of one person lie within ~0.6 Euclidean distance.
 * <pre>
 * conv 7×7/2 valid (32) → maxpool 3/2 → 3 × residual(32)
 * → residualDown(64) → 3 × residual(64) → residualDown(128) → 2 × residual(128)
 * → residualDown(256) → 2 × residual(256) → residualDown(256) → mean over H, W → fc 256→128 (no bias)
 * </pre>
 * Every conv is followed by a per-channel "scale" (x·s + b), folded into it. residualDown adds a 2×2/2 average
 * pool of its input, zero-padded to the conv branch's channels, and pads the conv branch with a zero row and
 * column where its valid 3×3/2 conv came out one smaller than the pool (8×8 → 3×3 against 4×4).
 */
public final class FaceRecognitionNet {
    public static final String MODEL = "face_recognition_model";
    public static final int SIZE = 150;
    public static final int DIM = 128;
    /** face-api's normalisation: (rgb − mean) / 255. */
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final ComputationGraph graph;

    public FaceRecognitionNet(TfjsWeights w) {
        this.graph = build(w);
    }

    /** Loads {@code dir/face_recognition_model-weights_manifest.json} and its shard. */
    public static FaceRecognitionNet load(Path dir) throws IOException {
        return new FaceRecognitionNet(TfjsWeights.load(dir, MODEL));
    }

    /**
     * Descriptors [n, 128] of a batch of 150×150 faces, NCHW RGB in 0..255 (as face-api's input tensor).
     * Like any DL4J network, one thread at a time.
     */
    public synchronized INDArray descriptors(INDArray rgb) {
        INDArray in = FaceTensors.normalise(rgb, SIZE, MEAN_RGB);
        INDArray out = graph.outputSingle(false, in);
        Buffers.close(in); // ours: freed now, not when the collector comes (once per face per booth frame)
        return out;
    }

    /** The descriptor of one face [1, 3, 150, 150]. */
    public float[] descriptor(INDArray rgb) {
        if (rgb.size(0) != 1) throw new IllegalArgumentException("one face expected, got a batch of " + rgb.size(0));
        INDArray d = descriptors(rgb);
        float[] v = d.toFloatVector();
        Buffers.close(d);
        return v;
    }

    /** face-api's per-channel mean (R, G, B, 0..255) that {@link #descriptors} subtracts before dividing by 255. */
    public static float[] meanRgb() {
        return MEAN_RGB.clone();
    }

    /** The graph itself: input already normalised ({@link FaceTensors#normalise}), output the descriptor. */
    public ComputationGraph graph() {
        return graph;
    }

    private static ComputationGraph build(TfjsWeights w) {
        TfjsGraph g = new TfjsGraph("input", 3, SIZE, SIZE);
        String x = conv(g, w, "conv32_down", "input", 2, false, Activation.RELU);
        x = g.pool("pool", x, PoolingType.MAX, 3, 2);
        for (String block : new String[]{"conv32_1", "conv32_2", "conv32_3"}) x = residual(g, w, block, x);
        x = residualDown(g, w, "conv64_down", x, 32, 64, false);
        for (String block : new String[]{"conv64_1", "conv64_2", "conv64_3"}) x = residual(g, w, block, x);
        x = residualDown(g, w, "conv128_down", x, 64, 128, false);
        for (String block : new String[]{"conv128_1", "conv128_2"}) x = residual(g, w, block, x);
        x = residualDown(g, w, "conv256_down", x, 128, 256, true);
        for (String block : new String[]{"conv256_1", "conv256_2"}) x = residual(g, w, block, x);
        x = residualDown(g, w, "conv256_down_out", x, 256, 256, true);
        x = g.globalAverage("mean", x);
        return g.build(g.dense("fc", x, w.get("fc", 256, DIM), null));
    }

    /** conv + bias, scale layer folded in; 'same' or 'valid' padding as face-api's convLayer. */
    private static String conv(TfjsGraph g, TfjsWeights w, String prefix, String in, int stride, boolean same,
                               Activation act) {
        TfjsWeights.Tensor filter = w.get(prefix + "/conv/filters");
        int cout = (int) filter.shape()[3];
        return g.conv(prefix.replace('/', '_'), in, filter, w.get(prefix + "/conv/bias", cout).values(),
                w.get(prefix + "/scale/weights", cout).values(), w.get(prefix + "/scale/biases", cout).values(),
                stride, same, act);
    }

    /** relu(x + convNoRelu(conv(x))). */
    private static String residual(TfjsGraph g, TfjsWeights w, String block, String x) {
        String a = conv(g, w, block + "/conv1", x, 1, true, Activation.RELU);
        String b = conv(g, w, block + "/conv2", a, 1, true, Activation.IDENTITY);
        return g.relu(block + "_out", g.add(block + "_sum", b, x));
    }

    /**
     * relu(avgPool2(x) [+ zero channels] + convNoRelu(convDown(x)) [+ zero row and column]).
     * {@code padSpatial}: the conv branch is one smaller than the pool (true for the two 256 blocks at 150×150).
     */
    private static String residualDown(TfjsGraph g, TfjsWeights w, String block, String x, int cin, int cout,
                                       boolean padSpatial) {
        String a = conv(g, w, block + "/conv1", x, 2, false, Activation.RELU);
        String b = conv(g, w, block + "/conv2", a, 1, true, Activation.IDENTITY);
        if (padSpatial) b = g.padBottomRight(block + "_padded", b, 1, 1);
        String pooled = g.pool(block + "_pool", x, PoolingType.AVG, 2, 2);
        if (cin != cout) pooled = g.padChannels(block + "_poolpad", pooled);
        return g.relu(block + "_out", g.add(block + "_sum", pooled, b));
    }
}
