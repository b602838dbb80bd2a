package dev.latentstudio.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    @Test
    void valuesMapFromMinusOneOneToBytesClamped() {
        float[] grey = {-1, 0, 1, 2, -3, Float.NaN};
        assertArrayEquals(new int[] {0xFF000000, 0xFF808080, 0xFFFFFFFF, 0xFFFFFFFF, 0xFF000000, 0xFF000000},
                Images.toArgb(grey, 1, 2, 3));
        // 3 channels are planes: R then G then B
        float[] rgb = {1, -1, /* G */ -1, 1, /* B */ -1, -1};
        assertArrayEquals(new int[] {0xFFFF0000, 0xFF00FF00}, Images.toArgb(rgb, 3, 1, 2));
        BufferedImage img = Images.toImage(rgb, 3, 1, 2);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(0xFF00FF00, img.getRGB(1, 0));
        assertEquals(0xFF808080, Images.toImage(grey, 1, 2, 3).getRGB(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Images.toArgb(rgb, 3, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Images.toArgb(rgb, 2, 1, 3));
    }

    @Test
    void gridLaysOutScaledTilesWithPadding() {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tiles.add(solid(8, 6, 0x102030 * (i + 1)));
        }
        BufferedImage g = Images.grid(tiles, 3, 2, 2);
        assertEquals(3 * 16 + 2 * 2, g.getWidth());
        assertEquals(2 * 12 + 2, g.getHeight());
        int bg = Images.BACKGROUND.getRGB();
        assertEquals(bg, g.getRGB(16, 0), "padding between columns");
        assertEquals(bg, g.getRGB(0, 12), "padding between rows");
        assertEquals(bg, g.getRGB(g.getWidth() - 1, g.getHeight() - 1), "empty last cell");
        assertEquals(0xFF000000 | 0x102030 * 2, g.getRGB(18, 0), "second tile starts after the pad");
        assertEquals(0xFF000000 | 0x102030 * 5, g.getRGB(18 + 15, 14 + 11), "fifth tile, last pixel");
        // fewer tiles than columns: no empty columns
        assertEquals(8, Images.grid(tiles.subList(0, 1), 8, 4, 1).getWidth());
    }

    @Test
    void scaleIsNearestNeighbour() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x0000FF);
        BufferedImage s = Images.scale(img, 3);
        assertEquals(6, s.getWidth());
        assertEquals(3, s.getHeight());
        assertEquals(0xFFFF0000, s.getRGB(2, 2));
        assertEquals(0xFF0000FF, s.getRGB(3, 0));
    }

    @Test
    void pngRoundTripIntoNewFolder() throws IOException {
        BufferedImage img = solid(5, 4, 0x336699);
        img.setRGB(4, 3, 0xFFFFFF);
        Path p = dir.resolve("out/deeper/sample.png");
        Images.writePng(img, p);
        BufferedImage back = ImageIO.read(p.toFile());
        assertEquals(5, back.getWidth());
        assertEquals(0xFF336699, back.getRGB(0, 0));
        assertEquals(0xFFFFFFFF, back.getRGB(4, 3));
        assertOnlyFile(p);
    }

    @Test
    void gifHasAllFramesDelayAndLoopsForever() throws IOException {
        List<BufferedImage> frames = List.of(solid(10, 10, 0xFF0000), solid(10, 10, 0x00FF00), solid(10, 10, 0x0000FF));
        Path p = dir.resolve("anim/walk.gif");
        Images.writeGif(frames, 120, p);
        assertOnlyFile(p);
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertEquals(3, r.getNumImages(true));
            assertEquals(0xFF0000FF, r.read(2).getRGB(5, 5));
            IIOMetadataNode tree = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode gce = (IIOMetadataNode) tree.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("12", gce.getAttribute("delayTime"));
            IIOMetadataNode app = (IIOMetadataNode) tree.getElementsByTagName("ApplicationExtension").item(0);
            assertNotNull(app, "NETSCAPE2.0 loop block");
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
            assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) app.getUserObject());
            r.dispose();
        }
    }

    private void assertOnlyFile(Path p) throws IOException {
        try (Stream<Path> files = Files.list(p.getParent())) {
            assertEquals(List.of(p), files.toList(), "no temp file left behind");
        }
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
