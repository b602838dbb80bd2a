package dev.latentstudio.cli;

import dev.latentstudio.engine.gan.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** `train-dcgan` stopped by SIGTERM (what Ctrl-C and `kill` send) saves where it was, then exits. */
class TrainCommandTest {

    @Test
    void terminatedTrainingSavesACheckpointToResumeFrom(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "-Dstudio.home=" + Path.of("").toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Main.class.getName(),
                "train-dcgan", "--steps", "100000", "--checkpoint-every", "100000", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline && !(Files.exists(log) && Files.readString(log).contains("/100000"))) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(log).contains("/100000"), "training started: " + Files.readString(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process exits after saving");
        String text = Files.readString(log);
        assertTrue(text.contains("stopped; checkpoint saved"), text);
        long step = Checkpoint.read(out).state().step();
        assertTrue(step >= 10, "checkpoint at the step reached: " + step);
    }
}
