package dev.latentstudio.engine.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Max pooling of a small NHWC float image, forward and backward, in plain Java. Inside the 28×28 input-gradient step
 * libnd4j's maxpool2d_bp took a quarter of the time (~250 µs a call for 28×28×32: it pools again to find each maximum,
 * in generic loops), as much as the convolution's input gradient beside it. Same windows, and the same maximum on ties
 * (the first in row-major window order), as libnd4j's pooling2d with no padding.
 */
final class SmallMaxPool {
    /** Inputs up to this many values (64×64×32): above, libnd4j's threads do better than one Java loop. */
    static final long MAX_VALUES = 64 * 64 * 32;

    private SmallMaxPool() {
    }

    /**
     * Whether these two functions take this input: undilated windows that need no padding (none given, or 'same' mode
     * where the windows tile the image: 2×2 stride 2 on 28×28) on a dense float NHWC array.
     */
    static boolean applies(INDArray x, int[] k, int[] s, int[] p, int[] d, boolean same) {
        if (x.rank() != 4 || x.dataType() != DataType.FLOAT || x.length() > MAX_VALUES || !dense(x) || d[0] != 1 || d[1] != 1) return false;
        if (!same) return p[0] == 0 && p[1] == 0;
        for (int axis = 0; axis < 2; axis++) {
            long in = x.size(axis + 1), out = (in + s[axis] - 1) / s[axis];
            if ((out - 1) * s[axis] + k[axis] > in) return false; // 'same' would pad
        }
        return true;
    }

    /** z[n, oh, ow, c] = the maximum of x over the window at (oh·sH, ow·sW); z is [n, outH, outW, C], dense. */
    static void forward(INDArray x, INDArray z, int[] k, int[] s) {
        int n = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        int oh = (int) z.size(1), ow = (int) z.size(2);
        float[][] t = SCRATCH.get();
        float[] xa = read(x, t, 0), za = scratch(t, 1, (int) z.length());
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int out = ((b * oh + i) * ow + j) * c;
                    System.arraycopy(xa, ((b * h + i * s[0]) * w + j * s[1]) * c, za, out, c);
                    for (int ki = 0; ki < k[0]; ki++) {
                        for (int kj = ki == 0 ? 1 : 0; kj < k[1]; kj++) {
                            int at = ((b * h + i * s[0] + ki) * w + j * s[1] + kj) * c;
                            for (int ch = 0; ch < c; ch++) za[out + ch] = Math.max(za[out + ch], xa[at + ch]);
                        }
                    }
                }
            }
        }
        write(za, z);
    }

    /** gIn (x's shape, dense) = g[n, oh, ow, c] added where each window's first maximum is, zero elsewhere. */
    static void backward(INDArray x, INDArray g, INDArray gIn, int[] k, int[] s) {
        int n = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        int oh = (int) g.size(1), ow = (int) g.size(2);
        float[][] t = SCRATCH.get();
        float[] xa = read(x, t, 0), ga = read(g, t, 1), ia = scratch(t, 2, (int) x.length());
        java.util.Arrays.fill(ia, 0, (int) x.length(), 0f);
        float[] best = scratch(t, 3, c);
        int[] where = new int[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int corner = ((b * h + i * s[0]) * w + j * s[1]) * c;
                    System.arraycopy(xa, corner, best, 0, c);
                    for (int ch = 0; ch < c; ch++) where[ch] = corner + ch;
                    for (int ki = 0; ki < k[0]; ki++) {
                        for (int kj = ki == 0 ? 1 : 0; kj < k[1]; kj++) {
                            int at = ((b * h + i * s[0] + ki) * w + j * s[1] + kj) * c;
                            for (int ch = 0; ch < c; ch++) { // written without a branch: random data mispredicts
                                float v = xa[at + ch];
                                boolean more = v > best[ch]; // strictly: a tie keeps the first, as libnd4j does
                                best[ch] = more ? v : best[ch];
                                where[ch] = more ? at + ch : where[ch];
                            }
                        }
                    }
                    int from = ((b * oh + i) * ow + j) * c;
                    for (int ch = 0; ch < c; ch++) ia[where[ch]] += ga[from + ch];
                }
            }
        }
        write(ia, gIn);
    }

    // per thread: the arrays' values copied out in bulk (a direct buffer's get and put one by one cost 4 ns a value)
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

    private static float[] scratch(float[][] t, int slot, int length) {
        if (t[slot].length < length) t[slot] = new float[length];
        return t[slot];
    }

    private static float[] read(INDArray a, float[][] t, int slot) {
        float[] out = scratch(t, slot, (int) a.length());
        a.data().asNioFloat().get((int) a.offset(), out, 0, (int) a.length());
        return out;
    }

    private static void write(float[] values, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), values, 0, (int) a.length());
    }

    /** C order with the default strides (an offset into a larger buffer is fine). */
    static boolean dense(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }
}
