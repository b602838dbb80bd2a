package dev.latentstudio.engine.face;

import org.nd4j.linalg.activations.Activation;

/**
 * face-api's FaceFeatureExtractor (4 dense blocks, 112×112 → 256×7×7) and TinyFaceFeatureExtractor (3 blocks,
 * → 128×14×14), the trunk shared by face_landmark_68(_tiny) and face_expression. A dense block of n convs:
 * out1 = relu(conv0(x)) (stride 2; a plain conv in the first block, depthwise-separable after), then each next
 * separable conv sees relu of the sum of all earlier outputs, and the block returns relu(out1 + … + out_n).
 */
public final class DenseBlocks {
    private DenseBlocks() {
    }

    /** Adds the extractor's blocks {@code dense0..dense(blocks-1)} after {@code input}; returns the last vertex. */
    static String extractor(TfjsGraph g, TfjsWeights w, String input, int blocks) {
        String x = input;
        for (int b = 0; b < blocks; b++) x = block(g, w, "dense" + b, x, b == 0, blocks == 4 ? 4 : 3);
        return x;
    }

    private static String block(TfjsGraph g, TfjsWeights w, String prefix, String x, boolean first, int convs) {
        String[] outs = new String[convs];
        String name = prefix + "_conv0";
        if (first) {
            TfjsWeights.Tensor f = w.get(prefix + "/conv0/filters");
            outs[0] = g.conv(name, x, f, w.get(prefix + "/conv0/bias", f.shape()[3]).values(), null, null,
                    2, true, Activation.RELU);
        } else {
            outs[0] = g.separable(name, x, w, prefix + "/conv0", 2, Activation.RELU);
        }
        for (int i = 1; i < convs; i++) {
            String in = i == 1 ? outs[0] : g.relu(prefix + "_in" + i, g.add(prefix + "_sum" + i, copy(outs, i)));
            outs[i] = g.separable(prefix + "_conv" + i, in, w, prefix + "/conv" + i, 1, Activation.IDENTITY);
        }
        return g.relu(prefix + "_out", g.add(prefix + "_sum", outs));
    }

    private static String[] copy(String[] a, int n) {
        String[] c = new String[n];
        System.arraycopy(a, 0, c, 0, n);
        return c;
    }
}
