package dev.latentstudio.engine.invert;

import static dev.latentstudio.engine.invert.InversionGradientsTest.centralDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The landmark and detector objectives, the closeness term and the named moves, without the networks. */
class FaceNetObjectivesTest {

    @Test
    void landmarkTargetsGradientMatchesCentralDifferencesAndIgnoresUnselectedPoints() {
        Nd4j.getRandom().setSeed(3);
        INDArray out = Nd4j.rand(DataType.DOUBLE, 1, 136);
        float[] t = new float[136];
        for (int i = 0; i < t.length; i++) t[i] = (float) (out.getDouble(0, i) + 0.05 * Math.sin(i));
        boolean[] sel = new boolean[68];
        sel[3] = sel[50] = sel[67] = true;
        LandmarkTargets obj = new LandmarkTargets(t, sel, 112);
        Objective.Value v = obj.evaluate(out);
        double expected = 0;
        for (int k : new int[]{3, 50, 67}) {
            for (int j = 2 * k; j <= 2 * k + 1; j++) expected -= 112.0 * 112 * Math.pow(out.getDouble(0, j) - t[j], 2);
        }
        assertEquals(expected, v.score(), 1e-9 * Math.abs(expected), "−side²·Σ‖p − t‖² over the selected points");
        for (long i : new long[]{6, 7, 100, 101, 134, 0, 55}) {
            double fd = centralDifference(o -> obj.evaluate(o).score(), out, i, 1e-6);
            assertEquals(fd, v.gradient().getDouble(0, i), 1e-4 * Math.max(1, Math.abs(fd)), "output " + i);
        }
        assertEquals(0, v.gradient().getDouble(0, 0), "an unselected point has no say");
        assertTrue(obj.evaluate(Nd4j.create(t, new long[]{1, 136}, 'c').castTo(DataType.DOUBLE)).score() > -1e-6, "0 at the targets");
    }

    @Test
    void pointsNotMovedAreHeldWithTheirOwnWeight() {
        Nd4j.getRandom().setSeed(4);
        INDArray out = Nd4j.rand(DataType.DOUBLE, 1, 136);
        float[] t = new float[136];
        for (int i = 0; i < t.length; i++) t[i] = (float) (out.getDouble(0, i) + 0.05 * Math.cos(i));
        boolean[] sel = new boolean[68];
        sel[48] = true;
        LandmarkTargets obj = new LandmarkTargets(t, LandmarkTargets.weights(sel, 0.25), 112, () -> new double[2]);
        Objective.Value v = obj.evaluate(out);
        double expected = 0;
        for (int j = 0; j < 136; j++) expected -= (j / 2 == 48 ? 1 : 0.25) * 112.0 * 112 * Math.pow(out.getDouble(0, j) - t[j], 2);
        assertEquals(expected, v.score(), 1e-9 * Math.abs(expected), "the moved point at 1, every other at 0.25");
        for (long i : new long[]{96, 97, 0, 1, 135}) {
            double fd = centralDifference(o -> obj.evaluate(o).score(), out, i, 1e-6);
            assertEquals(fd, v.gradient().getDouble(0, i), 1e-4 * Math.max(1, Math.abs(fd)), "output " + i);
        }
        assertTrue(v.gradient().getDouble(0, 0) != 0, "a point not moved is pulled back");
        assertThrows(IllegalArgumentException.class, 
                () -> new LandmarkTargets(t, LandmarkTargets.weights(sel, -1), 112, () -> new double[2]));
    }

