package dev.latentstudio.engine.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small picture folders for the tests: colourful PNGs plus the junk real folders hold. */
public final class TestFolders {
    private TestFolders() {
    }

    /** {@code n} 80×80 colour PNGs (a gradient and a square, differently coloured each) and three junk files. */
    public static Path pictures(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom r = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
            int base = r.nextInt(0x1000000);
            for (int y = 0; y < 80; y++) {
                for (int x = 0; x < 80; x++) {
                    boolean square = x > 20 && x < 50 && y > 30 && y < 60;
                    img.setRGB(x, y, square ? ~base & 0xFFFFFF : (base + x * 3 + (y << 9)) & 0xFFFFFF);
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("pic-%02d.png", i)).toFile());
        }
        junk(dir);
        return dir;
    }

    /** An empty "image", a text file named like an image and a picture too small for 64×64. */
    public static Path junk(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("empty.png"), new byte[0]);
        Files.writeString(dir.resolve("notes.jpg"), "not a picture at all");
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("tiny.png").toFile());
        return dir;
    }
}
