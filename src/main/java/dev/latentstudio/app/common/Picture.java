package dev.latentstudio.app.common;

import java.awt.image.BufferedImage;

/** A picture as the screens hold it: opaque ARGB pixels, row by row (no JavaFX image in a view model). */
public record Picture(int[] argb, int width, int height) {
    public static Picture of(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        return new Picture(img.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /** The same pixels as an image, for writing files. */
    public BufferedImage image() {
        return dev.latentstudio.engine.image.Images.fromArgb(argb, width, height);
    }
}
