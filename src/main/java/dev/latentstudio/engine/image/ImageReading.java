package dev.latentstudio.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one way a user's picture is opened. The size the header declares is checked before any pixel is decoded,
 * so a small file claiming 25000×25000 pixels is refused instead of filling the heap; a truncated JPEG is refused
 * instead of being read with a grey lower part.
 */
public final class ImageReading {

    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    /** The reason for a listed file gone before it was read. */
    public static final String VANISHED = "no longer there (deleted while reading?)";
    private static final String GIF_STREAM = "javax_imageio_gif_stream_1.0";

    /** Why one file cannot be used: the message is "FILE: reason", {@link #reason()} the reason alone. */
    public static final class Unusable extends IOException {
        private final transient Path file;
        private final String reason;

        public Unusable(Path file, String reason) {
            super(file + ": " + reason);
            this.file = file;
            this.reason = reason;
        }

        public Path file() {
            return file;
        }

        public String reason() {
            return reason;
        }
    }

    /** A caller's own limit on the declared size: the reason to refuse, or null when the size is fine. */
    @FunctionalInterface
    public interface SizeCheck {
        String refuse(int width, int height);
    }

    private ImageReading() {
    }

    /** The picture in {@code file} at its own size (any size up to {@link #MAX_PIXELS}). */
    public static BufferedImage read(Path file) throws Unusable {
        return read(file, (w, h) -> null);
    }

    /** The same, with {@code check} also applied to the declared size before decoding. */
    public static BufferedImage read(Path file, SizeCheck check) throws Unusable {
        return read(file, check, false);
    }

    /** {@link #read(Path)} for a file a folder listing found: missing now, it was deleted after the listing. */
    public static BufferedImage readListed(Path file) throws Unusable {
        return read(file, (w, h) -> null, true);
    }

    /** {@link #read(Path, SizeCheck)} for a file a folder listing found. */
    public static BufferedImage readListed(Path file, SizeCheck check) throws Unusable {
        return read(file, check, true);
    }

    private static BufferedImage read(Path file, SizeCheck check, boolean listed) throws Unusable {
        String notFile = notARegularFile(file);
        if (notFile != null) throw new Unusable(file, listed && gone(file) ? VANISHED : notFile);
        try {
            return readFile(file, check);
        } catch (Unusable e) {
            // it was there a moment ago: whatever failed (permission check, size, decoder), the reason is that it went
            throw gone(file) ? new Unusable(file, VANISHED) : e;
        }
    }

    private static boolean gone(Path file) {
        return Files.notExists(file, LinkOption.NOFOLLOW_LINKS); // a link left dangling is reported as that, not as gone
    }

