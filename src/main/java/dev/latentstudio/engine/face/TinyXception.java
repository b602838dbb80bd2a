package dev.latentstudio.engine.face;

import org.nd4j.linalg.activations.Activation;

/**
 * face-api's TinyXception (src/xception), the age/gender net's trunk, added to a {@link TfjsGraph}: a strided
 * 3×3 conv, two reduction blocks (two separable convs, 3×3/2 max pool, plus a strided 1×1 "expansion" shortcut),
 * {@code mainBlocks} residual blocks of three ReLU-separable convs, an exit reduction block and a last separable
 * conv: 112×112×3 (normalised) → 512×7×7.
 */
final class TinyXception {
    private TinyXception() {
    }

    /** Adds the trunk after {@code input}; returns its last vertex. */
    static String trunk(TfjsGraph g, TfjsWeights w, String input, int mainBlocks) {
        String x = g.conv("conv_in", input, w.get("entry_flow/conv_in/filters", 3, 3, 3, 32),
                w.get("entry_flow/conv_in/bias", 32).values(), null, null, 2, true, Activation.RELU);
        x = reduction(g, w, "entry_flow/reduction_block_0", x, false);
        x = reduction(g, w, "entry_flow/reduction_block_1", x, true);
        for (int b = 0; b < mainBlocks; b++) {
            String p = "middle_flow/main_block_" + b, n = "main" + b, in = x;
            x = g.separable(n + "_0", g.relu(n + "_relu", in), w, p + "/separable_conv0", 1, Activation.RELU);
            x = g.separable(n + "_1", x, w, p + "/separable_conv1", 1, Activation.RELU);
            x = g.add(n + "_sum", g.separable(n + "_2", x, w, p + "/separable_conv2", 1, Activation.IDENTITY), in);
        }
        x = reduction(g, w, "exit_flow/reduction_block", x, true);
        return g.separable("exit_separable", x, w, "exit_flow/separable_conv", 1, Activation.RELU);
    }

    /** relu? → separable → relu → separable → maxpool 3/2 'same', plus a 1×1/2 conv of the block's input. */
    private static String reduction(TfjsGraph g, TfjsWeights w, String p, String x, boolean activateInput) {
        String n = p.replace('/', '_');
        String in = activateInput ? g.relu(n + "_relu", x) : x;
        String out = g.separable(n + "_0", in, w, p + "/separable_conv0", 1, Activation.RELU);
        out = g.separable(n + "_1", out, w, p + "/separable_conv1", 1, Activation.IDENTITY);
        out = g.maxPoolSame(n + "_pool", out, 3, 2);
        TfjsWeights.Tensor f = w.get(p + "/expansion_conv/filters");
        String shortcut = g.conv(n + "_expansion", x, f, w.get(p + "/expansion_conv/bias", f.shape()[3]).values(),
                null, null, 2, true, Activation.IDENTITY);
        return g.add(n + "_sum", out, shortcut);
    }
}
