package dev.latentstudio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
        assertEquals("cannot write " + target.toAbsolutePath() + ": No space left on device", e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("model.zip.tmp")));
    }

    /**
     * A folder the file system refuses (read-only, or no permission): the message names the folder and the reason,
     * the previous file stays whole. Injected as Files.newOutputStream throws it, since chmod does not stop root.
     */
    @Test
    void aRefusedFolderIsNamedWithTheReasonAndThePreviousFileKept() throws IOException {
        Path target = dir.resolve("out").resolve("grid.png");
        byte[] previous = {9, 8, 7};
        AtomicFile.write(target, tmp -> Files.write(tmp, previous));
        Path folder = target.getParent().toAbsolutePath();

        IOException denied = assertThrows(AccessDeniedException.class, () -> AtomicFile.write(target, tmp -> {
            throw new AccessDeniedException(tmp.toString());
        }));
        assertEquals("cannot write in " + folder + ": permission denied", denied.getMessage());
        IOException readOnly = assertThrows(FileSystemException.class, () -> AtomicFile.write(target, tmp -> {
            throw new FileSystemException(tmp.toString(), null, "Read-only file system");
        }));
        assertEquals("cannot write in " + folder + ": read-only file system", readOnly.getMessage());
        // a folder that cannot be made: refused on one of the folders above
        IOException above = assertThrows(AccessDeniedException.class, () -> AtomicFile.write(folder.resolve("new/a.png"), tmp -> {
            throw new AccessDeniedException(folder.resolve("new").toString());
        }));
        assertEquals("cannot write in " + folder.resolve("new") + ": permission denied", above.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertFalse(Files.exists(folder.resolve("grid.png.tmp")));

        // a body's trouble with another file (its input) is not the folder's: it passes unchanged
        Path input = dir.resolve("input.bin");
        IOException other = assertThrows(AccessDeniedException.class, () -> AtomicFile.write(target, tmp -> {
            throw new AccessDeniedException(input.toString());
        }));
        assertEquals(input.toString(), other.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(target));
    }
}
