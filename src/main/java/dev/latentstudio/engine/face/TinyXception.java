package dev.latentstudio.engine.face;

import dev.latentstudio.engine.face.TfOps.Conv;
import dev.latentstudio.engine.face.TfOps.Padding;
import dev.latentstudio.engine.face.TfOps.SeparableConv;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * face-api's TinyXception (src/xception), the age/gender net's backbone: a strided 3×3 conv, two reduction blocks
 * (separable convs, 3×3 max pool, a strided 1×1 shortcut), {@code mainBlocks} residual blocks of three separable
 * convs, an exit reduction block and a last separable conv: 112×112×3 (normalised) → 7×7×512.
 */
final class TinyXception {

    private record Reduction(SeparableConv sep0, SeparableConv sep1, Conv expansion) {
        static Reduction load(TfjsWeights w, String p, int in, int out) {
            return new Reduction(SeparableConv.load(w, p + "/separable_conv0", in, out),
                    SeparableConv.load(w, p + "/separable_conv1", out, out), Conv.load(w, p + "/expansion_conv", 1, in, out));
        }

        INDArray apply(INDArray x, boolean activateInput) {
            INDArray out = TfOps.separable(activateInput ? TfOps.relu(x.dup()) : x, sep0, 1, Padding.SAME);
            out = TfOps.separable(TfOps.relu(out), sep1, 1, Padding.SAME);
            out = TfOps.maxPool(out, 3, 2, Padding.SAME);
            return out.addi(expansion.apply(x, 2, Padding.SAME));
        }
    }

    private final Conv convIn;
    private final Reduction entry0, entry1, exit;
    private final SeparableConv[][] main;
    private final SeparableConv exitConv;

    TinyXception(TfjsWeights w, int mainBlocks) {
        convIn = Conv.load(w, "entry_flow/conv_in", 3, 3, 32);
        entry0 = Reduction.load(w, "entry_flow/reduction_block_0", 32, 64);
        entry1 = Reduction.load(w, "entry_flow/reduction_block_1", 64, 128);
        main = new SeparableConv[mainBlocks][3];
        for (int b = 0; b < mainBlocks; b++) {
            for (int i = 0; i < 3; i++) {
                main[b][i] = SeparableConv.load(w, "middle_flow/main_block_" + b + "/separable_conv" + i, 128, 128);
            }
        }
        exit = Reduction.load(w, "exit_flow/reduction_block", 128, 256);
        exitConv = SeparableConv.load(w, "exit_flow/separable_conv", 256, 512);
    }

    /** Features for an [n, 112, 112, 3] batch already normalised as {@link FaceCrops#normalised}. */
    INDArray forward(INDArray x) {
        INDArray out = TfOps.relu(convIn.apply(x, 2, Padding.SAME));
        out = entry0.apply(out, false);
        out = entry1.apply(out, true);
        for (SeparableConv[] block : main) {
            INDArray in = out;
            for (SeparableConv c : block) out = TfOps.separable(TfOps.relu(out == in ? out.dup() : out), c, 1, Padding.SAME);
            out = out.addi(in);
        }
        out = exit.apply(out, true);
        return TfOps.relu(TfOps.separable(out, exitConv, 1, Padding.SAME));
    }
}
