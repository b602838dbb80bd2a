package dev.latentstudio.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.TrainingRunViewModel.State;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run both training screens share, driven by a scripted job instead of a trainer: the test says
 * when it reports, finishes, fails or writes its "checkpoint", so every transition is deterministic.
 */
class TrainingRunViewModelTest {
    @TempDir
    Path dir;
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private final Run vm = new Run(jobs);

    @AfterEach
    void close() {
        jobs.close();
    }

    /** A screen's view model at its smallest: G's curve is "g_adv"; a run folder is resumable when it holds "ckpt". */
    private static final class Run extends TrainingRunViewModel {
        final List<Progress> steps = new ArrayList<>();
        final List<Picture> pictures = new ArrayList<>();
        int ended;

        Run(JobRunner jobs) {
            super(jobs, "g_adv", "offered somewhere", d -> Files.exists(d.resolve("ckpt")), "a-run");
        }

        void go(Job<Path> job, Path out) {
            launch(job, out, 10, "Starting…");
        }

        @Override
        protected void onStep(Progress p, Picture picture) {
            steps.add(p);
            if (picture != null) pictures.add(picture);
        }

        @Override
        protected void runEnded() {
            ended++;
        }
    }

    /** Does what the test puts in its queue: a Progress is reported, a Path returned, an Exception thrown. */
    private static final class Scripted implements Job<Path> {
        final BlockingQueue<Object> script = new LinkedBlockingQueue<>();
        volatile JobControl control;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Path run(JobControl c) throws Exception {
            control = c;
            while (true) {
                c.checkpoint();
                Object next = script.poll(50, TimeUnit.MILLISECONDS);
                if (next instanceof Progress p) c.report(p);
                else if (next instanceof Path p) return p;
                else if (next instanceof Exception e) throw e;
            }
        }
    }

    private static Progress step(long n, BufferedImage preview) {
        return new Progress(n, 10, Map.of("d_loss", 0.5 + n, "g_adv", 2.0 + n, "g_loss", 99.0,
                "images_per_s", 40.0, "eta_s", 125.0), preview, null);
    }

    @Test
    void showsStepsWithTheScreensGCurveAndFinishesWithTheModel() throws Exception {
        Scripted job = new Scripted();
        vm.go(job, dir.resolve("run"));
        assertEquals(State.RUNNING, vm.getState());
        assertTrue(vm.activeProperty().get());
        assertEquals(10, vm.totalProperty().get());
        assertEquals("Starting…", vm.statusTextProperty().get());

        job.script.add(new Progress(0, 10, Map.of(), null, "reading the data"));
        fx.pumpUntil(() -> vm.statusTextProperty().get().equals("Reading the data…"), 10);
        assertTrue(vm.lossesProperty().isEmpty(), "a phase is not a step");

        job.script.add(step(3, new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB)));
        fx.pumpUntil(() -> vm.stepProperty().get() == 3, 10);
        assertEquals(0.3, vm.progressProperty().get(), 1e-12);
        assertEquals(40.0, vm.imagesPerSecondProperty().get());
        assertEquals("2:05", vm.etaTextProperty().get());
        assertEquals(List.of(new LossPoint(3, 3.5, 5.0)), vm.lossesProperty(), "D's loss and the screen's G metric");
        assertNotNull(vm.previewProperty().get());
        assertEquals(2, vm.previewProperty().get().width());
        assertEquals(1, vm.steps.size());
        assertEquals(List.of(vm.previewProperty().get()), vm.pictures);
        assertEquals("Training…", vm.statusTextProperty().get());

        Path model = dir.resolve("model");
        job.script.add(model);
        fx.pumpUntil(() -> vm.getState() == State.DONE, 10);
        assertEquals(1, vm.ended);
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals(10, vm.stepProperty().get());
        assertEquals(model, vm.lastSavedModelProperty().get());
        assertEquals("", vm.etaTextProperty().get());
        assertTrue(vm.statusTextProperty().get().endsWith("and offered somewhere."), vm.statusTextProperty().get());
        assertFalse(vm.canResumeRunProperty().get(), "a finished run is not resumed");