    @Test
    void detectorScoreIsTheBestObjectnessLogitWithItsGradient() {
        Nd4j.getRandom().setSeed(5);
        INDArray head = Nd4j.randn(DataType.DOUBLE, 1, 25, 4, 4);
        head.putScalar(new long[]{0, 14, 2, 1}, 4.0); // anchor 2's objectness at cell (2, 1): the best
        head.putScalar(new long[]{0, 12, 0, 0}, 9.0); // a box coordinate, larger, but not an objectness
        DetectorScore obj = new DetectorScore(5);
        Objective.Value v = obj.evaluate(head);
        assertEquals(4.0, v.score(), 1e-12);
        for (long[] at : new long[][]{{0, 14, 2, 1}, {0, 12, 0, 0}, {0, 4, 0, 0}, {0, 24, 3, 3}}) {
            long i = ((at[1] * 4) + at[2]) * 4 + at[3];
            double fd = centralDifference(o -> obj.evaluate(o).score(), head, i, 1e-6);
            assertEquals(fd, v.gradient().getDouble(at), 1e-6, java.util.Arrays.toString(at));
        }
        assertThrows(IllegalArgumentException.class, () -> obj.evaluate(Nd4j.zeros(DataType.DOUBLE, 1, 20, 4, 4)));
    }

    @Test
    void closenessGradientMatchesCentralDifferences() {
        Nd4j.getRandom().setSeed(7);
        INDArray original = Nd4j.rand(DataType.DOUBLE, 1, 3, 5, 5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 5, 5);
        Closeness c = new Closeness(0.3, original);
        assertEquals(0, c.value(original), 1e-12);
        INDArray g = c.gradient(x);
        for (long i : new long[]{0, 13, 74}) {
            assertEquals(centralDifference(c::value, x, i, 1e-6), g.reshape(75).getDouble(i), 1e-7);
        }
    }

