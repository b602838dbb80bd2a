package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.face.Similarity;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A warp's result applied to the photo it was cut from, at the photo's resolution. */
class MovedTest {
    /** Smooth colour waves plus a fine checker of {@code fine} levels, finer than a small cut of it can hold. */
    private static BufferedImage photo(int w, int h, int fine) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int f = ((x / 2 + y / 2) & 1) * fine;
                int r = (int) (110 + 60 * Math.sin(x / 17.0) + f), g = (int) (100 + 50 * Math.cos(y / 13.0 + x / 29.0) + f);
                int b = (int) (90 + 40 * Math.sin((x + y) / 23.0));
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /** The photo cut as an aligner cuts it: picture pixel q reads the photo bilinearly at toPicture⁻¹(q); [1, 3, s, s] in [-1, 1]. */
    private static INDArray cut(BufferedImage photo, Similarity toPicture, int side) {
        Similarity back = toPicture.inverse();
        double[] v = new double[3 * side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                Point2 p = back.apply(new Point2(x, y));
                int xa = (int) Math.floor(p.x()), ya = (int) Math.floor(p.y());
                double fx = p.x() - xa, fy = p.y() - ya;
                for (int k = 0; k < 3; k++) {
                    int shift = 16 - 8 * k;
                    double a = (photo.getRGB(xa, ya) >> shift) & 0xff, b = (photo.getRGB(xa + 1, ya) >> shift) & 0xff;
                    double c = (photo.getRGB(xa, ya + 1) >> shift) & 0xff, d = (photo.getRGB(xa + 1, ya + 1) >> shift) & 0xff;
                    double s = (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
                    v[k * side * side + y * side + x] = s / 127.5 - 1;
                }
            }
        }
        return Nd4j.create(v, new long[]{1, 3, side, side}, 'c');
    }

