package dev.latentstudio.app.shell;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

/** Writes what a node shows to a PNG, so a failing layout test leaves a picture of the layout it saw. */
final class FxSnapshots {
    private FxSnapshots() {
    }

    static void save(Node n, Path file) throws Exception {
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> n.snapshot(null, null)).get(30, TimeUnit.SECONDS);
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
        Files.createDirectories(file.toAbsolutePath().getParent());
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }
}
