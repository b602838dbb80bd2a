package dev.latentstudio.engine.nn;

import dev.latentstudio.engine.Backend;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.function.Supplier;

/**
 * Runs small work on one OpenMP thread. On a small image or a single latent, OpenMP's fork and join around every
 * libnd4j op cost more than a second core saves (digit CNN input gradient: 2.2 ms a step with two threads, 1.5 with
 * one; the batch-1 generator 1.1–1.2 ms against 0.75–0.84). OpenMP keeps the setting per calling thread, so other
 * jobs keep theirs.
 */
public final class OneThread {
    private OneThread() {
    }

    /** {@code body} on one OpenMP thread when {@code small}, as configured otherwise. */
    public static <T> T callIf(boolean small, Supplier<T> body) {
        if (!small || !Backend.onCpu()) return body.get(); // OpenMP threads are the CPU backend's
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        try {
            return body.get();
        } finally {
            ops.setOmpNumThreads(threads);
        }
    }
}
