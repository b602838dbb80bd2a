package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcganTrainerTest {
    static Digits data;

    @BeforeAll
    static void load() throws IOException {
        data = MnistData.train();
    }

    private static DcganTrainer.Config cfg(Path out, long steps, boolean resume) {
        // batch 16 and a data set of 40 digits so the run crosses epochs (data order must be restored too)
        return new DcganTrainer.Config(out, steps, 16, Dcgan.LR, 5, 4, 4, resume, 5); // decay from step 5 on
    }

    private static Digits small() {
        return new Digits(java.util.Arrays.copyOf(data.pixels(), 40 * Digits.PIXELS), java.util.Arrays.copyOf(data.labels(), 40));
    }

    private static void assertSameParams(GanSession a, GanSession b) {
        double dg = a.generator().params().sub(b.generator().params()).amaxNumber().doubleValue();
        double dd = a.discriminator().params().sub(b.discriminator().params()).amaxNumber().doubleValue();
        double de = a.ema().sub(b.ema()).amaxNumber().doubleValue();
        assertTrue(dg < 1e-4 && dd < 1e-4 && de < 1e-4, "params differ: G " + dg + ", D " + dd + ", G average " + de);
    }

    @Test
    void resumedRunEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        DcganTrainer straight = new DcganTrainer(cfg(tmp.resolve("a"), 10, false), small());
        straight.run(new JobControl());

        // the second run is cancelled after step 4, which saves a checkpoint there, then resumed to 10
        Path b = tmp.resolve("b");
        JobControl control = new JobControl();
        control.onProgress(p -> {
            if (p.step() >= 4) control.cancel();
        });
        DcganTrainer first = new DcganTrainer(cfg(b, 10, false), small());
        assertThrows(CancelledException.class, () -> first.run(control));
        assertEquals(4, Checkpoint.read(b).state().step(), "checkpoint at the cancelled step");
        assertTrue(!Files.exists(b.resolve(DcganTrainer.WEIGHTS)), "no final model from a cancelled run");

        DcganTrainer resumed = new DcganTrainer(cfg(b, 10, true), small());
        resumed.run(new JobControl());
        assertSameParams(straight.session(), resumed.session());
        assertSameParams(straight.session(), Checkpoint.read(b).session());
        assertEquals(10, resumed.session().gUpdates());
        ModelCard card = ModelCard.read(b);
        assertEquals(ModelCard.GENERATOR, card.kind());
        assertTrue(card.trainSeconds() > 0);
    }

    @Test
    void progressCarriesLossesPreviewAndRate(@TempDir Path tmp) throws Exception {
        List<Progress> events = new ArrayList<>();
        new DcganTrainer(cfg(tmp, 8, false), small()).run(new JobControl().onProgress(events::add));
        Progress last = events.get(events.size() - 1);
        assertEquals(8, last.step());
        assertEquals(1.0, last.fraction());
        assertTrue(Double.isFinite(last.metric("d_loss")) && Double.isFinite(last.metric("g_loss")));
        assertTrue(last.metric("images_per_s") > 0);
        assertNotNull(last.preview());
        assertEquals(8 * 28 * 2 + 7, last.preview().getWidth(), "8 tiles of 28 px at scale 2, 1 px gaps");
    }

    /** True once {@code t} is parked in {@link JobControl#checkpoint()}: the only place a paused job may wait. */
    private static boolean waitingInCheckpoint(Thread t) {
        if (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) return false;
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(JobControl.class.getName()) && e.getMethodName().equals("checkpoint")) return true;
        }
        return false;
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(2);
        while (!waitingInCheckpoint(t)) {
            assertTrue(t.isAlive(), "the job ended instead of holding at its checkpoint");
            assertTrue(System.currentTimeMillis() < deadline, "the job never held at its checkpoint");
            Thread.sleep(20);
        }
    }

    @Test
    void pausedJobHoldsAtItsCheckpointAndResumes(@TempDir Path tmp) throws Exception {
        JobControl control = new JobControl();
        List<Long> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        // reports come at steps 4 and 8 (preview every 4): the one at 4 pauses the job on its own thread
        control.onProgress(p -> {
            steps.add(p.step());
            if (p.step() == 4) control.setPaused(true);
        });
        control.setPaused(true); // paused before the first step
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new DcganTrainer(cfg(tmp, 8, false), small()).run(control);
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        t.start();
        awaitParked(t);
        assertTrue(steps.isEmpty(), "no step before resuming");
        control.setPaused(false);

        awaitParked(t); // paused again by the report of step 4
        assertEquals(List.of(4L), steps, "held right after step 4");
        Thread.sleep(300);
        assertTrue(waitingInCheckpoint(t), "still holding");
        assertEquals(List.of(4L), steps, "no step while paused");
        assertTrue(!Files.exists(tmp.resolve(DcganTrainer.WEIGHTS)), "not finished while paused");

        control.setPaused(false);
        t.join(TimeUnit.MINUTES.toMillis(2));
        assertTrue(!t.isAlive(), "finished after resuming");
        assertEquals(null, failed.get());
        assertEquals(List.of(4L, 8L), steps);
        assertTrue(Files.exists(tmp.resolve(DcganTrainer.WEIGHTS)));
    }

    @Test
    void aHalfWrittenCheckpointLeavesThePreviousOneReadable(@TempDir Path tmp) throws Exception {
        new DcganTrainer(cfg(tmp, 4, false), small()).run(new JobControl());
        // what a kill during the next write leaves behind: a partial temporary file beside the checkpoint
        Files.write(tmp.resolve(Checkpoint.FILE + ".tmp"), new byte[]{'P', 'K', 3, 4, 0, 1, 2});
        Checkpoint.Loaded c = Checkpoint.read(tmp);
        assertEquals(4, c.state().step());
        // and a resume over it completes and replaces the temporary file
        new DcganTrainer(cfg(tmp, 8, true), small()).run(new JobControl());
        assertEquals(8, Checkpoint.read(tmp).state().step());
        assertTrue(!Files.exists(tmp.resolve(Checkpoint.FILE + ".tmp")));
    }

    @Test
    void processKilledWhileCheckpointingLeavesAReadableCheckpoint(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CheckpointLoop.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Checkpoint.exists(dir) && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertTrue(Checkpoint.exists(dir), "child wrote a first checkpoint: " + Files.readString(tmp.resolve("child.log")));
        Thread.sleep(1200); // it is now rewriting the checkpoint in a loop
        p.destroyForcibly().waitFor();
        Checkpoint.Loaded c = Checkpoint.read(dir);
        assertTrue(c.state().step() >= 1);
        INDArray out = c.session().generator().output(Noise.z(1, 0, 2, Dcgan.Z), false);
        assertEquals(2, out.size(0));
    }

    @Test
    void aNewRunRefusesAFolderThatHoldsARunOrAModel(@TempDir Path tmp) throws Exception {
        new DcganTrainer(cfg(tmp, 2, false), small()).run(new JobControl());
        byte[] before = Files.readAllBytes(tmp.resolve(Checkpoint.FILE));
        IOException e = assertThrows(IOException.class, () -> new DcganTrainer(cfg(tmp, 2, false), small()).run(new JobControl()));
        assertTrue(e.getMessage().contains("already holds") && e.getMessage().contains("--resume"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tmp.resolve(Checkpoint.FILE))), "checkpoint untouched");
    }

    @Test
    void corruptCheckpointGivesAClearMessage(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve(Checkpoint.FILE), "not a zip at all".getBytes());
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(tmp));
        assertTrue(e.getMessage().contains("incomplete") || e.getMessage().contains("corrupt"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> Checkpoint.read(tmp.resolve("nothing")));
        assertTrue(missing.getMessage().contains("No checkpoint"), missing.getMessage());
    }

    /** Child process for the kill test: writes checkpoints of a fresh session over and over. */
    public static final class CheckpointLoop {
        public static void main(String[] args) throws Exception {
            GanSession s = new GanSession(Dcgan.generator(1, Dcgan.LR), Dcgan.discriminator(2, Dcgan.LR), 0, 0);
            for (long step = 1; ; step++) {
                Checkpoint.write(Path.of(args[0]), s, new Checkpoint.State(step, 1, 32, Dcgan.LR, step, step, 0, List.of(), Dcgan.Architecture.MNIST));
            }
        }
    }

    @Test
    void theWeightAverageWarmsUpThenSettlesAtItsDecay() {
        org.junit.jupiter.api.Assertions.assertEquals(0.1, DcganTrainer.emaDecay(0), 1e-12, "the first average is mostly G itself");
        double prev = 0;
        for (long t = 0; t < 20_000; t += 100) {
            double d = DcganTrainer.emaDecay(t);
            org.junit.jupiter.api.Assertions.assertTrue(d >= prev && d <= DcganTrainer.EMA_DECAY);
            prev = d;
        }
        org.junit.jupiter.api.Assertions.assertEquals(DcganTrainer.EMA_DECAY, DcganTrainer.emaDecay(12_000), 1e-12);
    }
}
