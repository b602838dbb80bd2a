package dev.latentstudio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    /** A full disk midway through a checkpoint: the previous file stays whole and no temp file is left. */
    @Test
    void fullDiskMidwayKeepsThePreviousFile() throws IOException {
        Path target = dir.resolve("model.zip");
        byte[] previous = {1, 2, 3, 4};
        AtomicFile.write(target, tmp -> Files.write(tmp, previous));

        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(new byte[4096]);
                throw new IOException("No space left on device");
            }
        }));
        assertEquals("No space left on device", e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("model.zip.tmp")));
    }
}
