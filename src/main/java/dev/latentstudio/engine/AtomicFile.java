package dev.latentstudio.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Every file the studio writes goes through here: the content is written to a sibling
 * NAME.tmp, flushed to disk, then renamed over NAME. A crash, a kill or a full disk mid-write
 * leaves the previous file whole (and at worst a stale NAME.tmp, which the next write replaces). A folder the
 * file system refuses is reported as "cannot write in FOLDER: reason", a full disk as "cannot write FILE: No space left
 * on device".
 */
public final class AtomicFile {
    /** Writes the content to the given temporary path. */
    public interface Body {
        void write(Path tmp) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path folder = abs.getParent();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            Files.createDirectories(folder);
            try {
                // made here, empty, so a refusing folder fails with the file system's reason, not with what
                // each writer makes of it (ImageIO: "Can't create an ImageOutputStream!"), and no stale tail stays
                Files.deleteIfExists(tmp);
                Files.createFile(tmp);
                body.write(tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileSystemException e) {
            throw refused(e, folder, tmp, abs);
        } catch (IOException e) {
            // a full disk surfaces as the bare system message from whichever write hit it: name the file
            if (e.getMessage() != null && FULL.contains(e.getMessage())) throw new IOException("cannot write " + abs + ": " + e.getMessage(), e);
            throw e;
        }
    }

    /** What Linux says (strerror) when a disk or a quota is full. */
    private static final java.util.Set<String> FULL = java.util.Set.of("No space left on device", "Disk quota exceeded");

    /**
     * A refusal by the file system about the folder, the temp file or the target (a read-only folder, disk or file)
     * as "cannot write in FOLDER: reason", where Java's own message names only the temp file; the type is kept
     * for callers that tell cases apart. Failures about other files (a body reading its input) pass unchanged.
     */
    private static FileSystemException refused(FileSystemException e, Path folder, Path tmp, Path target) {
        Path about = e.getFile() == null ? null : Path.of(e.getFile()).toAbsolutePath();
        if (about == null || !(about.equals(tmp) || about.equals(target) || folder.startsWith(about))) return e;
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "the folder is gone"
                : e.getReason() == null ? e.toString()
                : e.getReason().substring(0, 1).toLowerCase(Locale.ROOT) + e.getReason().substring(1);
        String message = "cannot write in " + folder + ": " + reason;
        FileSystemException clear = e instanceof AccessDeniedException ? new AccessDeniedException(null, null, message)
                : new FileSystemException(null, null, message);
        clear.initCause(e);
        return clear;
    }
}