    private static double meanAbs(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).norm1Number().doubleValue() / a.length();
    }

    @Test
    void unmovedThePhotoComesBackExactlyAndAShiftMovesItsOwnPixels() {
        BufferedImage photo = photo(200, 160, 30);
        Similarity toPicture = new Similarity(0.5, 0, -20, -10); // photo (40..118, 20..98) → picture 0..39
        Warp w = Warp.of(Nd4j.zeros(DataType.DOUBLE, 1, 3, 40, 40), 4);
        BufferedImage same = w.moved().onto(photo, toPicture, null);
        for (int y = 0; y < 160; y++) for (int x = 0; x < 200; x++) assertEquals(photo.getRGB(x, y), same.getRGB(x, y), x + "," + y);
        // dx = 2 picture pixels = 4 photo pixels: inside the picture, away from its right edge (where the edge repeats),
        // each photo pixel is the photo's own pixel 4 to the right, fine checker and all
        w.params().get(NDArrayIndex.point(1)).assign(2);
        BufferedImage moved = w.moved().onto(photo, toPicture, null);
        for (int y = 20; y <= 98; y++) {
            for (int x = 40; x <= 110; x++) assertEquals(photo.getRGB(x + 4, y), moved.getRGB(x, y), x + "," + y);
            assertEquals(photo.getRGB(20, y), moved.getRGB(20, y), "off the picture the photo is untouched");
        }
    }

    @Test
    void thePaintAndTheWeightScaleWhatIsAdded() {
        BufferedImage photo = photo(120, 120, 30);
        Similarity toPicture = new Similarity(0.25, 0, -5, -5); // photo 20..96 → picture 0..19
        double[] paint = new double[3 * 400];
        java.util.Arrays.fill(paint, 0.2); // +25.5 levels
        double[] half = new double[400];
        java.util.Arrays.fill(half, 0.5);
        Moved m = new Moved(3, 20, 20, new double[400], new double[400], paint);
        BufferedImage full = m.onto(photo, toPicture, null), halved = m.onto(photo, toPicture, half);
        int before = photo.getRGB(50, 60) & 0xff, b1 = full.getRGB(50, 60) & 0xff, b2 = halved.getRGB(50, 60) & 0xff;
        assertEquals(Math.round(before + 25.5), b1);
        assertEquals(Math.round(before + 12.75), b2);
        assertEquals(photo.getRGB(10, 60), full.getRGB(10, 60));
        double[] zero = new double[400];
        assertEquals(photo.getRGB(50, 60), m.onto(photo, toPicture, zero).getRGB(50, 60), "a weight of 0 keeps the photo");
        assertThrows(IllegalArgumentException.class, () -> m.onto(photo, toPicture, new double[10]));
        assertThrows(IllegalArgumentException.class, () -> new Moved(3, 20, 20, new double[400], new double[399], null));
    }

    @Test
    void thePhotoMovedAndCutAgainIsTheWarpedCutAndKeepsItsDetail() {
        Similarity toPicture = Similarity.of(0.3, 0.4, -20, -60); // a turned face of ~200 photo pixels on a 60-pixel cut
        WarpAndPaint wp = null;
        for (int fine : new int[]{0, 30}) {
            BufferedImage photo = photo(400, 400, fine);
            INDArray picture = cut(photo, toPicture, 60);
            if (wp == null) {
                wp = WarpAndPaint.of(picture, 5, 1, 1);
                Nd4j.getRandom().setSeed(7);
                long nw = 2L * 13 * 13;
                wp.params().get(NDArrayIndex.interval(0, nw)).assign(Nd4j.rand(DataType.DOUBLE, nw).muli(4).subi(2));
                wp.params().get(NDArrayIndex.interval(nw, wp.params().length())).assign(
                        Nd4j.rand(DataType.DOUBLE, wp.params().length() - nw).muli(0.02).subi(0.01));
                INDArray image = wp.image();
                Moved m = wp.moved();
                assertArrayEquals(new int[]{3, 60, 60}, new int[]{m.channels(), m.height(), m.width()});
                INDArray again = cut(m.onto(photo, toPicture, null), toPicture, 60);
                double err = meanAbs(again, image), moved = meanAbs(picture, image);
                // on a smooth photo, what a re-alignment of the edited photo sees is the climb's picture
                assertTrue(err < moved / 4, "re-cut vs the warped picture " + err + ", the picture's own change " + moved);
                assertNull(Warp.of(picture, 5).moved().painted(), "an unclipped warp paints nothing");
            } else {
                // the same move on a photo with a checker too fine for the cut: the photo's own detail survives it
                BufferedImage edited = wp.moved().onto(photo, toPicture, null);
                double kept = detail(edited, 200, 200, 60), had = detail(photo, 200, 200, 60);
                assertTrue(kept > 0.6 * had, "neighbour differences " + kept + " against the photo's " + had);
            }
        }
    }

    /** Mean |difference| of horizontal neighbours' red values in a square: what an upsampled paste blurs away. */
    private static double detail(BufferedImage img, int x0, int y0, int n) {
        double s = 0;
        for (int y = y0; y < y0 + n; y++) for (int x = x0; x < x0 + n; x++) s += Math.abs(((img.getRGB(x + 1, y) >> 16) & 0xff) - ((img.getRGB(x, y) >> 16) & 0xff));
        return s / (n * n);
    }

    @Test
    void aDotPaintedOnATurnedCutLandsWhereTheInverseAlignmentSendsIt() {
        BufferedImage photo = photo(420, 330, 0);
        Similarity toPicture = Similarity.of(0.7, 0.3, -60, -90);
        double[] paint = new double[3 * 150 * 150];
        int cx = 70, cy = 85;
        for (int k = 0; k < 3; k++) for (int y = cy - 1; y <= cy + 1; y++) for (int x = cx - 1; x <= cx + 1; x++) paint[k * 22500 + y * 150 + x] = 0.5;
        BufferedImage out = new Moved(3, 150, 150, new double[22500], new double[22500], paint).onto(photo, toPicture, null);
        double sx = 0, sy = 0, sw = 0;
        for (int y = 0; y < 330; y++) {
            for (int x = 0; x < 420; x++) {
                double d = Math.abs((out.getRGB(x, y) & 0xff) - (photo.getRGB(x, y) & 0xff));
                sx += d * x;
                sy += d * y;
                sw += d;
            }
        }
        assertTrue(sw > 0, "the dot did not reach the photo");
        Point2 expected = toPicture.inverse().apply(new Point2(cx, cy));
        assertEquals(expected.x(), sx / sw, 1.0, "x");
        assertEquals(expected.y(), sy / sw, 1.0, "y");
    }

    @Test
    void theBorderTaperFallsSmoothlyToZeroAtTheEdge() {
        double[] t = Moved.borderTaper(10, 12, 4);
        assertEquals(0, t[0], 0);
        assertEquals(0, t[5 * 12 + 11], 0);
        assertEquals(1, t[5 * 12 + 5], 0);
        assertTrue(t[5 * 12 + 1] > 0 && t[5 * 12 + 1] < t[5 * 12 + 2] && t[5 * 12 + 2] < 1);
    }
}