        // an event the ended job sends late changes nothing
        job.control.report(step(7, null)); // posts its FX task now, on this thread
        boolean[] after = {false};
        fx.execute(() -> after[0] = true); // the queue is in order: once this ran, so had the event
        fx.pumpUntil(() -> after[0], 10);
        assertEquals(10, vm.stepProperty().get());
        assertEquals(1, vm.lossesProperty().size());
    }

    @Test
    void pausesResumesAndStopsWithOrWithoutACheckpoint() throws Exception {
        Scripted job = new Scripted();
        Path out = dir.resolve("run");
        vm.go(job, out);
        fx.pumpUntil(() -> job.control != null, 10); // running (paused before it starts, the runner holds it unstarted)
        vm.pause();
        assertEquals(State.PAUSED, vm.getState());
        assertTrue(job.control.isPaused());
        assertTrue(vm.statusTextProperty().get().startsWith("Paused at step 0."));
        vm.resume();
        assertEquals(State.RUNNING, vm.getState());
        assertFalse(job.control.isPaused());

        vm.stop();
        assertEquals("Stopping: saving a checkpoint…", vm.statusTextProperty().get());
        fx.pumpUntil(() -> vm.getState() == State.STOPPED, 10);
        assertEquals("Stopped before the first step; nothing was saved.", vm.statusTextProperty().get());
        assertFalse(vm.canResumeRunProperty().get());
        assertFalse(vm.runHasCheckpointProperty().get());

        Files.createDirectories(out);
        Files.createFile(out.resolve("ckpt"));
        Scripted again = new Scripted();
        vm.go(again, out);
        assertFalse(vm.canResumeRunProperty().get(), "not while it runs");
        vm.stop();
        fx.pumpUntil(() -> vm.getState() == State.STOPPED, 10);
        assertTrue(vm.canResumeRunProperty().get());
        assertTrue(vm.runHasCheckpointProperty().get());
        assertEquals(out, vm.runDirProperty().get());
        assertTrue(vm.statusTextProperty().get().contains("The checkpoint in " + out), vm.statusTextProperty().get());
        assertEquals(2, vm.ended);
    }

    @Test
    void aFailureSaysWhyClearsTheEtaAndOffersTheCheckpoint() throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Files.createFile(out.resolve("ckpt"));
        Scripted job = new Scripted();
        vm.go(job, out);
        job.script.add(step(2, null));
        fx.pumpUntil(() -> !vm.etaTextProperty().get().isEmpty(), 10);
        job.script.add(new IOException("disk full"));
        fx.pumpUntil(() -> vm.getState() == State.FAILED, 10);
        assertEquals("Training failed: disk full", vm.errorProperty().get());
        assertEquals("", vm.statusTextProperty().get());
        assertEquals("", vm.etaTextProperty().get());
        assertTrue(vm.canResumeRunProperty().get());
        assertNull(vm.lastSavedModelProperty().get());

        vm.go(new Scripted(), out);
        assertEquals("", vm.errorProperty().get(), "a new run starts without the old error");
        assertEquals(1, vm.lossesProperty().size(), "launch alone keeps the curve: a resumed run continues it");
        vm.clearRun();
        assertTrue(vm.lossesProperty().isEmpty());
        vm.stop();
        fx.pumpUntil(() -> vm.getState() == State.STOPPED, 10);
    }

    @Test
    void etaReadsAsMinutesOrHours() {
        assertEquals("0:05", TrainingRunViewModel.eta(4.6));
        assertEquals("2:03", TrainingRunViewModel.eta(123));
        assertEquals("1:01:01", TrainingRunViewModel.eta(3661));
        assertEquals("", TrainingRunViewModel.eta(Double.NaN));
        assertEquals("", TrainingRunViewModel.eta(-1));
    }
}
