package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

/**
 * face-api's FaceLandmark68Net and FaceLandmark68TinyNet as DL4J ComputationGraphs: a 112×112 RGB face →
 * 68 (x, y) points relative to the (square) input, interleaved x0, y0, x1, … (136 values, ~0..1).
 * <pre>
 * FULL: 4 dense blocks (32, 64, 128, 256) → avgpool 7/2 → fc 256→136
 * TINY: 3 dense blocks (32, 64, 128)      → avgpool 14/2 → fc 128→136
 * </pre>
 */
public final class FaceLandmarkNet {
    public static final int SIZE = 112;
    public static final int POINTS = 68;
    /** face-api's normalisation for the feature extractors: (rgb − mean) / 255. */
    static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    /** The per-channel mean (R, G, B, 0..255) the landmark, expression and age/gender nets subtract before dividing by 255. */
    public static float[] meanRgb() {
        return MEAN_RGB.clone();
    }

    public enum Variant {
        FULL("face_landmark_68_model", 4, 256, 7), TINY("face_landmark_68_tiny_model", 3, 128, 14);

        final String model;
        final int blocks, channels, pool;

        Variant(String model, int blocks, int channels, int pool) {
            this.model = model;
            this.blocks = blocks;
            this.channels = channels;
            this.pool = pool;
        }

        public String model() {
            return model;
        }
    }

    private final Variant variant;
    private final ComputationGraph graph;

    public FaceLandmarkNet(Variant variant, TfjsWeights w) {
        this.variant = variant;
        TfjsGraph g = new TfjsGraph("input", 3, SIZE, SIZE);
        String x = DenseBlocks.extractor(g, w, "input", variant.blocks);
        x = g.pool("pool", x, PoolingType.AVG, variant.pool, 2);
        this.graph = g.build(g.dense("fc", x, w.get("fc/weights", variant.channels, 2 * POINTS),
                w.get("fc/bias", 2 * POINTS).values()));
    }

    /** Loads the variant's weights from {@code dir} (models/face-api). */
    public static FaceLandmarkNet load(Path dir, Variant variant) throws IOException {
        return new FaceLandmarkNet(variant, TfjsWeights.load(dir, variant.model));
    }

    public Variant variant() {
        return variant;
    }

    /**
     * The raw outputs [n, 136] for a batch of 112×112 faces, NCHW RGB in 0..255: x, y interleaved, relative to
     * the input square. One thread at a time.
     */
    public synchronized INDArray raw(INDArray rgb) {
        INDArray in = FaceTensors.normalise(rgb, SIZE, MEAN_RGB);
        INDArray out = graph.outputSingle(false, in);
        Buffers.close(in); // ours: freed now, not when the collector comes (once per face per booth frame)
        return out;
    }

    /** The graph itself: input normalised ({@link FaceTensors#normalise} with this net's mean). */
    public ComputationGraph graph() {
        return graph;
    }
}
