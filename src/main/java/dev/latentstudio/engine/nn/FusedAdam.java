package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.Backend;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * DL4J's updater step and the parameter update in one pass: for each parameter, divide its gradient by the batch
 * (where DL4J does), Adam's moments and step, and subtract it, reading gradient, moments and parameter once.
 * DL4J's way runs the divide, libnd4j's Adam op (scalar code: ~2.5 ns a value here, 70–120 ms for pix2pix's 41.8 M
 * parameters) and the subtraction as separate passes; this takes 45–55 ms for all of it on two threads. The moments
 * live in DL4J's own updater state, so checkpoints, resume and the built-in path see the same arrays. The formula is
 * libnd4j's, term for term in float, so both paths end at the same parameters bit for bit. Anything else (another
 * updater, regularisation, gradient clipping, a non-float or strided array, a GPU) goes DL4J's way.
 */
public final class FusedAdam {
    private static final int CHUNK = 8192;          // four scratch rows of this stay in L1/L2
    /**
     * A second thread only pays on the largest nets: pix2pix's 41.8 M-parameter U-Net 86 → 50 ms a step here, its 7.3 M one
     * at 64×64 15.6 → 16.1, the DCGANs' 0.14–1.1 M slower (1.1 → 1.6 ms): below this, one thread.
     */
    private static final int PARALLEL_FROM = 1 << 24;
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();
    /**
     * libnd4j's Adam, built for AVX2, contracts β·m + (1 − β)·g into fused multiply-adds (checked value for value); so does
     * this where the JVM has them in hardware (elsewhere Math.fma is emulated and slow, and libnd4j's build has none either).
     */
    private static final boolean FMA = fmaInHardware();
    /** On a GPU the arrays are out of Java's reach: DL4J's way there. */
    private static final boolean HOST_MEMORY = Backend.onCpu();
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    private FusedAdam() {
    }

    /** One parameter's run of the flat arrays: Adam's (m, v non-null) or the plain subtraction DL4J's NoOp gives. */
    private record Run(int from, int to, float divisor, float b1, float b2, float alpha, float eps, FloatBuffer m, long mOff,
                       FloatBuffer v, long vOff) {
    }

