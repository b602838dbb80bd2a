package dev.latentstudio.app;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

/** Snapshots of nodes as ARGB pixels, and the measurable properties UI tests assert on. */
public final class FxPixels {
    private FxPixels() {
    }

    /** The node's pixels now (snapshotted on the FX thread). */
    public static int[] of(Node node) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = node.snapshot(null, null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
            return px;
        }).get(30, TimeUnit.SECONDS);
    }

    /**
     * Share of a 28×28 grey picture's pixels that a canvas shows (at each enlarged pixel's centre, laid
     * out as {@link dev.latentstudio.app.common.PictureRenderer} draws it) within 2 levels.
     */
    public static double matches(javafx.scene.canvas.Canvas c, int[] expected) throws Exception {
        int[] px = of(c);
        int w = (int) c.getWidth();
        var l = dev.latentstudio.app.common.PictureRenderer.layout(c.getWidth(), c.getHeight(), 28, 28);
        int ok = 0;
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                int x = (int) (l.x() + (j + 0.5) * l.pixel()), y = (int) (l.y() + (i + 0.5) * l.pixel());
                if (Math.abs((px[y * w + x] & 0xff) - (expected[i * 28 + j] & 0xff)) <= 2) ok++;
            }
        }
        return ok / (28.0 * 28);
    }

    public static long distinct(int[] px) {
        return Arrays.stream(px).distinct().count();
    }

    /** Share of positions whose pixel differs (1 when the sizes differ). */
    public static double changed(int[] a, int[] b) {
        if (a.length != b.length) return 1;
        int n = 0;
        for (int i = 0; i < a.length; i++) if (a[i] != b[i]) n++;
        return (double) n / a.length;
    }
}
