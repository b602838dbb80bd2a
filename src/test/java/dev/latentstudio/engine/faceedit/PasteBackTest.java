package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceAligner;
import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.face.Similarity;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paste-back on a synthetic photo: positions map through the inverse alignment, the mask keeps the rest exact. */
class PasteBackTest {
    private static final int SIDE = 150;
    // chip → photo: 1.3× larger, turned by about 8.6°, placed at (120, 60); the alignment is its inverse
    private static final Similarity CHIP_TO_PHOTO = Similarity.of(1.3, 0.15, 120, 60);
    private static final Similarity PHOTO_TO_CHIP = CHIP_TO_PHOTO.inverse();

    /** A smooth picture (gradients and slow waves), so that resampling it twice changes it only a little. */
    private static BufferedImage photo(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (128 + 100 * Math.sin(x / 23.0)), g = (int) (128 + 100 * Math.cos(y / 31.0)), b = (x + y) % 256 / 2 + 60;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /** 27 points on an ellipse in chip pixels: a jaw-and-brows outline for the mask. */
    private static double[] mask() {
        List<Point2> outline = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            double a = 2 * Math.PI * i / 27;
            outline.add(new Point2(75 + 45 * Math.cos(a), 80 + 55 * Math.sin(a)));
        }
        return FaceMask.of(outline, SIDE);
    }

    @Test
    void aDotOnTheChipLandsWhereTheInverseAlignmentSendsIt() {
        BufferedImage photo = photo(420, 330);
        BufferedImage chip = FaceAligner.forRecognition().crop(photo, PHOTO_TO_CHIP);
        PasteBack paste = new PasteBack(photo, PHOTO_TO_CHIP, mask(), SIDE);
        BufferedImage dotted = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        dotted.getGraphics().drawImage(chip, 0, 0, null);
        int cx = 70, cy = 85;
        for (int y = cy - 1; y <= cy + 1; y++) for (int x = cx - 1; x <= cx + 1; x++) dotted.setRGB(x, y, 0xff00ff);
        BufferedImage a = paste.photoWith(chip), b = paste.photoWith(dotted);
        double sx = 0, sy = 0, sw = 0;
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                double d = diff(a.getRGB(x, y), b.getRGB(x, y));
                sx += d * x;
                sy += d * y;
                sw += d;
            }
        }
        assertTrue(sw > 0, "the dot did not reach the photo");
        Point2 expected = CHIP_TO_PHOTO.apply(new Point2(cx, cy));
        assertEquals(expected.x(), sx / sw, 1.0, "x");
        assertEquals(expected.y(), sy / sw, 1.0, "y");
    }

    @Test
    void anUneditedChipChangesThePhotoALittleInsideTheMaskAndNotAtAllOutside() {
        BufferedImage photo = photo(420, 330);
        BufferedImage chip = FaceAligner.forRecognition().crop(photo, PHOTO_TO_CHIP);
        PasteBack paste = new PasteBack(photo, PHOTO_TO_CHIP, mask(), SIDE);
        BufferedImage back = paste.photoWith(chip);
        int inside = 0, outside = 0;
        double maxInside = 0, sumInside = 0;
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                double d = maxChannelDiff(photo.getRGB(x, y), back.getRGB(x, y));
                if (paste.maskAt(x, y) > 0) {
                    inside++;
                    maxInside = Math.max(maxInside, d);
                    sumInside += d;
                } else {
                    outside++;
                    assertEquals(0, d, 0, "changed outside the mask at " + x + "," + y);
                }
            }
        }
        assertTrue(inside > 5000 && outside > 50000, inside + " inside, " + outside + " outside");
        assertTrue(maxInside <= 12, "largest change inside the mask: " + maxInside);
        assertTrue(sumInside / inside <= 2, "mean change inside the mask: " + sumInside / inside);
    }

    @Test
    void onlyTheFacesNeighbourhoodOfALargePhotoIsTouched() {
        BufferedImage photo = new BufferedImage(3840, 2160, BufferedImage.TYPE_INT_RGB);
        PasteBack paste = new PasteBack(photo, PHOTO_TO_CHIP, mask(), SIDE);
        Rectangle r = paste.region();
        // the chip's corners span 1.3 × 150 × (cos + sin) ≈ 222 px; a pixel of margin each side
        assertTrue(r.width <= 230 && r.height <= 230, "region " + r);
        assertTrue(r.contains(CHIP_TO_PHOTO.apply(new Point2(75, 75)).x(), CHIP_TO_PHOTO.apply(new Point2(75, 75)).y()));
        BufferedImage white = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) for (int x = 0; x < SIDE; x++) white.setRGB(x, y, 0xffffff);
        BufferedImage out = paste.photoWith(white);
        int changed = 0;
        for (int y = 0; y < out.getHeight(); y += 2) {
            for (int x = 0; x < out.getWidth(); x += 2) {
                if ((out.getRGB(x, y) & 0xffffff) != 0) {
                    changed++;
                    assertTrue(r.contains(x, y), "changed outside the region at " + x + "," + y);
                }
            }
        }
        assertTrue(changed > 0);
    }

    private static double diff(int p, int q) {
        return Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff)) + Math.abs((p & 0xff) - (q & 0xff));
    }

    private static double maxChannelDiff(int p, int q) {
        return Math.max(Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff)),
                Math.max(Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff)), Math.abs((p & 0xff) - (q & 0xff))));
    }
}