    private static BufferedImage readFile(Path file, SizeCheck check) throws Unusable {
        if (!Files.isReadable(file)) throw new Unusable(file, "permission denied (the file cannot be read)");
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new Unusable(file, "unreadable file: " + e.getMessage());
        }
        if (bytes == 0) throw new Unusable(file, "empty file (0 bytes)");
        if (bytes > MAX_FILE_BYTES) {
            throw new Unusable(file, "too large: " + bytes / (1024 * 1024) + " MB file (limit " + MAX_FILE_BYTES / (1024 * 1024) + " MB)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new Unusable(file, "not an image (no reader recognises its contents)");
            ImageReader reader = readers.next();
            String badBmp = "bmp".equalsIgnoreCase(reader.getFormatName()) ? badBmpHeader(in, bytes) : null;
            if (badBmp != null) throw new Unusable(file, badBmp);
            try {
                reader.setInput(in, true, true);
                return rgb(decode(file, reader, check));
            } finally {
                reader.dispose();
            }
        } catch (Unusable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    private static BufferedImage decode(Path file, ImageReader reader, SizeCheck check) throws Unusable {
        try {
            int w = reader.getWidth(0), h = reader.getHeight(0);
            String refused = w < 1 || h < 1 ? "bad header: it declares " + w + "x" + h + " pixels"
                    : (long) w * h > MAX_PIXELS ? tooLarge("", w, h)
                    : check.refuse(w, h);
            if (refused == null) refused = gifScreenTooLarge(reader);
            if (refused != null) throw new Unusable(file, refused);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            BufferedImage img = reader.read(0);
            if (img == null) throw new Unusable(file, "unreadable image (the decoder returned nothing)");
            // the JPEG decoder fills missing rows with grey and only warns; a lone "missing EOI marker" leaves every pixel read
            for (String warning : warnings) {
                if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                    throw new Unusable(file, "truncated image: the file ends before all its pixels (" + warning + ")");
                }
            }
            return img;
        } catch (Unusable e) {
            throw e;
        } catch (IIOException e) {
            if ("Unsupported Image Type".equals(e.getMessage())) {
                // what Java's JPEG reader says of CMYK/YCCK with a colour profile it cannot apply (plain CMYK it reads)
                throw new Unusable(file, "unsupported JPEG colours (usually CMYK with a colour profile): convert it to RGB");
            }
            throw damaged(file, e);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    private static String tooLarge(String what, long w, long h) {
        return "too large: " + what + w + "x" + h + " pixels (limit " + MAX_PIXELS / 1_000_000 + " megapixels)";
    }

    /**
     * The refusal for a GIF whose logical screen (the canvas players allocate for all its frames) is over the limit,
     * else null. Only frame 0 is ever decoded here, so a later frame's declared size costs nothing.
     */
    private static String gifScreenTooLarge(ImageReader reader) throws IOException {
        if (!"gif".equalsIgnoreCase(reader.getFormatName())) return null;
        IIOMetadata meta = reader.getStreamMetadata();
        if (meta == null || !GIF_STREAM.equals(meta.getNativeMetadataFormatName())) return null;
        for (Node n = meta.getAsTree(GIF_STREAM).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "LogicalScreenDescriptor".equals(e.getNodeName())) {
                long w = Long.parseLong(e.getAttribute("logicalScreenWidth")), h = Long.parseLong(e.getAttribute("logicalScreenHeight"));
                return w * h > MAX_PIXELS ? tooLarge("GIF screen ", w, h) : null;
            }
        }
        return null;
    }

    /**
     * Why a BMP's header is absurd, or null: checked here so the reason carries its numbers, where Java's decoder
     * says only "Unable to read the image header". Uncompressed pixels must fit in the file: a BMP cannot be a
     * decompression bomb, only a truncated or lying file.
     */
    private static String badBmpHeader(ImageInputStream in, long bytes) throws IOException {
        byte[] head = new byte[34];
        in.mark();
        try {
            in.readFully(head);
        } catch (EOFException e) {
            return "truncated BMP: the file (" + bytes + " bytes) ends inside its header";
        } finally {
            in.reset();
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long offset = b.getInt(10) & 0xFFFFFFFFL;
        boolean os2 = b.getInt(14) == 12; // the old OS/2 header has 16-bit sizes
        long w = os2 ? b.getShort(18) & 0xFFFF : b.getInt(18);
        long h = os2 ? b.getShort(20) & 0xFFFF : Math.abs((long) b.getInt(22)); // negative height: rows stored top-down
        int bits = b.getShort(os2 ? 24 : 28) & 0xFFFF;
        int compression = os2 ? 0 : b.getInt(30);
        if (w < 1 || h < 1) return "bad BMP header: it declares " + w + "x" + (os2 ? h : b.getInt(22)) + " pixels";
        if (w * h > MAX_PIXELS) return tooLarge("", w, h);
        if (offset > bytes) {
            return "bad BMP header: its pixels are said to start at byte " + offset + ", past the end of the " + bytes + "-byte file";
        }
        boolean uncompressed = compression == 0 || compression == 3 || compression == 6; // RGB, bit fields, alpha bit fields
        long pixelBytes = (w * bits + 31) / 32 * 4 * h;
        if (uncompressed && offset + pixelBytes > bytes) {
            return "truncated BMP: its header declares " + w + "x" + h + " at " + bits + " bits (" + pixelBytes
                    + " bytes of pixels) but the file has " + bytes + " bytes";
        }
        return null;
    }

    /** Decoders throw all sorts for damaged data (IIOException, EOF, index errors); all mean the same to the user. */
    private static Unusable damaged(Path file, Exception e) {
        return new Unusable(file, "unreadable or truncated image (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }

    /**
     * CMYK pictures come back in a CMYK colour model that PNG writers and some drawing code refuse, grey ones in a
     * colour space Java takes as linear light: both are made RGB once here.
     */
    private static BufferedImage rgb(BufferedImage img) {
        int space = img.getColorModel().getColorSpace().getType();
        if (space == ColorSpace.TYPE_GRAY && img.getColorModel() instanceof ComponentColorModel) return grey(img);
        return space == ColorSpace.TYPE_CMYK ? Images.rgbCopy(img) : img;
    }

    /**
     * Grey samples in a file are display values, as RGB ones are; Java's grey colour space would take them as linear
     * light and brighten every mid-grey (128 read as 188, 16-bit alike), so each sample is scaled to 8 bits as it is.
     */
    private static BufferedImage grey(BufferedImage img) {
        Raster r = img.getRaster();
        int w = img.getWidth(), h = img.getHeight(), bands = r.getNumBands();
        boolean alpha = bands > 1 && img.getColorModel().hasAlpha();
        int max = (1 << img.getColorModel().getComponentSize(0)) - 1;
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] samples = new int[w * bands];
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, samples);
            for (int x = 0; x < w; x++) {
                int v = eight(samples[x * bands], max);
                int a = alpha ? eight(samples[x * bands + 1], max) : 255;
                argb[x] = a << 24 | v << 16 | v << 8 | v;
            }
            out.setRGB(0, y, w, 1, argb, 0, w);
        }
        return out;
    }

    private static int eight(int sample, int max) {
        return (int) ((sample * 255L + max / 2) / max);
    }

    /**
     * Why {@code f} (links followed) is not a regular file to open, or null when it is one. Shared by single files
     * and {@link ImageFolder#list}, which words sub-folders itself.
     */
    static String notARegularFile(Path f) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(f) ? "broken symbolic link" : "no such file";
        } catch (FileSystemException e) {
            // ELOOP: Java words it "Too many levels of symbolic links ..."
            boolean loop = Files.isSymbolicLink(f) && String.valueOf(e.getReason()).startsWith("Too many levels");
            return loop ? "symbolic link loop" : "unreadable: " + (e.getReason() != null ? e.getReason() : e.getMessage());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (a.isDirectory()) return "is a folder, not an image file";
        if (!a.isRegularFile()) return "not a regular file (pipe/device)";
        return null;
    }
}
