package dev.latentstudio.engine.face;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The TensorFlow ops face-api's networks are written in, as ND4J ops on NHWC tensors with TF's weight layouts.
 * libnd4j takes conv filters as HWIO ({@code YXIO}) and depthwise filters as HWC1 natively, so the TF.js weights
 * are used as loaded, with no transposition; TF's "same" padding (extra row/column after, not before) is libnd4j's
 * SAME mode too. The ops run on the oneDNN kernels of the onednn natives when those are installed.
 * These nets are inference-only, which is why they are plain op chains rather than DL4J layers.
 */
public final class TfOps {

    public enum Padding {
        SAME, VALID;

        PaddingMode mode() {
            return this == SAME ? PaddingMode.SAME : PaddingMode.VALID;
        }
    }

    private TfOps() {
    }

    /** conv2d with an HWIO filter, then the bias (null for none). */
    public static INDArray conv2d(INDArray x, INDArray filterHwio, INDArray bias, int stride, Padding padding) {
        Conv2DConfig conf = Conv2DConfig.builder()
                .kH(filterHwio.size(0)).kW(filterHwio.size(1)).sH(stride).sW(stride)
                .paddingMode(padding.mode()).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        return bias == null ? Nd4j.cnn().conv2d(x, filterHwio, conf) : Nd4j.cnn().conv2d(x, filterHwio, bias, conf);
    }

    /** depthwise conv2d with an HWC1 filter (channel multiplier 1), then the bias (null for none). */
    public static INDArray depthwise(INDArray x, INDArray filterHwc1, INDArray bias, int stride, Padding padding) {
        Conv2DConfig conf = Conv2DConfig.builder()
                .kH(filterHwc1.size(0)).kW(filterHwc1.size(1)).sH(stride).sW(stride)
                .paddingMode(padding.mode()).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        return bias == null ? Nd4j.cnn().depthWiseConv2d(x, filterHwc1, conf)
                : Nd4j.cnn().depthWiseConv2d(x, filterHwc1, bias, conf);
    }

    /** tf.separableConv2d (depthwise 3×3, then pointwise 1×1) plus the bias, as face-api's separable blocks. */
    public static INDArray separable(INDArray x, SeparableConv p, int stride, Padding padding) {
        return conv2d(depthwise(x, p.depthwise(), null, stride, padding), p.pointwise(), p.bias(), 1, Padding.SAME);
    }

    /** tf.maxPool; TF's "same" pads with nothing that can win (−∞), after the data. */
    public static INDArray maxPool(INDArray x, int k, int stride, Padding padding) {
        return pool(x, k, stride, padding, Pooling2D.Pooling2DType.MAX);
    }

    /** tf.avgPool; with "valid" padding every window is full, so the divisor question does not arise. */
    public static INDArray avgPool(INDArray x, int k, int stride, Padding padding) {
        return pool(x, k, stride, padding, Pooling2D.Pooling2DType.AVG);
    }

    private static INDArray pool(INDArray x, int k, int stride, Padding padding, Pooling2D.Pooling2DType type) {
        Pooling2DConfig conf = Pooling2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).type(type)
                .divisor(Pooling2D.Divisor.EXCLUDE_PADDING).paddingMode(padding.mode()).isNHWC(true).build();
        return type == Pooling2D.Pooling2DType.MAX ? Nd4j.cnn().maxPooling2d(x, conf) : Nd4j.cnn().avgPooling2d(x, conf);
    }

    /** clipByValue(x, 0, 6), in place. */
    public static INDArray relu6(INDArray x) {
        return Transforms.relu6(x, false);
    }

    /** relu, in place. */
    public static INDArray relu(INDArray x) {
        return Transforms.relu(x, false);
    }

    /** tiny-yolo's leaky relu, relu(x − 0.1x) + 0.1x, which is max(x, 0.1x); in place. */
    public static INDArray leaky(INDArray x) {
        return Transforms.leakyRelu(x, 0.1f, false);
    }

    /** A separable convolution's weights: depthwise HWC1, pointwise 1×1×I×O (HWIO), bias O. */
    public record SeparableConv(INDArray depthwise, INDArray pointwise, INDArray bias) {
        /** {@code prefix/depthwise_filter}, {@code prefix/pointwise_filter}, {@code prefix/bias}, shapes checked. */
        public static SeparableConv load(TfjsWeights w, String prefix, int in, int out) {
            return new SeparableConv(w.get(prefix + "/depthwise_filter", 3, 3, in, 1).array(),
                    w.get(prefix + "/pointwise_filter", 1, 1, in, out).array(),
                    w.get(prefix + "/bias", out).array());
        }
    }

    /** A plain convolution's weights: filter HWIO, bias O. */
    public record Conv(INDArray filter, INDArray bias) {
        public static Conv load(TfjsWeights w, String prefix, int k, int in, int out) {
            return new Conv(w.get(prefix + "/filters", k, k, in, out).array(), w.get(prefix + "/bias", out).array());
        }

        public INDArray apply(INDArray x, int stride, Padding padding) {
            return conv2d(x, filter, bias, stride, padding);
        }
    }
}
