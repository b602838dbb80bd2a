package dev.latentstudio.app.common;

import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The studio's one background executor for engine {@link Job}s. Jobs run one after another on a
 * single daemon thread; their progress events are marshalled to the FX thread (coalesced, so a
 * chatty job cannot flood the event queue) and shown through the read-only properties below.
 * All properties change on the FX thread only.
 */
public final class JobRunner implements AutoCloseable {

    /** The {@link #progressProperty()} value while a job has not said how far it is. */
    public static final double INDETERMINATE = -1;

    /** A submitted job: its control (cancel, pause) and its result, completed on the FX thread. */
    public record Handle<R>(String name, JobControl control, CompletableFuture<R> result) {
        public void cancel() {
            control.cancel();
        }
    }

    private final ExecutorService executor;
    private final Executor fx;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    private final ReadOnlyStringWrapper currentName = new ReadOnlyStringWrapper(this, "currentName", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);

    /** A runner that reports on the JavaFX application thread. */
    public JobRunner() {
        this(Platform::runLater);
    }

    /** A runner that reports through {@code fxThread} (tests pass a queue they drain themselves). */
    public JobRunner(Executor fxThread) {
        this.fx = Objects.requireNonNull(fxThread);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "studio-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a plain piece of work as a job that reports no progress. */
    public <R> Handle<R> submit(String name, Callable<R> work) {
        return submit(new Job<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public R run(JobControl control) throws Exception {
                return work.call();
            }
        });
    }

    /** Queues a job. Call on the FX thread; the result completes there too, after the counters are updated. */
    public <R> Handle<R> submit(Job<R> job) {
        JobControl control = new JobControl();
        CompletableFuture<R> result = new CompletableFuture<>();
        AtomicReference<Progress> latest = new AtomicReference<>();
        control.onProgress(p -> {
            // only the first event since the last hand-over posts a task; later ones just replace it
            if (latest.getAndSet(p) == null) fx.execute(() -> show(latest.getAndSet(null)));
        });
        running.set(running.get() + 1);
        executor.execute(() -> {
            fx.execute(() -> {
                currentName.set(job.name());
                message.set("");
                progress.set(INDETERMINATE);
            });
            R value = null;
            Throwable failure = null;
            try {
                control.checkpoint(); // cancelled while queued: do not start
                value = job.run(control);
            } catch (Throwable t) {
                failure = t;
            }
            R v = value;
            Throwable f = failure;
            fx.execute(() -> {
                running.set(running.get() - 1);
                if (running.get() == 0) {
                    currentName.set("");
                    message.set("");
                    progress.set(0);
                }
                if (f == null) result.complete(v);
                else result.completeExceptionally(f);
            });
        });
        return new Handle<>(job.name(), control, result);
    }

    private void show(Progress p) {
        if (p == null) return;
        progress.set(p.total() > 0 ? p.fraction() : INDETERMINATE);
        message.set(p.message() == null ? "" : p.message());
    }

    /** Jobs queued or running. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public int getRunning() {
        return running.get();
    }

    /** Name of the job running now; empty when idle. */
    public ReadOnlyStringProperty currentNameProperty() {
        return currentName.getReadOnlyProperty();
    }

    /** The running job's last progress message; empty when it gave none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Fraction done of the running job in [0, 1], or {@link #INDETERMINATE}. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Stops taking jobs and interrupts the running one (its control reads as cancelled). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
