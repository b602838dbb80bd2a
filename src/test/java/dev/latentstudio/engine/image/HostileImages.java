package dev.latentstudio.engine.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Files that break naive image loading, made byte by byte in the tests (shared by the engine and CLI tests). */
public final class HostileImages {

    private HostileImages() {
    }

    /** A valid PNG signature and IHDR (correct CRC) claiming w x h, an empty IDAT and IEND: only the size is odd. */
    public static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, adaptive filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[0]);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    /** A JPEG of noise (it does not compress, so every cut loses pixel rows), cut to {@code keep} of its bytes. */
    public static byte[] noiseJpeg(int side, double keep) throws IOException {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(7);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) img.setRGB(x, y, rnd.nextInt(0x1000000));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        byte[] full = out.toByteArray();
        return Arrays.copyOf(full, (int) (full.length * keep));
    }

    /**
     * A 4-channel (CMYK) JPEG as print software writes it: inverted ink values (Adobe's convention), the left half
     * full cyan ink, the right half no ink. With {@code srgbProfile} it also carries an sRGB colour profile, which
     * does not fit four channels: Java's decoder gives up on such files ("Unsupported Image Type").
     */
    public static byte[] cmykJpeg(int w, int h, boolean srgbProfile) throws IOException {
        WritableRaster ink = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) ink.setPixel(x, y, new int[] {x < w / 2 ? 0 : 255, 255, 255, 255});
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(ink, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        if (!srgbProfile) return jpeg;
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        ByteArrayOutputStream app2 = new ByteArrayOutputStream();
        int length = 2 + 12 + 2 + icc.length;
        app2.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        app2.write("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
        app2.write(new byte[] {1, 1}); // chunk 1 of 1
        app2.write(icc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // after SOI
        out.write(app2.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A 16-bit PNG, one pixel per value in {@code samples} along a row: grey, or RGB with red = the value,
     * green = its complement and blue = half scale. Such files read as black or garbage where code assumes 8 bits.
     */
    public static byte[] png16(int[] samples, boolean rgb) throws IOException {
        int w = samples.length;
        BufferedImage img;
        if (rgb) {
            ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            img = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, 1), false, null);
        } else {
            img = new BufferedImage(w, 1, BufferedImage.TYPE_USHORT_GRAY);
        }
        WritableRaster r = img.getRaster();
        for (int x = 0; x < w; x++) {
            r.setSample(x, 0, 0, samples[x]);
            if (rgb) {
                r.setSample(x, 0, 1, 65535 - samples[x]);
                r.setSample(x, 0, 2, 32768);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer for 16-bit pictures");
        return out.toByteArray();
    }

    /**
     * A black 64x64 GIF (as Java writes it) whose logical screen claims {@code screen}x{@code screen} pixels and,
     * with {@code hugeSecondFrame}, a second frame of 65535x65535 holding no pixels: a few hundred bytes either way.
     */
    public static byte[] gifBomb(int screen, boolean hugeSecondFrame) throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "gif", written);
        byte[] gif = written.toByteArray();
        gif[6] = (byte) screen; // logical screen width and height, 16-bit little-endian
        gif[7] = (byte) (screen >> 8);
        gif[8] = (byte) screen;
        gif[9] = (byte) (screen >> 8);
        if (!hugeSecondFrame) return gif;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, gif.length - 1); // all but the trailer
        out.write(new byte[] {0x2C, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0}); // frame at 0,0: 65535x65535
        out.write(new byte[] {2, 1, 0x2C, 0}); // LZW: minimum code size 2, one block holding "clear, end", no more blocks
        out.write(0x3B);
        return out.toByteArray();
    }

    /**
     * A BMP as written byte by byte: the 14-byte file header with its pixel-data {@code offset}, a 40-byte info header
     * declaring {@code w}x{@code h} at 24 bits, uncompressed, then {@code pixelBytes} zero bytes (black pixels).
     */
    public static byte[] bmp(int w, int h, long offset, int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(54 + pixelBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + pixelBytes).putInt(0).putInt((int) offset);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24).putInt(0).putInt(pixelBytes);
        b.putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    /** A named pipe made with mkfifo, or null where there is no mkfifo (the caller skips its check). */
    public static Path fifo(Path file) {
        try {
            Process p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? file : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
