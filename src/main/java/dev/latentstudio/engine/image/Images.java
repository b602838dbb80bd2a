package dev.latentstudio.engine.image;

import dev.latentstudio.engine.AtomicFile;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Network output (CHW floats in [-1,1]) to pictures, contact sheets, PNG and animated GIF files. */
public final class Images {

    static final Color BACKGROUND = new Color(24, 24, 24);

    private static final String GIF_FORMAT = "javax_imageio_gif_image_1.0";

    private Images() {
    }

    public static BufferedImage toImage(float[] chw, int channels, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, toArgb(chw, channels, h, w), 0, w);
        return img;
    }

    /** Opaque ARGB pixels, row by row; 1 channel gives grey, 3 channels are R, G, B planes. */
    public static int[] toArgb(float[] chw, int channels, int h, int w) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, got " + channels);
        }
        if (h <= 0 || w <= 0 || chw.length != channels * h * w) {
            throw new IllegalArgumentException("expected " + channels + "x" + h + "x" + w + " = " + channels * h * w
                    + " values, got " + chw.length);
        }
        int plane = h * w;
        int[] argb = new int[plane];
        for (int i = 0; i < plane; i++) {
            int r = toByte(chw[i]);
            int g = channels == 1 ? r : toByte(chw[plane + i]);
            int b = channels == 1 ? r : toByte(chw[2 * plane + i]);
            argb[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return argb;
    }

    /** [-1,1] to 0..255, clamped; NaN becomes 0 rather than poisoning the picture. */
    private static int toByte(float v) {
        long x = Math.round((v + 1) * 127.5);
        return (int) Math.max(0, Math.min(255, x));
    }

    /** An opaque ARGB pixel array (row by row, as the studio's canvases hold pictures) as an image. */
    public static BufferedImage fromArgb(int[] argb, int w, int h) {
        if (argb.length != w * h) throw new IllegalArgumentException(argb.length + " pixels for a " + w + "x" + h + " image");
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        return img;
    }

    /**
     * Tiles in rows of {@code cols} (fewer if there are fewer tiles), each scaled up {@code scale} times,
     * {@code pad} pixels of dark background between them. Cells fit the largest tile; smaller ones are centred.
     */
    public static BufferedImage grid(List<BufferedImage> tiles, int cols, int pad, int scale) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tiles to lay out");
        }
        if (cols < 1 || pad < 0 || scale < 1) {
            throw new IllegalArgumentException("need cols >= 1, pad >= 0, scale >= 1; got " + cols + ", " + pad + ", " + scale);
        }
        int cellW = 0;
        int cellH = 0;
        for (BufferedImage t : tiles) {
            cellW = Math.max(cellW, t.getWidth() * scale);
            cellH = Math.max(cellH, t.getHeight() * scale);
        }
        int c = Math.min(cols, tiles.size());
        int rows = (tiles.size() + c - 1) / c;
        BufferedImage out = new BufferedImage(c * cellW + (c - 1) * pad, rows * cellH + (rows - 1) * pad,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < tiles.size(); i++) {
                BufferedImage t = scale(tiles.get(i), scale);
                int x = (i % c) * (cellW + pad) + (cellW - t.getWidth()) / 2;
                int y = (i / c) * (cellH + pad) + (cellH - t.getHeight()) / 2;
                g.drawImage(t, x, y, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Nearest-neighbour enlargement by whole pixels, so small GAN samples stay crisp. Always a new image. */
    public static BufferedImage scale(BufferedImage img, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] src = img.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[w * scale * h * scale];
        int dw = w * scale;
        for (int y = 0; y < h * scale; y++) {
            int row = (y / scale) * w;
            for (int x = 0; x < dw; x++) {
                dst[y * dw + x] = src[row + x / scale];
            }
        }
        int type = img.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(dw, h * scale, type);
        out.setRGB(0, 0, dw, h * scale, dst, 0, dw);
        return out;
    }

    public static void writePng(BufferedImage img, Path p) throws IOException {
        AtomicFile.write(p, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for this kind of image (type " + img.getType() + ")");
            }
        });
    }

    /** An animated GIF that loops forever, each frame shown for {@code delayMs} (GIF counts in 1/100 s). */
    public static void writeGif(List<BufferedImage> frames, int delayMs, Path p) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write to " + p);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        ImageWriter writer = writers.next();
        // a delay of 0 makes viewers pick their own, usually slow, speed
        int centis = Math.max(1, Math.round(delayMs / 10f));
        try {
            AtomicFile.write(p, tmp -> {
                try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                    writer.setOutput(out);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    writer.prepareWriteSequence(null);
                    for (int i = 0; i < frames.size(); i++) {
                        BufferedImage frame = opaque(frames.get(i));
                        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
                        meta.mergeTree(GIF_FORMAT, frameTree(centis, i == 0));
                        writer.writeToSequence(new IIOImage(frame, null, meta), param);
                    }
                    writer.endWriteSequence();
                }
            });
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode frameTree(int centis, boolean first) {
        IIOMetadataNode root = new IIOMetadataNode(GIF_FORMAT);
        IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(centis));
        gce.setAttribute("transparentColorIndex", "0");
        root.appendChild(gce);
        if (first) {
            // NETSCAPE2.0 block: sub-block 1, then the loop count as little-endian 16 bits; 0 = forever
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
            apps.appendChild(app);
            root.appendChild(apps);
        }
        return root;
    }

    /**
     * The picture as opaque RGB: itself when it is one, else a copy. The GIF and JPEG writers trip over alpha and
     * custom types; plain RGB always works.
     */
    public static BufferedImage opaque(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_INT_RGB ? img : rgbCopy(img);
    }

    /** An opaque RGB copy of a picture of any type, for the caller to change or to hand to a writer. */
    public static BufferedImage rgbCopy(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** The pixel-wise mean of pictures of one size (RGB, rounded). */
    public static BufferedImage mean(List<BufferedImage> pictures) {
        int w = pictures.get(0).getWidth(), h = pictures.get(0).getHeight();
        double[] sum = new double[3 * w * h];
        for (BufferedImage p : pictures) {
            if (p.getWidth() != w || p.getHeight() != h) throw new IllegalArgumentException("pictures of different sizes");
            int[] argb = p.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                for (int c = 0; c < 3; c++) sum[3 * i + c] += (argb[i] >> (16 - 8 * c)) & 0xff;
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) rgb = (rgb << 8) | (int) Math.round(sum[3 * i + c] / pictures.size());
            out.setRGB(i % w, i / w, rgb);
        }
        return out;
    }

    /** A picture as CHW floats, the inverse of {@link #toImage}: 1 channel: Rec. 601 luminance; 3 channels: R, G, B planes. 0..255 maps to [-1,1]. */
    public static float[] toChw(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] chw = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            int r = rgb[i] >> 16 & 0xFF;
            int g = rgb[i] >> 8 & 0xFF;
            int b = rgb[i] & 0xFF;
            if (channels == 1) {
                chw[i] = unit(0.299 * r + 0.587 * g + 0.114 * b);
            } else {
                chw[i] = unit(r);
                chw[plane + i] = unit(g);
                chw[2 * plane + i] = unit(b);
            }
        }
        return chw;
    }

    private static float unit(double v) {
        return (float) (v / 127.5 - 1);
    }
}
