package dev.latentstudio.engine.face;

import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.image.ImageReading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The images of a folder, one per frame, in file-name order, decoded as they are shown (a folder of
 * thousands of photos never sits in memory). Entries that are not usable pictures (sub-folders, hidden files
 * and the like from the start, broken pictures as they are met) are skipped with {@link ImageFolder}'s and
 * {@link ImageReading}'s reasons, listed in {@link #skipped()} and in the status; with {@code loop} the
 * folder starts again at its end.
 */
public final class ImageFolderSource implements FrameSource {
    private static final int REASONS_SHOWN = 3;

    private final Path dir;
    private final boolean loop;
    private final List<Path> files;
    private final List<ImageFolder.Skipped> skipped = new ArrayList<>();
    private final Set<Path> bad = new HashSet<>();
    private int position;
    private long delivered;
    private Status status;

    private ImageFolderSource(Path dir, boolean loop, ImageFolder.Listing listing) {
        this.dir = dir;
        this.loop = loop;
        this.files = listing.files();
        this.skipped.addAll(listing.skipped());
        this.status = new Status(State.READY, "showing " + description());
    }

    /** Lists the folder; a missing folder or one without files is an error with the reason. */
    public static ImageFolderSource open(Path dir, boolean loop) throws IOException {
        ImageFolder.Listing listing = ImageFolder.list(dir);
        if (listing.files().isEmpty()) {
            throw new IOException("no files in " + dir + (listing.skipped().isEmpty() ? "" : ", only " + reasons(listing.skipped())));
        }
        return new ImageFolderSource(dir, loop, listing);
    }

    @Override
    public synchronized Optional<Frame> next() {
        if (!status.ready()) return Optional.empty();
        int tried = 0;
        while (tried < files.size()) {
            if (position == files.size()) {
                if (!loop || bad.size() == files.size()) break;
                position = 0;
            }
            Path f = files.get(position++);
            tried++;
            if (bad.contains(f)) continue;
            try {
                Frame frame = new Frame(ImageReading.readListed(f), delivered++, f.getFileName().toString());
                return Optional.of(frame);
            } catch (ImageReading.Unusable e) {
                bad.add(f);
                skipped.add(new ImageFolder.Skipped(f, e.reason()));
            }
        }
        status = delivered == 0 && bad.size() == files.size()
                ? new Status(State.FAILED, "no usable images in " + dir + ": " + reasons(skipped))
                : new Status(State.ENDED, "end of " + dir.getFileName() + ": " + delivered + " images shown"
                        + (skipped.isEmpty() ? "" : "; skipped " + reasons(skipped)));
        return Optional.empty();
    }

    /** The files found unusable so far, each with the reason. */
    public synchronized List<ImageFolder.Skipped> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public synchronized Status status() {
        return status;
    }

    @Override
    public String description() {
        return "folder " + dir.getFileName() + " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
    }

    @Override
    public synchronized void close() {
        if (status.ready()) status = new Status(State.ENDED, dir.getFileName() + " was closed");
    }

    private static String reasons(List<ImageFolder.Skipped> skipped) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(REASONS_SHOWN, skipped.size()); i++) {
            ImageFolder.Skipped s = skipped.get(i);
            if (i > 0) sb.append("; ");
            sb.append(s.file().getFileName()).append(" (").append(s.reason()).append(')');
        }
        if (skipped.size() > REASONS_SHOWN) sb.append("; and ").append(skipped.size() - REASONS_SHOWN).append(" more");
        return sb.toString();
    }
}
