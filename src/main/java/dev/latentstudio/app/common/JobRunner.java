package dev.latentstudio.app.common;

import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The studio's one way to run engine {@link Job}s off the FX thread. Short jobs ({@link #submit}:
 * loading, rendering) run one after another on a single daemon thread; long ones ({@link #start}:
 * training, exports) each get a thread of their own, so an hour of training never holds up a grid
 * render. Progress events are marshalled to the FX thread (coalesced, so a chatty job cannot flood
 * the event queue) and the newest running job is shown through the read-only properties below.
 * All properties change on the FX thread only.
 */
public final class JobRunner implements AutoCloseable {

    /** The {@link #progressProperty()} value while a job has not said how far it is. */
    public static final double INDETERMINATE = -1;

    /**
     * A submitted job: its control (cancel, pause), its result (completed on the FX thread) and what
     * the screen does when it ends. Register the callbacks on the FX thread in the call that starts
     * the job; they run on the FX thread before the result completes: {@link #always} first, then
     * exactly one of {@link #onSuccess}, {@link #onCancel} or {@link #onFailure}.
     */
    public static final class Handle<R> {
        private final String name;
        private final JobControl control;
        private final CompletableFuture<R> result;
        private BooleanSupplier wanted = () -> true;
        private Runnable always = () -> { };
        private Consumer<? super R> success = r -> { };
        private Runnable cancelled = () -> { };
        private Consumer<Throwable> failure = e -> { };

        Handle(String name, JobControl control, CompletableFuture<R> result) {
            this.name = name;
            this.control = control;
            this.result = result;
        }

        public String name() {
            return name;
        }

        public JobControl control() {
            return control;
        }

        public CompletableFuture<R> result() {
            return result;
        }

        public void cancel() {
            control.cancel();
        }

        /** The callbacks run only if {@code wanted} still holds when the job ends. */
        public Handle<R> onlyIf(BooleanSupplier wanted) {
            this.wanted = wanted;
            return this;
        }

        /** The callbacks run only while {@code current} still answers this handle (a newer run replaces it). */
        public Handle<R> onlyIfCurrent(Supplier<Handle<?>> current) {
            return onlyIf(() -> current.get() == this);
        }

        /** Runs first however the job ended. */
        public Handle<R> always(Runnable r) {
            this.always = r;
            return this;
        }

        public Handle<R> onSuccess(Consumer<? super R> c) {
            this.success = c;
            return this;
        }

        /** The job was cancelled (it threw {@link CancelledException}). */
        public Handle<R> onCancel(Runnable r) {
            this.cancelled = r;
            return this;
        }

        /** The job failed; the callback gets the failure itself, not a CompletionException around it. */
        public Handle<R> onFailure(Consumer<Throwable> c) {
            this.failure = c;
            return this;
        }

        private void end(R value, Throwable e) {
            if (!wanted.getAsBoolean()) return;
            always.run();
            Throwable cause = Failures.unwrap(e);
            if (cause == null) success.accept(value);
            else if (cause instanceof CancelledException) cancelled.run();
            else failure.accept(cause);
        }
    }

    private final ExecutorService executor;
    private final ExecutorService longJobs;
    private final Executor fx;
    /** Running jobs, oldest first; the last one is what the properties show. */
    private final java.util.List<Shown> active = new java.util.ArrayList<>();

    private static final class Shown {
        final String name;
        String message = "";
        double progress = INDETERMINATE;

        Shown(String name) {
            this.name = name;
        }
    }
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    private final ReadOnlyStringWrapper currentName = new ReadOnlyStringWrapper(this, "currentName", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    /** Controls of the jobs queued or running, so closing can ask them to stop and save. */
    private final java.util.Set<JobControl> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ReadOnlyObjectWrapper<Failure> lastFailure = new ReadOnlyObjectWrapper<>(this, "lastFailure");
    private static final Logger LOG = LoggerFactory.getLogger(dev.latentstudio.engine.Logs.FAILURES);

    /** A job that failed: its name and what went wrong, kept for the status bar's "Details…". */
    public record Failure(String job, Throwable cause) {
    }

    /** A runner that reports on the JavaFX application thread. */
    public JobRunner() {
        this(Platform::runLater);
    }

    /** A runner that reports through {@code fxThread} (tests pass a queue they drain themselves). */
    public JobRunner(Executor fxThread) {
        this.fx = Objects.requireNonNull(fxThread);
        this.executor = Executors.newSingleThreadExecutor(r -> daemon(r, "studio-jobs"));
        this.longJobs = Executors.newCachedThreadPool(r -> daemon(r, "studio-long-job"));
    }

    /** Where results and progress are delivered: the FX thread (or a test's queue). */
    public Executor fx() {
        return fx;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs a plain piece of work as a short job that reports no progress. */
    public <R> Handle<R> submit(String name, Callable<R> work) {
        return submit(plain(name, work));
    }

    /** Runs a plain piece of work as a long job (its own thread) that reports no progress. */
    public <R> Handle<R> start(String name, Callable<R> work) {
        return start(plain(name, work));
    }

    private static <R> Job<R> plain(String name, Callable<R> work) {
        return new Job<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public R run(JobControl control) throws Exception {
                return work.call();
            }
        };
    }

    /** Writes one file. */
    public interface Write {
        void write() throws Exception;
    }

    /**
     * Writes {@code file} as a short job (an export, a save); {@code written} or {@code failed} runs on the FX thread,
     * then the future completes with the file or the failure.
     */
    public CompletableFuture<java.nio.file.Path> write(String name, java.nio.file.Path file, Write w,
                                                       Consumer<java.nio.file.Path> written, Consumer<Throwable> failed) {
        CompletableFuture<java.nio.file.Path> done = new CompletableFuture<>();
        submit(name, () -> {
            w.write();
            return file;
        }).onSuccess(p -> {
            written.accept(file);
            done.complete(file);
        }).onFailure(e -> {
            failed.accept(e);
            done.completeExceptionally(e);
        });
        return done;
    }

    /** Queues a short job. Call on the FX thread; the result completes there too, after the counters are updated. */
    public <R> Handle<R> submit(Job<R> job) {
        return run(job, executor);
    }

    /** Starts a long job at once on a thread of its own; otherwise as {@link #submit(Job)}. */
    public <R> Handle<R> start(Job<R> job) {
        return run(job, longJobs);
    }

    private <R> Handle<R> run(Job<R> job, ExecutorService on) {
        JobControl control = new JobControl();
        Shown shown = new Shown(job.name());
        CompletableFuture<R> result = new CompletableFuture<>();
        Handle<R> handle = new Handle<>(job.name(), control, result);
        AtomicReference<Progress> latest = new AtomicReference<>();
        control.onProgress(p -> {
            // only the first event since the last hand-over posts a task; later ones just replace it
            if (latest.getAndSet(p) == null) fx.execute(() -> show(shown, latest.getAndSet(null)));
        });
        running.set(running.get() + 1);
        live.add(control);
        try {
            execute(on, job, control, shown, handle, result);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed (the window is going): a late callback's job is dropped as cancelled, not thrown at the FX thread
            running.set(running.get() - 1);
            live.remove(control);
            result.completeExceptionally(new CancelledException());
        }
        return handle;
    }

    private <R> void execute(ExecutorService on, Job<R> job, JobControl control, Shown shown, Handle<R> handle,
                             CompletableFuture<R> result) {
        on.execute(() -> {
            fx.execute(() -> {
                active.add(shown);
                showNewest();
            });
            R value = null;
            Throwable failure = null;
            try {
                control.checkpoint(); // cancelled while queued: do not start
                value = job.run(control);
            } catch (Throwable t) {
                failure = t;
            }
            live.remove(control);
            R v = value;
            Throwable f = failure;
            Throwable cause = Failures.unwrap(f);
            // every failure's trace goes to the log file; the screen shows its message
            if (cause != null && !(cause instanceof CancelledException)) LOG.error("job '" + job.name() + "' failed", cause);
            fx.execute(() -> {
                running.set(running.get() - 1);
                if (cause != null && !(cause instanceof CancelledException)) lastFailure.set(new Failure(job.name(), cause));
                active.remove(shown);
                showNewest();
                try {
                    handle.end(v, f);
                } finally {
                    if (f == null) result.complete(v);
                    else result.completeExceptionally(f);
                }
            });
        });
    }

    private void show(Shown s, Progress p) {
        if (p == null) return;
        s.progress = p.total() > 0 ? p.fraction() : INDETERMINATE;
        s.message = p.message() == null ? "" : p.message();
        showNewest();
    }

    private void showNewest() {
        Shown s = active.isEmpty() ? null : active.get(active.size() - 1);
        currentName.set(s == null ? "" : s.name);
        message.set(s == null ? "" : s.message);
        progress.set(s == null ? 0 : s.progress);
    }

    /** Jobs queued or running. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public int getRunning() {
        return running.get();
    }

    /** Name of the newest running job; empty when idle. */
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

    /** The last job that failed (null until one does), for showing its details. */
    public ReadOnlyObjectProperty<Failure> lastFailureProperty() {
        return lastFailure.getReadOnlyProperty();
    }

    /** Stops taking jobs, cancels the running ones and interrupts them. */
    @Override
    public void close() {
        live.forEach(JobControl::cancel);
        executor.shutdownNow();
        longJobs.shutdownNow();
    }

    /**
     * Closing the window or SIGTERM: cancels every job and gives them up to {@code graceMs} to finish by
     * themselves (a trainer saves its checkpoint when cancelled; an interrupt would break that write), then
     * interrupts what is left. Returns whether all had finished.
     */
    public boolean closeGracefully(long graceMs) {
        live.forEach(JobControl::cancel);
        executor.shutdown();
        longJobs.shutdown();
        boolean done;
        try {
            long end = System.nanoTime() + graceMs * 1_000_000;
            done = longJobs.awaitTermination(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS)
                    & executor.awaitTermination(Math.max(0, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        close();
        return done;
    }
}
