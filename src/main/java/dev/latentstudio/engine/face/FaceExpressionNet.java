package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's face_expression_model (src/faceExpressionNet) as a DL4J ComputationGraph: the 4-block dense face
 * feature extractor ({@link DenseBlocks}), a 7×7/2 average pool and one fully connected layer giving seven
 * logits, softmaxed here. Input: 112×112 face crops as face-api prepares them.
 */
public final class FaceExpressionNet {
    public static final String MODEL = "face_expression_model";
    public static final int SIZE = 112;
    public static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");

    /** The seven probabilities in {@link #LABELS} order. */
    public record Expressions(float[] probabilities) {
        public int best() {
            int b = 0;
            for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[b]) b = i;
            return b;
        }

        public String bestLabel() {
            return LABELS.get(best());
        }

        public float probability(String label) {
            int i = LABELS.indexOf(label);
            if (i < 0) throw new IllegalArgumentException("no expression '" + label + "'; known: " + LABELS);
            return probabilities[i];
        }
    }

    private final ComputationGraph graph;

    public FaceExpressionNet(TfjsWeights w) {
        TfjsGraph g = new TfjsGraph("input", 3, SIZE, SIZE);
        String x = g.pool("pool", DenseBlocks.extractor(g, w, "input", 4), PoolingType.AVG, 7, 2);
        graph = g.build(g.dense("fc", x, w.get("fc/weights", 256, LABELS.size()), w.get("fc/bias", LABELS.size()).values()));
    }

    public static FaceExpressionNet load(Path dir) throws IOException {
        return new FaceExpressionNet(TfjsWeights.load(dir, MODEL));
    }

    /** The logits [n, 7] for a batch of 112×112 faces, NCHW RGB 0..255. One thread at a time. */
    public synchronized INDArray logits(INDArray rgb) {
        INDArray in = normalised(rgb);
        INDArray out = graph.outputSingle(false, in);
        Buffers.close(in); // ours: freed now, not when the collector comes (once per face per booth frame)
        return out;
    }

    /** A batch of 112×112 faces (RGB 0..255) as {@link #graph()} takes them: d normalised / d rgb is 1/255. */
    public static INDArray normalised(INDArray rgb) {
        return FaceTensors.normalise(rgb, SIZE, FaceLandmarkNet.MEAN_RGB);
    }

    public List<Expressions> predict(INDArray rgb) {
        INDArray z = logits(rgb);
        List<Expressions> out = new ArrayList<>();
        for (int i = 0; i < z.size(0); i++) out.add(new Expressions(softmax(z.getRow(i).toFloatVector())));
        Buffers.close(z);
        return out;
    }

    /** The face in {@code box} (face-api crops its aligned rect here) cut from the picture and classified. */
    public Expressions predict(BufferedImage img, FaceBox box) {
        return predict(FaceTensors.netInput(img, box, SIZE)).get(0);
    }

    static float[] softmax(float[] z) {
        double top = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : z) top = Math.max(top, v);
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) sum += e[i] = Math.exp(z[i] - top);
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) p[i] = (float) (e[i] / sum);
        return p;
    }

    /** The graph itself: input normalised ({@link FaceTensors#normalise} with the feature extractors' mean). */
    public ComputationGraph graph() {
        return graph;
    }
}
