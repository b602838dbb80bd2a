package dev.latentstudio.engine.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of pictures as GAN training data: square, size×size, CHW floats in [-1,1].
 * Real folders hold junk (empty downloads, renamed text, panoramas, huge scans), so one bad file
 * is skipped with a reason the user can act on instead of failing the whole load.
 */
public final class ImageFolder {

    static final double MAX_ASPECT = 4.0;
    private static final int SHOWN_IN_ERROR = 5;

    public record Skipped(Path file, String reason) {
    }

    /**
     * What is directly in a folder, in file-name order: the regular files to try, and every other entry with why it
     * is passed over (sub-folders are not looked into, so a later trainer can take them as classes here, in one place).
     */
    public record Listing(List<Path> files, List<Skipped> skipped) {
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

    /** Loads the regular, non-hidden files directly in {@code dir}; everything else in it is listed as skipped. */
    public static Result load(Path dir, int size, int channels) throws IOException {
        return load(dir, list(dir), size, channels);
    }

    /** {@link #load(Path, int, int)} of a listing made earlier (its files may have gone since). */
    static Result load(Path dir, Listing listing, int size, int channels) throws IOException {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("need size >= 1 and 1 or 3 channels, got size " + size + ", channels " + channels);
        }
        List<float[]> images = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(listing.skipped());
        for (Path f : listing.files()) {
            try {
                images.add(square(ImageReading.readListed(f, shape(size)), size, channels));
            } catch (ImageReading.Unusable e) {
                skipped.add(new Skipped(f, e.reason()));
            }
        }
        skipped.sort(Comparator.comparing(s -> s.file().getFileName().toString()));
        if (images.isEmpty()) {
            throw new IOException(noneUsable(dir, skipped));
        }
        return new Result(List.copyOf(images), List.copyOf(skipped), size, channels);
    }

    /** The entries directly in {@code dir} (see {@link Listing}); a missing folder is an error. */
    public static Listing list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            // a link that leads nowhere (or round in a loop) is not "missing": say which
            String link = Files.isSymbolicLink(dir) ? ImageReading.notARegularFile(dir) : null;
            throw new IOException("image folder " + (link != null && link.contains("symbolic link") ? "is a " + link : "does not exist") + ": " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir + " (give the folder that holds the images)");
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        }
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path f : entries) {
            String why = Files.isDirectory(f) ? "sub-folder, not looked into"
                    : hidden(f) ? "hidden file"
                    : ImageReading.notARegularFile(f);
            if (why == null) files.add(f);
            else skipped.add(new Skipped(f, why));
        }
        return new Listing(List.copyOf(files), List.copyOf(skipped));
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
        try {
            return square(ImageReading.read(file, shape(size)), size, channels);
        } catch (ImageReading.Unusable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** One picture read with the {@link #shape} checks as a folder's images are: centre square, size×size, CHW. */
    private static float[] square(BufferedImage img, int size, int channels) {
        return Images.toChw(resize(centreSquare(img), size), channels);
    }

    /** The training-shape checks for size×size, made on the header's size before decoding. */
    private static ImageReading.SizeCheck shape(int size) {
        return (w, h) -> {
            int shorter = Math.min(w, h);
            if (shorter * 2 < size) {
                return "too small: " + w + "x" + h + " (the shorter side must be at least " + (size + 1) / 2
                        + " pixels for " + size + "x" + size + " training)";
            }
            if (Math.max(w, h) > MAX_ASPECT * shorter) {
                return "odd aspect ratio: " + w + "x" + h + " (the longer side is more than " + (int) MAX_ASPECT
                        + " times the shorter, a centre crop would lose most of it)";
            }
            return null;
        };
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
