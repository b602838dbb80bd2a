package dev.latentstudio.cli;

import dev.latentstudio.engine.gan.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `train-dcgan` stopped by SIGTERM (what Ctrl-C and `kill` send) saves where it was and is gone within 5 s. */
class TrainCommandTest {

    @Test
    void terminatedTrainingExitsPromptlyWithACheckpointToResumeFrom(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("log.txt");
        // a checkpoint every 10 steps: one is on disk by the first progress line (step 10), in case the stop's own
        // save does not fit in the grace on a loaded machine (a step and a save can take 2 s each there)
        Process p = studio(log, "train-dcgan", "--steps", "100000", "--checkpoint-every", "10", "--out", out.toString());
        awaitProgress(p, log);
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        double secs = (System.nanoTime() - t0) / 1e9;
        String text = Files.readString(log);
        assertTrue(exited && secs < 5, String.format("exited %s %.1f s after SIGTERM: %s", exited, secs, text));
        long step = Checkpoint.read(out).state().step();
        assertTrue(step >= 10, "checkpoint at the step reached: " + step);

        Path log2 = tmp.resolve("resume.txt");
        Process q = studio(log2, "train-dcgan", "--steps", "100000", "--resume", out.toString());
        try {
            awaitProgress(q, log2);
        } finally {
            q.destroyForcibly();
            q.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.readString(log2).contains("error"), Files.readString(log2));
    }

    private static Process studio(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "-Dstudio.home=" + Path.of("").toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Until the first progress line ("[###…] 10/100000 …"): the run is training. */
    private static void awaitProgress(Process p, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline && p.isAlive() && !Files.readString(log).contains("/100000")) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(log).contains("/100000"), "training started: " + Files.readString(log));
    }
}
