package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed bilinear resampling of every plane of an NCHW array: each output pixel is a weighted sum of
 * (at most) four input pixels at a source position, edges repeated outside the image. The map is linear,
 * so it is stored as those four indices and weights per output pixel and its adjoint scatters a gradient
 * back through the same weights, exactly.
 */
public final class Bilinear {

    /** Where output pixel (y, x) reads from, in input pixel coordinates. */
    public interface Source {
        void at(int y, int x, double[] yx);
    }

    private final int inH, inW, outH, outW;
    private final int[] index;
    private final double[] weight;

    private Bilinear(int inH, int inW, int outH, int outW, Source source) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1) throw new IllegalArgumentException("empty image");
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        index = new int[4 * outH * outW];
        weight = new double[4 * outH * outW];
        double[] yx = new double[2];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                source.at(y, x, yx);
                double sy = clamp(yx[0], inH - 1), sx = clamp(yx[1], inW - 1);
                int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
                int y1 = Math.min(y0 + 1, inH - 1), x1 = Math.min(x0 + 1, inW - 1);
                double fy = sy - y0, fx = sx - x0;
                int o = 4 * (y * outW + x);
                index[o] = y0 * inW + x0;
                index[o + 1] = y0 * inW + x1;
                index[o + 2] = y1 * inW + x0;
                index[o + 3] = y1 * inW + x1;
                weight[o] = (1 - fy) * (1 - fx);
                weight[o + 1] = (1 - fy) * fx;
                weight[o + 2] = fy * (1 - fx);
                weight[o + 3] = fy * fx;
            }
        }
    }

    public static Bilinear of(int inH, int inW, int outH, int outW, Source source) {
        return new Bilinear(inH, inW, outH, outW, source);
    }

    /** A resize that lines up pixel centres (the usual convention; corners are not pinned). */
    public static Bilinear resize(int inH, int inW, int outH, int outW) {
        double ry = (double) inH / outH, rx = (double) inW / outW;
        return new Bilinear(inH, inW, outH, outW, (y, x, yx) -> {
            yx[0] = (y + 0.5) * ry - 0.5;
            yx[1] = (x + 0.5) * rx - 0.5;
        });
    }

    /** The resampled array, [n, c, outH, outW], in the input's data type. */
    public INDArray apply(INDArray in) {
        checkSize(in, inH, inW);
        double[] v = Planes.values(in);
        int planes = v.length / (inH * inW), inPlane = inH * inW, outPlane = outH * outW;
        double[] out = new double[planes * outPlane];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outPlane; i++) {
                int o = 4 * i;
                double s = 0;
                for (int j = 0; j < 4; j++) s += weight[o + j] * v[p * inPlane + index[o + j]];
                out[p * outPlane + i] = s;
            }
        }
        return Planes.like(out, new long[]{in.size(0), in.size(1), outH, outW}, in.dataType());
    }

    /** The adjoint: a gradient on the output as one on the input, [n, c, inH, inW]. */
    public INDArray adjoint(INDArray gradient) {
        checkSize(gradient, outH, outW);
        double[] g = Planes.values(gradient);
        int planes = g.length / (outH * outW), inPlane = inH * inW, outPlane = outH * outW;
        double[] out = new double[planes * inPlane];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outPlane; i++) {
                int o = 4 * i;
                double gi = g[p * outPlane + i];
                for (int j = 0; j < 4; j++) out[p * inPlane + index[o + j]] += weight[o + j] * gi;
            }
        }
        return Planes.like(out, new long[]{gradient.size(0), gradient.size(1), inH, inW}, gradient.dataType());
    }

    private static void checkSize(INDArray x, int h, int w) {
        if (x.rank() != 4 || x.size(2) != h || x.size(3) != w) {
            throw new IllegalArgumentException("expected [n, c, " + h + ", " + w + "], got " + java.util.Arrays.toString(x.shape()));
        }
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
