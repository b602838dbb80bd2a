package dev.latentstudio.engine.face;

import dev.latentstudio.engine.face.TfOps.Conv;
import dev.latentstudio.engine.face.TfOps.Padding;
import dev.latentstudio.engine.face.TfOps.SeparableConv;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * face-api's FaceFeatureExtractor (src/faceFeatureExtractor), the expression net's backbone: four densely
 * connected blocks, each a strided conv (plain 3×3 in the first, separable after) and three separable convs
 * whose inputs are the ReLU'd sums of all earlier outputs in the block; then a 7×7 average pool:
 * 112×112×3 (normalised) → 1×1×256.
 */
final class DenseFeatureExtractor {

    private static final int[] WIDTHS = {3, 32, 64, 128, 256};

    private final Conv firstConv;
    private final SeparableConv[][] blocks = new SeparableConv[4][4];

    DenseFeatureExtractor(TfjsWeights w) {
        firstConv = Conv.load(w, "dense0/conv0", 3, 3, 32);
        for (int b = 0; b < 4; b++) {
            for (int i = b == 0 ? 1 : 0; i < 4; i++) {
                int in = i == 0 ? WIDTHS[b] : WIDTHS[b + 1];
                blocks[b][i] = SeparableConv.load(w, "dense" + b + "/conv" + i, in, WIDTHS[b + 1]);
            }
        }
    }

    /** Features [n, 1, 1, 256] for an [n, 112, 112, 3] batch already normalised as {@link FaceCrops#normalised}. */
    INDArray forward(INDArray x) {
        INDArray out = x;
        for (int b = 0; b < 4; b++) out = denseBlock(out, b);
        return TfOps.avgPool(out, 7, 2, Padding.VALID);
    }

    private INDArray denseBlock(INDArray x, int b) {
        INDArray out1 = TfOps.relu(b == 0 ? firstConv.apply(x, 2, Padding.SAME) : TfOps.separable(x, blocks[b][0], 2, Padding.SAME));
        INDArray out2 = TfOps.separable(out1, blocks[b][1], 1, Padding.SAME);
        INDArray out3 = TfOps.separable(TfOps.relu(out1.add(out2)), blocks[b][2], 1, Padding.SAME);
        // face-api sums right to left: out1 + (out2 + out3) and out1 + (out2 + (out3 + out4))
        INDArray sum23 = out2.add(out3);
        INDArray out4 = TfOps.separable(TfOps.relu(out1.add(sum23)), blocks[b][3], 1, Padding.SAME);
        return TfOps.relu(out1.add(out2.add(out3.add(out4))));
    }
}
