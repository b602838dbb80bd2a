package dev.latentstudio.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    private static final int SIZE = 32;

    @TempDir
    Path dir;

    @Test
    void loadsGoodImagesAndExplainsEachSkip() throws IOException {
        // a red left half, cropped away from the centre; the red-green split shows the crop and channel order
        BufferedImage wide = fill(96, 64, 0xFF0000);
        for (int y = 0; y < 64; y++) {
            for (int x = 16; x < 80; x++) {
                wide.setRGB(x, y, x < 48 ? 0x00FF00 : 0x0000FF);
            }
        }
        ImageIO.write(wide, "png", dir.resolve("a_good.png").toFile());
        ImageIO.write(fill(64, 64, 0x808080), "jpg", dir.resolve("b_good.jpg").toFile());
        Files.write(dir.resolve("c_empty.png"), new byte[0]);
        Files.writeString(dir.resolve("d_text.png"), "this is not a picture\n", StandardCharsets.UTF_8);
        byte[] png = noisePng(64);
        Files.write(dir.resolve("e_truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("f_huge.png"), HostileImages.pngHeaderOnly(50_000, 50_000));
        ImageIO.write(fill(5, 5, 0xFFFFFF), "png", dir.resolve("g_tiny.png").toFile());
        ImageIO.write(fill(400, 40, 0xFFFFFF), "png", dir.resolve("h_banner.png").toFile());
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("i_65mb.png").toFile(), "rw")) {
            big.setLength(65L * 1024 * 1024); // sparse: costs no disk, but its size is over the limit
        }
        ImageIO.write(fill(64, 64, 0xFFFFFF), "png", dir.resolve(".hidden.png").toFile());
        Files.createDirectory(dir.resolve("subfolder"));
        ImageIO.write(fill(64, 64, 0xFFFFFF), "png", dir.resolve("subfolder/nested.png").toFile());

        ImageFolder.Result r = ImageFolder.load(dir, SIZE, 3);

        assertEquals(2, r.images().size());
        assertEquals(SIZE, r.size());
        assertEquals(3, r.channels());
        Map<String, String> why = new HashMap<>();
        for (ImageFolder.Skipped s : r.skipped()) {
            why.put(s.file().getFileName().toString(), s.reason());
        }
        assertEquals(List.of(".hidden.png", "c_empty.png", "d_text.png", "e_truncated.png", "f_huge.png", "g_tiny.png", "h_banner.png",
                        "i_65mb.png", "subfolder"),
                r.skipped().stream().map(s -> s.file().getFileName().toString()).toList(), "sorted; hidden and nested listed, not loaded");
        assertEquals("hidden file", why.get(".hidden.png"));
        assertEquals("sub-folder, not looked into", why.get("subfolder"));
        assertTrue(why.get("c_empty.png").startsWith("empty file"), why.toString());
        assertTrue(why.get("d_text.png").startsWith("not an image"), why.toString());
        assertTrue(why.get("e_truncated.png").startsWith("unreadable or truncated"), why.toString());
        assertTrue(why.get("f_huge.png").startsWith("too large: 50000x50000"), why.toString());
        assertTrue(why.get("g_tiny.png").startsWith("too small: 5x5"), why.toString());
        assertTrue(why.get("i_65mb.png").startsWith("too large: 65 MB file"), why.toString());
        assertTrue(why.get("h_banner.png").startsWith("odd aspect ratio: 400x40"), why.toString());

        // centre crop kept x 16..79: left half green, right half blue, no red
        float[] good = r.images().get(0);
        int plane = SIZE * SIZE;
        assertEquals(3 * plane, good.length);
        int row = 10 * SIZE;
        assertEquals(-1, good[row + 4], 0.02, "red, left");
        assertEquals(1, good[plane + row + 4], 0.02, "green, left");
        assertEquals(1, good[2 * plane + row + 28], 0.02, "blue, right");
        assertEquals(-1, good[plane + row + 28], 0.02, "green, right");
        // the JPEG is mid grey: about 0 everywhere
        for (float v : r.images().get(1)) {
            assertEquals(0, v, 0.05);
        }

        String report = r.report();
        assertTrue(report.contains("skipped f_huge.png: too large"), report);
        assertTrue(report.endsWith("2 loaded, 9 skipped"), report);
    }

    @Test
    void oneChannelIsLuminanceAndBigImagesShrink() throws IOException {
        ImageIO.write(fill(1000, 800, 0x00FF00), "png", dir.resolve("green.png").toFile());
        ImageFolder.Result r = ImageFolder.load(dir, SIZE, 1);
        float[] grey = r.images().get(0);
        assertEquals(SIZE * SIZE, grey.length);
        double expected = 0.587 * 255 / 127.5 - 1;
        for (float v : grey) {
            assertEquals(expected, v, 0.01);
        }
        assertEquals("1 loaded, 0 skipped", r.report());
    }

    @Test
    void missingFolderOrFileInsteadOfFolder() throws IOException {
        IOException e = assertThrows(IOException.class, () -> ImageFolder.load(dir.resolve("nope"), SIZE, 3));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("nope"), e.getMessage());
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        e = assertThrows(IOException.class, () -> ImageFolder.load(file, SIZE, 3));
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void folderWithNothingUsableSummarisesWhy() throws IOException {
        IOException empty = assertThrows(IOException.class, () -> ImageFolder.load(dir, SIZE, 3));
        assertTrue(empty.getMessage().contains("no image files"), empty.getMessage());

        Files.write(dir.resolve("a.png"), new byte[0]);
        Files.writeString(dir.resolve("b.jpg"), "nope");
        IOException e = assertThrows(IOException.class, () -> ImageFolder.load(dir, SIZE, 3));
        assertTrue(e.getMessage().contains("no usable images") && e.getMessage().contains("2 files were skipped"), e.getMessage());
        assertTrue(e.getMessage().contains("a.png: empty file"), e.getMessage());
        assertTrue(e.getMessage().contains("b.jpg: not an image"), e.getMessage());
    }

    @Test
    void oneUserPictureLoadsOrSaysWhichFileAndWhy() throws IOException {
        ImageIO.write(fill(60, 40, 0xFFFFFF), "png", dir.resolve("white.png").toFile());
        float[] grey = ImageFolder.loadImage(dir.resolve("white.png"), 28, 1);
        assertEquals(28 * 28, grey.length);
        for (float v : grey) assertEquals(1, v, 1e-6);
        assertEquals(3 * 16 * 16, ImageFolder.loadImage(dir.resolve("white.png"), 16, 3).length);

        Files.write(dir.resolve("empty.png"), new byte[0]);
        Files.writeString(dir.resolve("notes.jpg"), "not a picture", StandardCharsets.UTF_8);
        byte[] png = noisePng(64);
        Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("huge.png"), HostileImages.pngHeaderOnly(50_000, 50_000));
        ImageIO.write(fill(10, 10, 0xFFFFFF), "png", dir.resolve("small.png").toFile());
        Map<String, String> expected = Map.of("empty.png", "empty file", "notes.jpg", "not an image",
                "cut.png", "unreadable or truncated", "huge.png", "too large: 50000x50000", "small.png", "too small: 10x10",
                "missing.png", "no such file", "", "is a folder, not an image file");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = dir.resolve(e.getKey());
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ImageFolder.loadImage(f, 28, 1));
            assertTrue(ex.getMessage().startsWith(f + ": " + e.getValue()), ex.getMessage());
        }
    }

    @Test
    void folderListsEveryEntryItPassesOverWithTheReason() throws Exception {
        ImageIO.write(fill(64, 64, 0x808080), "png", dir.resolve("good.png").toFile());
        Files.createDirectory(dir.resolve("people"));
        ImageIO.write(fill(64, 64, 0xFFFFFF), "png", dir.resolve("people/nested.png").toFile());
        ImageIO.write(fill(64, 64, 0xFFFFFF), "png", dir.resolve(".thumb.png").toFile());
        try {
            Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("gone.png"));
            Files.createSymbolicLink(dir.resolve("loop-a.png"), dir.resolve("loop-b.png"));
            Files.createSymbolicLink(dir.resolve("loop-b.png"), dir.resolve("loop-a.png"));
            Files.createSymbolicLink(dir.resolve("linked.png"), dir.resolve("good.png"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        boolean fifo = HostileImages.fifo(dir.resolve("pipe.png")) != null;

        ImageFolder.Listing listing = ImageFolder.list(dir);
        assertEquals(List.of("good.png", "linked.png"), listing.files().stream().map(f -> f.getFileName().toString()).toList(),
                "a link to a picture is a picture");
        Map<String, String> expected = new HashMap<>(Map.of("people", "sub-folder, not looked into", ".thumb.png", "hidden file",
                "dangling.png", "broken symbolic link", "loop-a.png", "symbolic link loop", "loop-b.png", "symbolic link loop"));
        if (fifo) expected.put("pipe.png", "not a regular file (pipe/device)");
        Map<String, String> why = new HashMap<>();
        for (ImageFolder.Skipped s : listing.skipped()) why.put(s.file().getFileName().toString(), s.reason());
        assertEquals(expected, why);

        // loading lists the same, once each, through the one report (a pipe is never opened, so nothing blocks)
        ImageFolder.Result r = ImageFolder.load(dir, SIZE, 3);
        assertEquals(2, r.images().size());
        String report = r.report();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(report.contains("skipped " + e.getKey() + ": " + e.getValue() + "\n"), report);
        }
        assertTrue(report.endsWith("2 loaded, " + expected.size() + " skipped"), report);
    }

    @Test
    void symbolicLinkLoopsAreNamedPerFileAndNeverFollowed() throws Exception {
        ImageIO.write(fill(64, 64, 0x808080), "png", dir.resolve("good.png").toFile());
        Path self = dir.resolve("self.png"), up = dir.resolve("up"), ring = dir.resolve("ring"), nowhere = dir.resolve("nowhere");
        try {
            Files.createSymbolicLink(self, self.getFileName()); // a link to itself
            Files.createSymbolicLink(up, dir); // a folder inside itself: followed, it would never end
            Files.createSymbolicLink(ring, ring.getFileName());
            Files.createSymbolicLink(nowhere, dir.resolve("gone"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
        ImageFolder.Listing listing = ImageFolder.list(dir);
        assertEquals(List.of("good.png"), listing.files().stream().map(f -> f.getFileName().toString()).toList());
        Map<String, String> why = new HashMap<>();
        for (ImageFolder.Skipped s : listing.skipped()) why.put(s.file().getFileName().toString(), s.reason());
        assertEquals(Map.of("self.png", "symbolic link loop", "up", "sub-folder, not looked into", "ring", "symbolic link loop",
                "nowhere", "broken symbolic link"), why);
        assertEquals("1 loaded, 4 skipped", ImageFolder.load(dir, SIZE, 3).report().lines().reduce((a, b) -> b).orElseThrow());

        // the link given as the one picture, or as the folder itself
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.loadImage(self, SIZE, 3));
        assertEquals(self + ": symbolic link loop", e.getMessage());
        assertEquals("image folder is a symbolic link loop: " + ring,
                assertThrows(IOException.class, () -> ImageFolder.list(ring)).getMessage());
        assertEquals("image folder is a broken symbolic link: " + nowhere,
                assertThrows(IOException.class, () -> ImageFolder.load(nowhere, SIZE, 3)).getMessage());
    }

    @Test
    void aFileDeletedAfterTheListingIsSaidToHaveGoneNotToBeUnreadable() throws IOException {
        ImageIO.write(fill(64, 64, 0x808080), "png", dir.resolve("a.png").toFile());
        Path b = dir.resolve("b.png");
        ImageIO.write(fill(64, 64, 0x808080), "png", b.toFile());
        Path link = dir.resolve("c.png");
        Path target = dir.resolve("target");
        Files.createDirectory(target);
        ImageIO.write(fill(64, 64, 0x808080), "png", target.resolve("pic.png").toFile());
        boolean links = true;
        try {
            Files.createSymbolicLink(link, target.resolve("pic.png"));
        } catch (UnsupportedOperationException | IOException e) {
            links = false;
        }
        ImageFolder.Listing listing = ImageFolder.list(dir);
        Files.delete(b);
        Files.delete(target.resolve("pic.png"));

        ImageFolder.Result r = ImageFolder.load(dir, listing, SIZE, 3);
        assertEquals(1, r.images().size());
        Map<String, String> why = new HashMap<>();
        for (ImageFolder.Skipped s : r.skipped()) why.put(s.file().getFileName().toString(), s.reason());
        assertEquals("no longer there (deleted while reading?)", why.get("b.png"), why.toString());
        if (links) assertEquals("broken symbolic link", why.get("c.png"), "the link is still there: its picture went");
        // the same file never listed is simply missing
        assertEquals(b + ": no such file", assertThrows(ImageReading.Unusable.class, () -> ImageReading.read(b)).getMessage());
        assertEquals(b + ": no longer there (deleted while reading?)",
                assertThrows(ImageReading.Unusable.class, () -> ImageReading.readListed(b)).getMessage());
    }

    static BufferedImage fill(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        Arrays.fill(px, rgb);
        img.setRGB(0, 0, w, h, px, 0, w);
        return img;
    }

    /** Noise does not compress, so cutting the file in half cuts the pixel data, not just the trailer. */
    static byte[] noisePng(int side) throws IOException {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(5);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, rnd.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
