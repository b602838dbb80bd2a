package dev.latentstudio.cli;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How every command runs its long jobs: on the calling thread, and on Ctrl-C or SIGTERM the job is cancelled and
 * the JVM held open at most {@link #GRACE_MS} for it to save what it can, so the process is gone within 5 s. A
 * checkpoint cut off mid-write by the exit is harmless: it goes to a temp file renamed over the old one (AtomicFile).
 */
final class ConsoleJob {
    /** Room for the save of a cancelled step, under the 5 s a user (or a service manager) waits after SIGTERM. */
    static final long GRACE_MS = 4000;

    interface Body<R> {
        R run(JobControl control) throws Exception;
    }

    private ConsoleJob() {
    }

    /** The common case: the job's progress as a console bar on {@code progress}. */
    static <R> R run(Job<R> job, PrintStream progress) throws Exception {
        return run(new JobControl().onProgress(new ConsoleProgress(progress)), job::run);
    }

    /** A body of jobs (an inversion through its network's façade) with a console bar on {@code progress}. */
    static <R> R run(PrintStream progress, Body<R> body) throws Exception {
        return run(new JobControl().onProgress(new ConsoleProgress(progress)), body);
    }

    /**
     * A training run in {@code dir}: a console bar, each preview written to dir/samples/step-N.png, and on Ctrl-C or
     * SIGTERM the checkpoint the trainer saves, said while the JVM still waits. Returns false when it was stopped.
     */
    static boolean train(Path dir, Job<?> trainer) throws Exception {
        JobControl control = new JobControl().onProgress(new ConsoleProgress(System.out)).onProgress(p -> {
            if (p.preview() == null) return;
            try {
                Images.writePng(p.preview(), dir.resolve("samples").resolve(String.format("step-%07d.png", p.step())));
            } catch (Exception e) {
                System.err.println("could not write preview: " + e.getMessage());
            }
        });
        try {
            run(control, c -> {
                try {
                    return trainer.run(c);
                } catch (CancelledException e) {
                    System.out.println("stopped; checkpoint saved in " + dir + " (continue with --resume " + dir + ")");
                    throw e;
                }
            });
            return true;
        } catch (CancelledException e) {
            return false;
        }
    }

    static <R> R run(JobControl control, Body<R> body) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            control.cancel();
            try {
                finished.await(GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cancel-job");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.run(control);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook has let go
            }
        }
    }
}
