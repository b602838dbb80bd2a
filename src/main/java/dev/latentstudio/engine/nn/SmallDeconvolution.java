package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A transposed convolution on a small input (a U-Net's innermost levels: 1×1 to 4×4 pixels, 512-1024 channels)
 * as matrix products on DL4J's own weight layout, with col2im / im2col for the overlapping windows. There the
 * work is reading and writing the 8-33 MB kernel, and libnd4j's deconv2d / deconv2d_bp (oneDNN) reorder it on
 * every call: 1024→512 channels from 4×4 to 8×8 took 22.8 ms forward and 74 ms backward against 16 and 38 ms
 * here, at batch 1 (docs/speed-pix2pix.md). Larger inputs keep libnd4j's ops, which win there. Same function
 * within float rounding (tested against the built-in layer).
 * <p>
 * Shapes: input x [n, in, h, w], kernel W [in, out, kH, kW] (DL4J's), output [n, out, H, W] with
 * H = (h − 1)·s − 2p + kH; the windows are those of the convolution that maps the output back to the input.
 */
final class SmallDeconvolution {
    /** Input pixels (h·w) up to which the matrix products beat libnd4j's ops (measured: 4×4 yes, 8×8 no). */
    static final long MAX_INPUT_AREA = 16;

    private SmallDeconvolution() {
    }

    /** Whether the layer with this configuration and input takes this path. */
    static boolean applies(Deconvolution2D c, INDArray input) {
        return input != null && input.rank() == 4 && input.size(2) * input.size(3) <= MAX_INPUT_AREA
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW && c.getActivationFn() instanceof ActivationIdentity
                && (c.getConvolutionMode() == ConvolutionMode.Truncate || c.getConvolutionMode() == ConvolutionMode.Strict)
                && Arrays.stream(c.getDilation()).allMatch(d -> d == 1) && c.getIDropout() == null && c.getWeightNoise() == null;
    }

    private static long outSide(long in, int k, int s, int p) {
        return (in - 1) * s - 2L * p + k;
    }

    /** The input as rows of pixels: [n·h·w, in]. */
    private static INDArray rows(INDArray x, LayerWorkspaceMgr m, ArrayType type) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        INDArray r = m.createUninitialized(type, x.dataType(), new long[]{n, h, w, c}, 'c');
        r.assign(x.permute(0, 2, 3, 1));
        return r.reshape('c', n * h * w, c);
    }

    /** The pre-activation output, in the ACTIVATIONS workspace. */
    static INDArray forward(Deconvolution2D c, INDArray x, INDArray weights, INDArray bias, LayerWorkspaceMgr m) {
        long n = x.size(0), in = x.size(1), h = x.size(2), w = x.size(3), out = weights.size(1);
        int[] k = c.getKernelSize(), s = c.getStride(), p = c.getPadding();
        INDArray r = rows(x, m, ArrayType.FF_WORKING_MEM);
        INDArray cols = r.mmul(weights.reshape('c', in, out * k[0] * k[1])); // [n·h·w, out·kH·kW]
        INDArray z = m.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(),
                new long[]{n, out, outSide(h, k[0], s[0], p[0]), outSide(w, k[1], s[1], p[1])}, 'c');
        Convolution.col2im(cols.reshape('c', n, h, w, out, k[0], k[1]).permute(0, 3, 4, 5, 1, 2), z,
                s[0], s[1], p[0], p[1], (int) z.size(2), (int) z.size(3), 1, 1);
        if (bias != null) Nd4j.exec(new BroadcastAddOp(z, bias.reshape(out), z, 1));
        Buffers.close(r, cols);
        return z;
    }

    /**
     * Fills the kernel's (and bias's) gradient views from the output's gradient ε; returns the input's gradient,
     * in the ACTIVATION_GRAD workspace.
     */
    static INDArray backprop(Deconvolution2D c, INDArray x, INDArray weights, INDArray epsilon,
                             INDArray weightGrad, INDArray biasGrad, LayerWorkspaceMgr m) {
        long n = x.size(0), in = x.size(1), h = x.size(2), w = x.size(3), out = weights.size(1);
        int[] k = c.getKernelSize(), s = c.getStride(), p = c.getPadding();
        long kk = out * k[0] * k[1];
        INDArray col = m.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(), new long[]{n, h, w, out, k[0], k[1]}, 'c');
        Convolution.im2col(epsilon, k[0], k[1], s[0], s[1], p[0], p[1], 1, 1, false, col.permute(0, 3, 4, 5, 1, 2));
        INDArray col2d = col.reshape('c', n * h * w, kk), w2d = weights.reshape('c', in, kk);
        // dL/dW = xᵀ · col, straight into the gradient view (c order [in, out, kH, kW])
        INDArray r = rows(x, m, ArrayType.BP_WORKING_MEM);
        Nd4j.gemm(r, col2d, weightGrad.reshape('c', in, kk), true, false, 1.0, 0.0);
        if (biasGrad != null) epsilon.sum(biasGrad.reshape(out), 0, 2, 3);
        INDArray g2d = col2d.mmul(w2d.transpose()); // [n·h·w, in]
        INDArray g = m.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        g.assign(g2d.reshape('c', n, h, w, in).permute(0, 3, 1, 2));
        Buffers.close(r, col, g2d);
        return g;
    }
}
