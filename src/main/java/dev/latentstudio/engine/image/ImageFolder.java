package dev.latentstudio.engine.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of pictures as GAN training data: square, size×size, CHW floats in [-1,1].
 * Real folders hold junk (empty downloads, renamed text, panoramas, huge scans), so one bad file
 * is skipped with a reason the user can act on instead of failing the whole load.
 */
public final class ImageFolder {

    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    static final long MAX_PIXELS = 40_000_000L;
    static final double MAX_ASPECT = 4.0;
    private static final int SHOWN_IN_ERROR = 5;

    public record Skipped(Path file, String reason) {
    }

    public record Result(List<float[]> images, List<Skipped> skipped, int size, int channels) {

        /** One line per skipped file, then "N loaded, M skipped". */
        public String report() {
            StringBuilder sb = new StringBuilder();
            for (Skipped s : skipped) {
                sb.append("skipped ").append(s.file().getFileName()).append(": ").append(s.reason()).append('\n');
            }
            return sb.append(images.size()).append(" loaded, ").append(skipped.size()).append(" skipped").toString();
        }
    }

    private ImageFolder() {
    }

    /** Loads the regular, non-hidden files directly in {@code dir}, in file-name order. */
    public static Result load(Path dir, int size, int channels) throws IOException {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("need size >= 1 and 1 or 3 channels, got size " + size + ", channels " + channels);
        }
        List<Path> files = files(dir);
        List<float[]> images = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path f : files) {
            try {
                images.add(Images.toChw(resize(centreSquare(decode(f, size)), size), channels));
            } catch (Unusable e) {
                skipped.add(new Skipped(f, e.getMessage()));
            }
        }
        if (images.isEmpty()) {
            throw new IOException(noneUsable(dir, skipped));
        }
        return new Result(List.copyOf(images), List.copyOf(skipped), size, channels);
    }

    /**
     * One picture at its own size, with the same file checks as {@link #load} except the training-shape ones
     * (any size or aspect ratio is fine). The message of {@link Unusable} is the reason, ready to show.
     */
    public static BufferedImage read(Path file) throws Unusable {
        return decode(file, 0);
    }

    /** The regular, non-hidden files directly in {@code dir}, in file-name order; a missing folder is an error. */
    public static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new IOException("image folder does not exist: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir + " (give the folder that holds the images)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && !hidden(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * One user picture (to reconstruct or dream on) as CHW floats in [-1, 1]: the same checks and the same
     * centre square and resize as a folder's images, but a file that cannot be used is an error naming
     * the file and the reason.
     */
    public static float[] loadImage(Path file, int size, int channels) {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("need size >= 1 and 1 or 3 channels, got size " + size + ", channels " + channels);
        }
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": no such file");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": not a file");
        try {
            return Images.toChw(resize(centreSquare(decode(file, size)), size), channels);
        } catch (Unusable e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Why one file cannot be used; the message is the reason, worded for the user. */
    public static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Checks what can be checked from the header before decoding, so a huge image never gets allocated.
     * {@code size} > 0 adds the checks for training at size×size; 0 leaves only the file and pixel limits.
     */
    private static BufferedImage decode(Path f, int size) throws Unusable {
        long bytes;
        try {
            bytes = Files.size(f);
        } catch (IOException e) {
            throw new Unusable("unreadable file: " + e.getMessage());
        }
        if (bytes == 0) {
            throw new Unusable("empty file (0 bytes)");
        }
        if (bytes > MAX_FILE_BYTES) {
            throw new Unusable("too large: " + bytes / (1024 * 1024) + " MB file (limit " + MAX_FILE_BYTES / (1024 * 1024) + " MB)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new Unusable("not an image (no reader recognises its contents)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > MAX_PIXELS) {
                    throw new Unusable("too large: " + w + "x" + h + " pixels (limit " + MAX_PIXELS / 1_000_000 + " megapixels)");
                }
                if (size > 0) checkShape(w, h, size);
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new Unusable("unreadable image (the decoder returned nothing)");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // decoders throw all sorts for damaged data (IIOException, EOF, index errors); all mean the same to the user
            throw new Unusable("unreadable or truncated image (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static void checkShape(int w, int h, int size) throws Unusable {
        int shorter = Math.min(w, h);
        if (shorter * 2 < size) {
            throw new Unusable("too small: " + w + "x" + h + " (the shorter side must be at least " + (size + 1) / 2
                    + " pixels for " + size + "x" + size + " training)");
        }
        if (Math.max(w, h) > MAX_ASPECT * shorter) {
            throw new Unusable("odd aspect ratio: " + w + "x" + h + " (the longer side is more than " + (int) MAX_ASPECT
                    + " times the shorter, a centre crop would lose most of it)");
        }
    }

    private static BufferedImage centreSquare(BufferedImage img) {
        int side = Math.min(img.getWidth(), img.getHeight());
        return img.getSubimage((img.getWidth() - side) / 2, (img.getHeight() - side) / 2, side, side);
    }

    /**
     * Bilinear halving until within 2x of the target, then one bilinear step: each halving averages 2x2 blocks,
     * so this approximates area averaging (no aliasing) at a fraction of getScaledInstance's cost.
     * Transparent pixels end up black.
     */
    private static BufferedImage resize(BufferedImage img, int size) {
        BufferedImage cur = img;
        int side = img.getWidth();
        while (side / 2 >= size) {
            side /= 2;
            cur = draw(cur, side);
        }
        return draw(cur, size);
    }

    private static BufferedImage draw(BufferedImage src, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static boolean hidden(Path f) {
        try {
            return f.getFileName().toString().startsWith(".") || Files.isHidden(f);
        } catch (IOException e) {
            return true; // cannot even check it: treat as not ours
        }
    }

    private static String noneUsable(Path dir, List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return "no image files in " + dir;
        }
        StringBuilder sb = new StringBuilder("no usable images in " + dir + ": all " + skipped.size() + " files were skipped");
        for (int i = 0; i < Math.min(SHOWN_IN_ERROR, skipped.size()); i++) {
            Skipped s = skipped.get(i);
            sb.append("\n  ").append(s.file().getFileName()).append(": ").append(s.reason());
        }
        if (skipped.size() > SHOWN_IN_ERROR) {
            sb.append("\n  ... and ").append(skipped.size() - SHOWN_IN_ERROR).append(" more");
        }
        return sb.toString();
    }
}
