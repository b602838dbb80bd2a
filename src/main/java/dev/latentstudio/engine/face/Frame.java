package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;

/**
 * One picture from a {@link FrameSource}: {@code index} counts the frames this source has delivered (from 0),
 * {@code origin} says where it came from in words ("frame 12", "sample3.jpg").
 */
public record Frame(BufferedImage image, long index, String origin) {
    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