    /**
     * Updates {@code net}'s parameters by {@code grad} (the gradient of a batch of {@code batch}), as DL4J's updater and a
     * subtraction would; true where the fused pass did it. {@code grad}'s array is left as it was or overwritten.
     */
    public static boolean apply(Model net, Gradient grad, long iteration, int batch) {
        BaseMultiLayerUpdater<?> updater = updater(net);
        INDArray g = grad.gradient(), p = net.params();
        List<Run> runs = runs(net, updater, g, p, (int) iteration, batch);
        if (runs == null) {
            updater.update(grad, (int) iteration, 0, batch, NO_WS);
            p.subi(g);
            return false;
        }
        FloatBuffer gb = g.data().asNioFloat(), pb = p.data().asNioFloat();
        long gOff = g.offset(), pOff = p.offset();
        int n = (int) p.length();
        int parts = n < PARALLEL_FROM ? 1 : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()));
        if (parts == 1) {
            pass(runs, 0, n, gb, gOff, pb, pOff);
        } else {
            IntStream.range(0, parts).parallel().forEach(k ->
                    pass(runs, (int) ((long) n * k / parts), (int) ((long) n * (k + 1) / parts), gb, gOff, pb, pOff));
        }
        return true;
    }

    /** The flat index ranges to update, or null where this net must go DL4J's way. */
    private static List<Run> runs(Model net, BaseMultiLayerUpdater<?> updater, INDArray g, INDArray p, int iteration, int batch) {
        if (!HOST_MEMORY) return null;
        if (p.dataType() != DataType.FLOAT || g.dataType() != DataType.FLOAT || !dense(p) || !dense(g) || g.length() != p.length()) {
            return null;
        }
        boolean divide = net.conf().isMiniBatch() && batch != 1;
        List<Run> runs = new ArrayList<>();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            if (block.isPretrainUpdaterBlock()) return null;
            GradientUpdater<?> gu = block.getGradientUpdater();
            AdamUpdater adam = gu instanceof AdamUpdater a ? a : null;
            if (adam == null && !(gu instanceof NoOpUpdater)) return null;
            float b1 = 0, b2 = 0, alpha = 0, eps = 0;
            FloatBuffer m = null, v = null;
            long mOff = 0, vOff = 0;
            if (adam != null) {
                Adam c = adam.getConfig();
                if (adam.getM() == null || !dense(adam.getM()) || !dense(adam.getV())) return null;
                b1 = (float) c.getBeta1();
                b2 = (float) c.getBeta2();
                eps = (float) c.getEpsilon();
                alpha = stepSize((float) c.getLearningRate(iteration, 0), b1, b2, eps, iteration);
                m = adam.getM().data().asNioFloat();
                v = adam.getV().data().asNioFloat();
                mOff = adam.getM().offset() - block.getParamOffsetStart();
                vOff = adam.getV().offset() - block.getParamOffsetStart();
            }
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                Trainable layer = ps.getLayer();
                var conf = layer.getConfig();
                List<?> reg = conf.getRegularizationByParam(ps.getParamName());
                if (reg != null && !reg.isEmpty()) return null;
                GradientNormalization norm = conf.getGradientNormalization();
                if (norm != null && norm != GradientNormalization.None) return null;
                float divisor = divide && layer.updaterDivideByMinibatch(ps.getParamName()) ? batch : 1;
                runs.add(new Run(ps.getParamOffsetStart(), ps.getParamOffsetEnd(), divisor, b1, b2, alpha, eps, m, mOff, v, vOff));
            }
        }
        return runs;
    }

    /** libnd4j's Adam step size lr·√(1 − β2^t) / (1 − β1^t), t = iteration + 1, computed as its float code does. */
    static float stepSize(float lr, float b1, float b2, float eps, int iteration) {
        float b1t = (float) Math.pow(b1, iteration + 1), b2t = (float) Math.pow(b2, iteration + 1);
        float a = (float) ((double) (lr * (float) Math.sqrt((float) (1.0 - b2t))) / (1.0 - b1t));
        return Float.isNaN(a) || Float.isInfinite(a) || a == 0 ? eps : a;
    }

    /** Updates flat indices [from, to) of every run that overlaps them. */
    private static void pass(List<Run> runs, int from, int to, FloatBuffer gb, long gOff, FloatBuffer pb, long pOff) {
        float[][] s = SCRATCH.get();
        float[] gs = s[0], ps = s[1], ms = s[2], vs = s[3];
        for (Run r : runs) {
            int lo = Math.max(from, r.from), hi = Math.min(to, r.to);
            for (int at = lo; at < hi; at += CHUNK) {
                int len = Math.min(CHUNK, hi - at);
                gb.get((int) (gOff + at), gs, 0, len);
                pb.get((int) (pOff + at), ps, 0, len);
                if (r.divisor != 1) {
                    float d = r.divisor;
                    for (int i = 0; i < len; i++) gs[i] /= d;
                }
                if (r.m == null) {
                    for (int i = 0; i < len; i++) ps[i] -= gs[i];
                } else {
                    r.m.get((int) (r.mOff + at), ms, 0, len);
                    r.v.get((int) (r.vOff + at), vs, 0, len);
                    float b1 = r.b1, b2 = r.b2, c1 = 1 - b1, c2 = 1 - b2, alpha = r.alpha, eps = r.eps;
                    for (int i = 0; i < len; i++) {
                        float gi = gs[i]; // FMA is a static final: the JIT keeps one of the two forms
                        float vi = FMA ? Math.fma(b2, vs[i], gi * gi * c2) : b2 * vs[i] + gi * gi * c2;
                        float mi = FMA ? Math.fma(b1, ms[i], gi * c1) : b1 * ms[i] + gi * c1;
                        vs[i] = vi;
                        ms[i] = mi;
                        ps[i] -= (mi * alpha) / ((float) Math.sqrt(vi) + eps);
                    }
                    r.m.put((int) (r.mOff + at), ms, 0, len);
                    r.v.put((int) (r.vOff + at), vs, 0, len);
                }
                pb.put((int) (pOff + at), ps, 0, len);
            }
        }
    }

    private static boolean fmaInHardware() {
        try {
            var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return vm != null && "true".equals(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean dense(INDArray a) {
        return a.isVectorOrScalar() ? a.elementWiseStride() == 1 : a.ordering() == 'c' && a.length() == a.data().length();
    }

    static BaseMultiLayerUpdater<?> updater(Model net) {
        if (net instanceof MultiLayerNetwork mln) return (BaseMultiLayerUpdater<?>) mln.getUpdater();
        if (net instanceof ComputationGraph cg) return cg.getUpdater();
        throw new IllegalArgumentException("not a DL4J network: " + net.getClass().getName());
    }
}
