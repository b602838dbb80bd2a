package dev.latentstudio.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReadingTest {

    @TempDir
    Path dir;

    /** The reason, after checking that the message names the file first. */
    private static String refusal(Path f) {
        ImageReading.Unusable e = assertThrows(ImageReading.Unusable.class, () -> ImageReading.read(f));
        assertEquals(f + ": " + e.reason(), e.getMessage());
        assertEquals(f, e.file());
        return e.reason();
    }

    @Test
    void aSmallFileDeclaringAHugePictureIsRefusedFromItsHeader() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), HostileImages.pngHeaderOnly(25_000, 25_000));
        assertTrue(Files.size(bomb) < 100);
        String why = refusal(bomb);
        assertEquals("too large: 25000x25000 pixels (limit 40 megapixels)", why);
    }

    @Test
    void missingFoldersAndPipesAreNamedForWhatTheyAre() throws Exception {
        assertEquals("no such file", refusal(dir.resolve("missing.jpg")));
        assertEquals("is a folder, not an image file", refusal(dir));
        Path pipe = HostileImages.fifo(dir.resolve("pipe.jpg"));
        Assumptions.assumeTrue(pipe != null, "no mkfifo here");
        // opening a pipe would wait for a writer for ever
        assertEquals("not a regular file (pipe/device)", assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(pipe)));
    }

    @Test
    void aTruncatedJpegIsRefusedNotGreyedIn() throws Exception {
        Path whole = Files.write(dir.resolve("whole.jpg"), HostileImages.noiseJpeg(96, 1));
        assertEquals(96, ImageReading.read(whole).getHeight());
        Path cut = Files.write(dir.resolve("cut.jpg"), HostileImages.noiseJpeg(96, 0.6));
        String why = refusal(cut);
        assertTrue(why.startsWith("truncated image"), why);
        // only the end-of-image marker missing: every pixel is there, so it is read (the decoder still warns)
        byte[] full = HostileImages.noiseJpeg(96, 1);
        Path noEoi = Files.write(dir.resolve("no-eoi.jpg"), java.util.Arrays.copyOf(full, full.length - 2));
        assertEquals(96, ImageReading.read(noEoi).getWidth());
    }

    @Test
    void cmykJpegsReadAsRgbOrSayToConvert() throws Exception {
        Path cmyk = Files.write(dir.resolve("print.jpg"), HostileImages.cmykJpeg(64, 32, false));
        BufferedImage img = ImageReading.read(cmyk);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType(), "made RGB, so PNG writers and drawing code take it");
        assertClose(0x00FFFF, img.getRGB(8, 16), "cyan ink");
        assertClose(0xFFFFFF, img.getRGB(56, 16), "no ink: white paper");

        Path profiled = Files.write(dir.resolve("profiled.jpg"), HostileImages.cmykJpeg(64, 32, true));
        String why = refusal(profiled);
        assertTrue(why.contains("CMYK") && why.endsWith("convert it to RGB"), why);
    }

    @Test
    void aGifIsCheckedOnItsScreenAndOnlyItsFirstFrameIsDecoded() throws Exception {
        Path screen = Files.write(dir.resolve("screen.gif"), HostileImages.gifBomb(65_535, false));
        assertTrue(Files.size(screen) < 1000);
        assertEquals("too large: GIF screen 65535x65535 pixels (limit 40 megapixels)", refusal(screen));
        // a later frame claiming 65535x65535 is never decoded: the first frame is the picture
        Path frames = Files.write(dir.resolve("frames.gif"), HostileImages.gifBomb(64, true));
        BufferedImage first = ImageReading.read(frames);
        assertEquals(64, first.getWidth());
        assertEquals(64, first.getHeight());
        // the same file with a modest screen stays readable
        byte[] gif = HostileImages.gifBomb(64, false);
        assertEquals(64, ImageReading.read(Files.write(dir.resolve("ok.gif"), gif)).getWidth());
        // its first frame made 0 pixels wide (the image descriptor follows the 13-byte header and a 2-colour table)
        int frame = 19;
        while (gif[frame] != 0x2C) frame++;
        gif[frame + 5] = 0;
        gif[frame + 6] = 0;
        assertEquals("bad header: it declares 0x64 pixels", refusal(Files.write(dir.resolve("empty.gif"), gif)));
    }

    @Test
    void aBmpWithAnAbsurdHeaderIsRefusedWithItsNumbers() throws Exception {
        Path fine = Files.write(dir.resolve("fine.bmp"), HostileImages.bmp(10, -10, 54, 40 * 10)); // top-down rows
        assertEquals(10, ImageReading.read(fine).getHeight());
        Map<String, byte[]> files = Map.of(
                "huge.bmp", HostileImages.bmp(100_000, 100_000, 54, 0),
                "zero.bmp", HostileImages.bmp(0, 0, 54, 0),
                "negative.bmp", HostileImages.bmp(-5, 10, 54, 0),
                "offset.bmp", HostileImages.bmp(4, 4, 2_000_000_000L, 48),
                "short.bmp", HostileImages.bmp(6000, 6000, 54, 0),
                "head.bmp", Arrays.copyOf(HostileImages.bmp(4, 4, 54, 48), 20));
        Map<String, String> expected = Map.of(
                "huge.bmp", "too large: 100000x100000 pixels (limit 40 megapixels)",
                "zero.bmp", "bad BMP header: it declares 0x0 pixels",
                "negative.bmp", "bad BMP header: it declares -5x10 pixels",
                "offset.bmp", "bad BMP header: its pixels are said to start at byte 2000000000, past the end of the 102-byte file",
                "short.bmp", "truncated BMP: its header declares 6000x6000 at 24 bits (108000000 bytes of pixels) but the file has 54 bytes",
                "head.bmp", "truncated BMP: the file (20 bytes) ends inside its header");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertEquals(expected.get(e.getKey()), refusal(Files.write(dir.resolve(e.getKey()), e.getValue())));
        }
    }

    @Test
    void sixteenBitAndGreyPngsReadAsTheyLookScaledToEightBits() throws Exception {
        int[] ramp = {0, 16384, 32768, 65535};
        int[] eight = {0, 64, 128, 255};
        Path grey = Files.write(dir.resolve("grey16.png"), HostileImages.png16(ramp, false));
        assertEquals(16, grey16Depth(grey), "the file really is 16-bit grey");
        BufferedImage g = ImageReading.read(grey);
        for (int x = 0; x < ramp.length; x++) {
            int v = eight[x];
            assertEquals(v << 16 | v << 8 | v, g.getRGB(x, 0) & 0xFFFFFF, "grey " + ramp[x] + " at x=" + x);
        }
        Path rgb = Files.write(dir.resolve("rgb16.png"), HostileImages.png16(ramp, true));
        BufferedImage c = ImageReading.read(rgb);
        for (int x = 0; x < ramp.length; x++) {
            assertEquals(eight[x] << 16 | (255 - eight[x]) << 8 | 128, c.getRGB(x, 0) & 0xFFFFFF, "rgb at x=" + x);
        }
        // 8-bit grey the same: a mid-grey stays mid-grey (Java's grey colour space alone reads 128 as 188)
        BufferedImage g8 = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g8.getRaster().setSample(0, 0, 0, 128);
        g8.getRaster().setSample(1, 0, 0, 255);
        Path grey8 = dir.resolve("grey8.png");
        javax.imageio.ImageIO.write(g8, "png", grey8.toFile());
        BufferedImage back = ImageReading.read(grey8);
        assertEquals(0x808080, back.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, back.getRGB(1, 0) & 0xFFFFFF);
    }

    /** The bit depth byte of a PNG's IHDR (at byte 24), after checking its colour type is grey (0). */
    private static int grey16Depth(Path png) throws Exception {
        byte[] b = Files.readAllBytes(png);
        assertEquals(0, b[25], "colour type grey");
        return b[24];
    }

    private static void assertClose(int rgb, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int want = rgb >> shift & 0xFF, got = actual >> shift & 0xFF;
            assertTrue(Math.abs(want - got) <= 12, what + ": expected " + Integer.toHexString(rgb) + ", got "
                    + Integer.toHexString(actual & 0xFFFFFF));
        }
    }
}