    @Test
    void namedMovesSendThePointsTheWayTheyAreNamed() {
        double[] open = LandmarkMoves.plus(LandmarkMoves.none(), "mouth_open=6");
        assertEquals(-3, open[2 * 51 + 1], 1e-12, "the upper lip goes up");
        assertEquals(3, open[2 * 57 + 1], 1e-12, "the lower lip goes down");
        assertEquals(0, open[2 * 48] + open[2 * 48 + 1], "the corners stay");
        double[] smile = LandmarkMoves.plus(LandmarkMoves.none(), "smile=4");
        assertTrue(smile[2 * 48] < 0 && smile[2 * 54] > 0 && smile[2 * 48 + 1] < 0 && smile[2 * 54 + 1] < 0, "corners out and up");
        assertEquals(4, Math.hypot(smile[2 * 54], smile[2 * 54 + 1]), 1e-12);
        double[] brows = LandmarkMoves.plus(LandmarkMoves.plus(LandmarkMoves.none(), "brows_up=2"), "30=1.5,-2");
        assertEquals(-2, brows[2 * 17 + 1], 1e-12);
        assertArrayEquals(new double[]{1.5, -2}, new double[]{brows[60], brows[61]}, 1e-12);
        boolean[] moved = LandmarkMoves.moved(brows);
        assertTrue(moved[17] && moved[26] && moved[30] && !moved[0] && !moved[27]);
        double[] wide = LandmarkMoves.plus(LandmarkMoves.none(), "eyes_wide=2");
        assertTrue(wide[2 * 37 + 1] < 0 && wide[2 * 41 + 1] > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "frown=3"));
        assertTrue(e.getMessage().contains("mouth_open"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "68=1,1"));
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "smile=lots"));
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "30=1"));
    }

    @Test
    void aPointMoveSendsOnePointAndOptionallyItsMirrorPartner() {
        double[] corner = LandmarkMoves.plus(LandmarkMoves.none(), 48, -4, -2, false, false);
        boolean[] moved = LandmarkMoves.moved(corner);
        for (int k = 0; k < 68; k++) assertEquals(k == 48, moved[k], "only the dragged point moves: " + k);
        assertArrayEquals(new double[]{-4, -2}, new double[]{corner[96], corner[97]}, 1e-12);
        double[] both = LandmarkMoves.plus(LandmarkMoves.none(), 48, -4, -2, true, false);
        assertArrayEquals(new double[]{4, -2}, new double[]{both[2 * 54], both[2 * 54 + 1]}, 1e-12, "the other corner, reflected");
        assertEquals(2, count(LandmarkMoves.moved(both)));
        assertArrayEquals(both, LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2,mirror"), 1e-12, "the CLI's form");
        assertArrayEquals(corner, LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2"), 1e-12);
        double[] chin = LandmarkMoves.plus(LandmarkMoves.none(), 8, 1, 3, true, false);
        assertArrayEquals(new double[]{1, 3}, new double[]{chin[16], chin[17]}, 1e-12, "a midline point is its own partner: moved once");
        assertEquals(1, count(LandmarkMoves.moved(chin)));
        // the partners pair each side with the other, as the named moves do (smile: 48 and 54, eyes_wide: 37 and 44)
        for (int[] pair : new int[][]{{0, 16}, {17, 26}, {21, 22}, {31, 35}, {36, 45}, {39, 42}, {40, 47}, {48, 54}, {60, 64}, {65, 67}}) {
            assertEquals(pair[1], LandmarkMoves.partner(pair[0]));
            assertEquals(pair[0], LandmarkMoves.partner(pair[1]));
        }
        for (int k = 0; k < 68; k++) assertEquals(k, LandmarkMoves.partner(LandmarkMoves.partner(k)));
        for (int k : new int[]{8, 27, 28, 29, 30, 33, 51, 57, 62, 66}) assertEquals(k, LandmarkMoves.partner(k));
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2,flip"));
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.partner(68));
    }

    @Test
    void theFeatureGroupsAreTheIbugRangesAndAGroupMoveShiftsEachOfItsPointsAlike() {
        // iBUG 68: jaw 0–16, brows 17–21 and 22–26, nose 27–35, eyes 36–41 and 42–47, lips 48–59, inner lips 60–67
        int[][] ranges = {{0, 16}, {17, 21}, {22, 26}, {27, 35}, {36, 41}, {42, 47}, {48, 59}, {60, 67}};
        assertEquals(ranges.length, LandmarkMoves.GROUPS.size());
        for (int i = 0; i < ranges.length; i++) {
            LandmarkMoves.Group g = LandmarkMoves.GROUPS.get(i);
            assertArrayEquals(ranges[i], new int[]{g.from(), g.to()}, g.name());
            for (int k = ranges[i][0]; k <= ranges[i][1]; k++) assertEquals(g, LandmarkMoves.group(k), "point " + k);
        }
        assertEquals("outer_mouth", LandmarkMoves.group(48).name());
        assertEquals("right_brow", LandmarkMoves.group(19).name());
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.group(68));
        // a group's mirror is a group: each brow's and eye's partners are all in the other one
        for (int k = 17; k <= 21; k++) assertEquals("left_brow", LandmarkMoves.group(LandmarkMoves.partner(k)).name());
        for (int k = 36; k <= 41; k++) assertEquals("left_eye", LandmarkMoves.group(LandmarkMoves.partner(k)).name());

        double[] mouth = LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2,group");
        boolean[] moved = LandmarkMoves.moved(mouth);
        for (int k = 0; k < 68; k++) {
            assertEquals(k >= 48 && k <= 59, moved[k], "the outer lips and nothing else: " + k);
            if (moved[k]) assertArrayEquals(new double[]{-4, -2}, new double[]{mouth[2 * k], mouth[2 * k + 1]}, 1e-12, "rigidly: " + k);
        }
        assertArrayEquals(mouth, LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2,group,mirror"), 1e-12,
                "the mouth is its own mirror: moved once, not cancelled");
        double[] brows = LandmarkMoves.plus(LandmarkMoves.none(), 19, 1, -3, true, true);
        assertEquals(10, count(LandmarkMoves.moved(brows)), "one brow and the other");
        assertArrayEquals(new double[]{1, -3, -1, -3}, new double[]{brows[2 * 17], brows[2 * 17 + 1], brows[2 * 26], brows[2 * 26 + 1]}, 1e-12,
                "the other brow reflected");
        assertArrayEquals(brows, LandmarkMoves.plus(LandmarkMoves.none(), "19=1,-3,mirror,group"), 1e-12, "flags in either order");
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2,group,group"));
        assertThrows(IllegalArgumentException.class, () -> LandmarkMoves.plus(LandmarkMoves.none(), "48=-4,-2,mirror,flip"));
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) if (x) n++;
        return n;
    }
}
