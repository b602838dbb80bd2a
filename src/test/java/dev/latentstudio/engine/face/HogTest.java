package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class HogTest {

    private static BufferedImage draw(int w, int h, IntBinaryOperator grey) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = grey.applyAsInt(x, y);
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    /** Distance between two unsigned orientations, in degrees (0..90). */
    private static double apart(double a, double b) {
        double d = Math.abs(a - b) % 180;
        return Math.min(d, 180 - d);
    }

    private static int brightness(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFF;
    }

    @Test
    void verticalEdgeVotesForHorizontalGradientsOnlyInItsCells() {
        Hog.Cells c = Hog.histograms(draw(64, 64, (x, y) -> x < 32 ? 0 : 255), 8, 9);
        assertEquals(8, c.cols());
        assertEquals(8, c.rows());
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++) {
                if (col == 3 || col == 4) {
                    assertEquals(1.0, c.value(col, row, 0) / c.total(col, row), 1e-6, "all of cell " + col + "," + row + " in bin 0°");
                    assertEquals(0.0, apart(c.meanDegrees(col, row), 0), 1e-6);
                } else {
                    assertEquals(0f, c.total(col, row), "no gradient away from the edge");
                }
            }
        }
        // dark-to-light and light-to-dark are the same unsigned orientation
        Hog.Cells flipped = Hog.histograms(draw(64, 64, (x, y) -> x < 32 ? 255 : 0), 8, 9);
        assertEquals(c.value(3, 2, 0), flipped.value(3, 2, 0), 1e-4);
    }

    @Test
    void horizontalAndDiagonalEdgesGiveTheirOrientations() {
        Hog.Cells horizontal = Hog.histograms(draw(64, 64, (x, y) -> y < 32 ? 30 : 200), 8, 9);
        assertEquals(0.0, apart(horizontal.meanDegrees(2, 3), 90), 1e-6);
        // 90° falls between the 80° and 100° bins of 9: the vote is split evenly
        assertEquals(horizontal.value(2, 3, 4), horizontal.value(2, 3, 5), 1e-4);

        Hog.Cells diagonal = Hog.histograms(draw(64, 64, (x, y) -> x + y < 64 ? 0 : 255), 8, 8);
        assertEquals(1.0, diagonal.value(3, 4, 2) / diagonal.total(3, 4), 1e-6, "45° is bin 2 of 8");
        Hog.Cells anti = Hog.histograms(draw(64, 64, (x, y) -> x - y < 0 ? 0 : 255), 8, 8);
        assertEquals(1.0, anti.value(4, 4, 6) / anti.total(4, 4), 1e-6, "135° is bin 6 of 8");
    }

    @Test
    void discRimIsTangentEverywhere() {
        BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillOval(8, 8, 80, 80);
        g.dispose();
        Hog.Cells c = Hog.histograms(img, 8, 9);
        // cells on the rim at the top, right and a diagonal: the gradient points along the radius
        assertTrue(apart(c.meanDegrees(5, 1), 90) < 15, "top: " + c.meanDegrees(5, 1));
        assertTrue(apart(c.meanDegrees(10, 5), 0) < 15, "right: " + c.meanDegrees(10, 5));
        assertTrue(apart(c.meanDegrees(9, 9), 45) < 15, "lower right: " + c.meanDegrees(9, 9));
        assertEquals(0f, c.total(5, 5), "the flat inside has no gradient");
    }

    @Test
    void glyphsAreStrokesAlongTheEdge() {
        BufferedImage pic = Hog.picture(Hog.histograms(draw(64, 64, (x, y) -> x < 32 ? 0 : 255), 8, 9), 16);
        assertEquals(128, pic.getWidth());
        assertEquals(128, pic.getHeight());
        // cell (3,2): its glyph spans x 48..63, y 32..47, centre (56,40); the stroke is vertical
        int lit = 0;
        for (int y = 33; y < 47; y++) if (brightness(pic, 56, y) > 100) lit++;
        assertTrue(lit >= 12, "a long vertical stroke through the centre, lit " + lit);
        for (int x = 49; x < 63; x++) {
            if (Math.abs(x - 56) > 2) assertTrue(brightness(pic, x, 40) < 30, "nothing sideways at x=" + x);
        }
        // a flat cell stays black
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) assertEquals(0, brightness(pic, x, y));
    }

    @Test
    void strongerEdgesDrawLongerStrokes() {
        // a strong edge at x=16 and a faint one at x=48
        BufferedImage img = draw(64, 32, (x, y) -> x < 16 ? 0 : x < 48 ? 250 : 200);
        BufferedImage pic = Hog.picture(Hog.histograms(img, 8, 9), 16);
        int strong = 0;
        int faint = 0;
        for (int y = 16; y < 32; y++) {
            if (brightness(pic, 16 + 8, y) > 40) strong++; // cell 1 holds x 8..15 with the strong edge at its right
            if (brightness(pic, 80 + 8, y) > 40) faint++;  // cell 5 holds x 40..47 with the faint edge
        }
        assertTrue(strong > faint && faint > 0, "strong " + strong + ", faint " + faint);
    }

    @Test
    void flatPictureIsBlackAndTinyPictureIsRefused() {
        BufferedImage pic = Hog.picture(draw(40, 24, (x, y) -> 128));
        assertEquals(5 * 16, pic.getWidth());
        assertEquals(3 * 16, pic.getHeight());
        for (int y = 0; y < pic.getHeight(); y++) for (int x = 0; x < pic.getWidth(); x++) assertEquals(0, brightness(pic, x, y));
        assertThrows(IllegalArgumentException.class, () -> Hog.histograms(draw(5, 5, (x, y) -> 0), 8, 9));
    }
}
