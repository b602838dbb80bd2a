package dev.latentstudio.app.common;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands every event a job thread produces to the FX thread, in order, with one FX task per burst rather
 * than one per event (a fast inversion reports hundreds of steps a second). The flag is cleared before the
 * queue is drained, so an event added while a drain runs either is drained by it or schedules the next:
 * none is stranded (checking "was the queue empty?" before adding lost events when the drain emptied it
 * in between).
 */
public final class EventPump<T> implements Consumer<T> {
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor fx;
    private final Consumer<T> sink;

    public EventPump(Executor fx, Consumer<T> sink) {
        this.fx = fx;
        this.sink = sink;
    }

    @Override
    public void accept(T event) {
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) fx.execute(this::drain);
    }

    private void drain() {
        scheduled.set(false);
        for (T e; (e = queue.poll()) != null; ) sink.accept(e);
    }
}
