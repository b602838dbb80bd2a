package dev.latentstudio.cli;

import dev.latentstudio.engine.gan.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A disk that really fills during a training run: a tmpfs with room for one checkpoint but not for the next one's
 * temporary file beside it. The run stops with the file and the system's reason, the first checkpoint stays whole and
 * resumes. Needs root (mount); where mounting is not allowed the test is skipped, saying why.
 */
class FullDiskTest {

    @Test
    void aDiskThatFillsMidRunStopsWithTheReasonAndKeepsTheLastCheckpoint(@TempDir Path tmp) throws Exception {
        // one checkpoint's size, measured, so the disk below fits exactly one of whatever the networks weigh today
        Path probe = tmp.resolve("probe");
        CliTest.run(0, "train-dcgan", "--steps", "10", "--checkpoint-every", "10", "--no-evaluate", "--out", probe.toString());
        long checkpoint = Files.size(Checkpoint.file(probe));

        Path disk = Files.createDirectory(tmp.resolve("disk"));
        long kib = checkpoint * 3 / 2 / 1024 + 1;
        assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", disk.toString()),
                "mounting a small tmpfs needs root and a system that allows it");
        try {
            Path out = disk.resolve("run");
            String text = CliTest.run(2, "train-dcgan", "--steps", "30", "--checkpoint-every", "10", "--no-evaluate", "--out", out.toString());
            assertTrue(text.contains("error: cannot write " + Checkpoint.file(out).toAbsolutePath() + ": No space left on device"), text);
            assertFalse(Files.exists(out.resolve(Checkpoint.FILE + ".tmp")), "the half-written temporary file is removed");
            assertEquals(10, Checkpoint.read(out).state().step(), "the checkpoint before the full disk is whole");

            Path moved = tmp.resolve("moved");
            Files.createDirectory(moved);
            Files.copy(Checkpoint.file(out), Checkpoint.file(moved));
            CliTest.run(0, "train-dcgan", "--steps", "20", "--no-evaluate", "--resume", moved.toString());
            assertEquals(20, Checkpoint.read(moved).state().step(), "resumed from it on a disk with room");
        } finally {
            // lazily: a file the run left open (its log, a half-closed stream) must not keep the disk, and the
            // temporary folder, from going
            sh("umount", "-l", disk.toString());
        }
    }

    private static boolean sh(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException noSuchCommand) {
            return false;
        }
    }
}
