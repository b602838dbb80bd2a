package dev.latentstudio.engine.face;

import dev.latentstudio.engine.image.Images;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic re-takes of one face in a photo, for measuring identification without a second photo of each person:
 * a jittered crop around the face (position ±10 % of the face, scale ±15 %), a small rotation (±8°), brightness
 * (±25 levels) and contrast (×0.7–1.3) changes, and, each with even odds, a horizontal flip and a JPEG re-encode
 * at quality 0.15–0.35. Each variant says what was done to it.
 */
public final class FaceVariants {
    /** The crop spans this many face widths: enough context for the detector, which looks for whole faces. */
    static final double CONTEXT = 2.4;

    public record Variant(BufferedImage image, String description) {
    }

    private FaceVariants() {
    }

    public static Variant make(BufferedImage photo, FaceBox face, Random rnd) {
        return make(photo, face, rnd, 8);
    }

    /** The same, turned by up to ±{@code maxTurn} degrees. */
    public static Variant make(BufferedImage photo, FaceBox face, Random rnd, double maxTurn) {
        double side = Math.max(face.width(), face.height()) * CONTEXT * (1 + 0.15 * (2 * rnd.nextDouble() - 1));
        double cx = face.x() + face.width() / 2 + 0.1 * face.width() * (2 * rnd.nextDouble() - 1);
        double cy = face.y() + face.height() / 2 + 0.1 * face.height() * (2 * rnd.nextDouble() - 1);
        double degrees = maxTurn * (2 * rnd.nextDouble() - 1);
        boolean flip = rnd.nextBoolean();
        int out = (int) Math.min(480, Math.round(side)); // larger adds nothing: SSD looks at 512×512
        List<String> what = new ArrayList<>();
        what.add(String.format("crop %.0f px at (%.0f, %.0f)", side, cx, cy));
        what.add(String.format("rotate %.1f°", degrees));
        if (flip) what.add("flip");

        BufferedImage img = new BufferedImage(out, out, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, out, out);
        // photo → crop: centre the face, rotate about it, scale to the output, mirror if asked
        AffineTransform t = new AffineTransform();
        t.translate(out / 2.0, out / 2.0);
        if (flip) t.scale(-1, 1);
        t.scale(out / side, out / side);
        t.rotate(Math.toRadians(degrees));
        t.translate(-cx, -cy);
        g.drawImage(photo, t, null);
        g.dispose();

        double gain = 0.7 + 0.6 * rnd.nextDouble(), offset = 25 * (2 * rnd.nextDouble() - 1);
        what.add(String.format("contrast ×%.2f, brightness %+.0f", gain, offset));
        tone(img, gain, offset);
        if (rnd.nextBoolean()) {
            float q = (float) (0.15 + 0.2 * rnd.nextDouble());
            what.add(String.format("JPEG q%.2f", q));
            img = jpeg(img, q);
        }
        return new Variant(img, String.join(", ", what));
    }

    /** v → (v − 128)·gain + 128 + offset per channel, clamped: contrast about mid-grey, then brightness. */
    static void tone(BufferedImage img, double gain, double offset) {
        int w = img.getWidth(), h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            int p = px[i], r = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                double v = ((p >> shift) & 0xff) - 128.0;
                int c = (int) Math.round(Math.max(0, Math.min(255, v * gain + 128 + offset)));
                r |= c << shift;
            }
            px[i] = 0xff000000 | r;
        }
        img.setRGB(0, 0, w, h, px, 0, w);
    }

    /** What a shared photo goes through: JPEG at this quality, then this share of its size. */
    public static final float SHARED_QUALITY = 0.75f;
    public static final double SHARED_SCALE = 0.9;

    /**
     * A photo as it comes back after being shared: JPEG at {@link #SHARED_QUALITY}, then {@link #SHARED_SCALE} of its size,
     * bilinear. Edits are measured on it (held-out checks), so one that only fooled a net on exact pixels does not count.
     */
    public static BufferedImage shared(BufferedImage photo) {
        BufferedImage jpeg = jpeg(Images.opaque(photo), SHARED_QUALITY);
        int w = Math.max(1, (int) Math.round(jpeg.getWidth() * SHARED_SCALE)), h = Math.max(1, (int) Math.round(jpeg.getHeight() * SHARED_SCALE));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(jpeg, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Encodes and decodes at a JPEG quality (0–1), keeping the blocking and ringing a cheap camera adds. */
    public static BufferedImage jpeg(BufferedImage img, float quality) {
        try {
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                w.setOutput(out);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality);
                w.write(null, new IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen short of a broken JDK
        }
    }
}
