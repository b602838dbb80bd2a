package dev.latentstudio.engine.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A picture as face-api's networks take it: 8-bit R, G, B interleaved, row by row (an HWC tensor). */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("an image needs pixels, got " + width + "x" + height);
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException(rgb.length + " bytes for a " + width + "x" + height + " RGB image");
        }
    }

    public static RgbImage of(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    public static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("No such image: " + file);
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) throw new IOException(file + " is not an image Java can read (PNG, JPEG, GIF, BMP)");
        return of(img);
    }

    /** Channel c (0 R, 1 G, 2 B) of pixel (x, y), 0..255. */
    public int at(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xff;
    }

    /**
     * The region of face-api's extractFaceTensors: the box clipped at the borders and floored
     * (Box.clipAtImageBorders), then cut out; null when nothing of it lies inside the image.
     */
    public RgbImage crop(double x, double y, double w, double h) {
        double cx = Math.max(x, 0), cy = Math.max(y, 0);
        int left = (int) Math.floor(cx), top = (int) Math.floor(cy);
        int cw = (int) Math.floor(Math.min(x + w - cx, width - cx));
        int ch = (int) Math.floor(Math.min(y + h - cy, height - cy));
        if (cw <= 0 || ch <= 0 || left >= width || top >= height) return null;
        byte[] out = new byte[3 * cw * ch];
        for (int r = 0; r < ch; r++) System.arraycopy(rgb, 3 * ((top + r) * width + left), out, 3 * r * cw, 3 * cw);
        return new RgbImage(cw, ch, out);
    }
}
