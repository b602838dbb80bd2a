package dev.latentstudio.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    private final FxQueue fx = new FxQueue();
    private final JobRunner runner = new JobRunner(fx);

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void runsJobsOneAfterAnotherAndCountsThem() throws Exception {
        List<String> order = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        var first = runner.submit("first", () -> {
            release.await(10, TimeUnit.SECONDS);
            synchronized (order) {
                order.add("first");
            }
            return 1;
        });
        var second = runner.submit("second", () -> {
            synchronized (order) {
                order.add("second");
            }
            return 2;
        });
        assertEquals(2, runner.getRunning());
        fx.pumpUntil(() -> runner.currentNameProperty().get().equals("first"), 10);
        assertEquals(JobRunner.INDETERMINATE, runner.progressProperty().get());
        release.countDown();
        fx.pumpUntil(() -> second.result().isDone(), 10);
        assertEquals(1, first.result().get());
        assertEquals(2, second.result().get());
        assertEquals(List.of("first", "second"), order);
        assertEquals(0, runner.getRunning());
        assertEquals("", runner.currentNameProperty().get());
    }

    @Test
    void marshalsTheLatestProgressAndReportsFailure() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var h = runner.submit(new Job<Void>() {
            @Override
            public String name() {
                return "steps";
            }

            @Override
            public Void run(JobControl c) throws Exception {
                for (int i = 1; i <= 4; i++) c.report(new Progress(i, 4, Map.of(), null, "step " + i));
                reported.countDown();
                release.await(10, TimeUnit.SECONDS);
                throw new IllegalStateException("disk full");
            }
        });
        assertTrue(reported.await(10, TimeUnit.SECONDS));
        fx.pumpUntil(() -> runner.progressProperty().get() == 1.0, 10);
        assertEquals("step 4", runner.messageProperty().get());
        release.countDown();
        fx.pumpUntil(() -> h.result().isDone(), 10);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> h.result().get());
        assertEquals("disk full", e.getCause().getMessage());
        assertEquals(0, runner.getRunning());
    }

    @Test
    void aFailureIsKeptForItsDetailsAndWrittenToTheLogWithItsTrace() throws Exception {
        assertEquals(null, runner.lastFailureProperty().get());
        var h = runner.submit("exploding job", () -> {
            throw new IllegalStateException("kaboom " + System.nanoTime());
        });
        fx.pumpUntil(() -> h.result().isDone(), 10);
        JobRunner.Failure f = runner.lastFailureProperty().get();
        assertEquals("exploding job", f.job());
        String log = java.nio.file.Files.readString(dev.latentstudio.engine.Logs.file());
        assertTrue(log.contains("job 'exploding job' failed") && log.contains(f.cause().getMessage())
                && log.contains("at dev.latentstudio.app.common.JobRunnerTest"), "log: " + dev.latentstudio.engine.Logs.file());
        var cancelled = runner.submit("stopped", () -> {
            throw new dev.latentstudio.engine.job.CancelledException();
        });
        fx.pumpUntil(() -> cancelled.result().isDone(), 10);
        assertEquals(f, runner.lastFailureProperty().get(), "a cancel is not a failure");
    }

    @Test
    void closingGracefullyLetsARunningJobSaveBeforeItStops(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path saved = tmp.resolve("checkpoint");
        CountDownLatch started = new CountDownLatch(1);
        runner.start(new dev.latentstudio.engine.job.Job<Void>() {
            @Override
            public String name() {
                return "training";
            }

            @Override
            public Void run(dev.latentstudio.engine.job.JobControl control) throws Exception {
                started.countDown();
                try {
                    while (true) {
                        control.checkpoint();
                        Thread.sleep(5);
                    }
                } catch (dev.latentstudio.engine.job.CancelledException e) {
                    // as the trainers do: write the checkpoint, through a channel an interrupt would close
                    try (var ch = java.nio.channels.FileChannel.open(saved, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        Thread.sleep(100);
                        ch.write(java.nio.ByteBuffer.wrap("step 42".getBytes()));
                        ch.force(true);
                    }
                    throw e;
                }
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(runner.closeGracefully(4000), "the job finished within the grace");
        assertEquals("step 42", java.nio.file.Files.readString(saved));
    }

    @Test
    void aJobSubmittedAfterCloseIsDroppedAsCancelled() {
        runner.close();
        var late = runner.submit("late", () -> 1);
        assertTrue(late.result().isCompletedExceptionally());
        assertEquals(0, runner.getRunning());
    }

    @Test
    void aJobCancelledWhileQueuedNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        runner.submit("blocker", () -> release.await(10, TimeUnit.SECONDS));
        boolean[] ran = {false};
        var queued = runner.submit("queued", () -> ran[0] = true);
        queued.cancel();
        release.countDown();
        fx.pumpUntil(() -> queued.result().isDone(), 10);
        assertTrue(queued.result().isCompletedExceptionally());
        assertTrue(!ran[0]);
    }

    @Test
    void aLongJobDoesNotHoldUpShortOnesAndTheNewestIsShown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        var training = runner.start("training", () -> release.await(20, TimeUnit.SECONDS));
        fx.pumpUntil(() -> runner.currentNameProperty().get().equals("training"), 10);
        var render = runner.submit("render", () -> 42);
        fx.pumpUntil(() -> render.result().isDone(), 10); // done while the long job still runs
        assertEquals(42, render.result().get());
        assertEquals(1, runner.getRunning());
        assertEquals("training", runner.currentNameProperty().get(), "back to the job still running");
        release.countDown();
        fx.pumpUntil(() -> training.result().isDone(), 10);
        assertEquals(0, runner.getRunning());
        assertEquals("", runner.currentNameProperty().get());
    }

    /** Records on which thread and in what order the callbacks ran. */
    private static <R> JobRunner.Handle<R> recorded(JobRunner.Handle<R> h, List<String> calls) {
        Thread fxThread = Thread.currentThread(); // the test drains the FX queue itself
        return h.always(() -> calls.add("always" + (Thread.currentThread() == fxThread ? "" : " off the FX thread")))
                .onSuccess(r -> calls.add("success " + r))
                .onCancel(() -> calls.add("cancel"))
                .onFailure(e -> calls.add("failure " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    @Test
    void theEndingCallbacksRunOnTheFxThreadAlwaysFirstThenOneOutcome() throws Exception {
        List<String> ok = new ArrayList<>(), failed = new ArrayList<>(), cancelled = new ArrayList<>();
        var a = recorded(runner.submit("ok", () -> 7), ok);
        var b = recorded(runner.submit("fails", () -> {
            throw new IllegalStateException("disk full");
        }), failed);
        CountDownLatch started = new CountDownLatch(1);
        var c = recorded(runner.start(new Job<Void>() {
            @Override
            public String name() {
                return "cancelled";
            }

            @Override
            public Void run(JobControl control) throws Exception {
                started.countDown();
                while (true) {
                    control.checkpoint();
                    Thread.sleep(5);
                }
            }
        }), cancelled);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        c.cancel();
        fx.pumpUntil(() -> a.result().isDone() && b.result().isDone() && c.result().isDone(), 10);
        assertEquals(List.of("always", "success 7"), ok);
        assertEquals(List.of("always", "failure IllegalStateException: disk full"), failed);
        assertEquals(List.of("always", "cancel"), cancelled);
    }

    @Test
    void aReplacedJobsEndingIsIgnored() throws Exception {
        List<String> calls = new ArrayList<>();
        JobRunner.Handle<?>[] current = new JobRunner.Handle<?>[1];
        CountDownLatch release = new CountDownLatch(1);
        var old = recorded(runner.start("old", () -> release.await(10, TimeUnit.SECONDS)), calls).onlyIfCurrent(() -> current[0]);
        current[0] = old;
        var newer = recorded(runner.submit("newer", () -> 2), calls).onlyIfCurrent(() -> current[0]);
        current[0] = newer;
        fx.pumpUntil(() -> newer.result().isDone(), 10);
        release.countDown();
        fx.pumpUntil(() -> old.result().isDone(), 10);
        assertEquals(List.of("always", "success 2"), calls, "the replaced job's ending is not heard");
    }
}
