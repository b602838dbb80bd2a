package dev.latentstudio.app;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Stands in for the FX thread in view-model tests: work "posted to the FX thread" queues here and
 * runs on the test's own thread when it pumps, so properties change on one thread as in the app.
 */
public final class FxQueue implements Executor {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable r) {
        queue.add(r);
    }

    /** Runs posted work until the condition holds; fails after the timeout. */
    public void pumpUntil(BooleanSupplier done, long timeoutSeconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!done.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) throw new AssertionError("condition not met within " + timeoutSeconds + " s");
            Runnable r = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (r != null) r.run();
        }
    }
}
