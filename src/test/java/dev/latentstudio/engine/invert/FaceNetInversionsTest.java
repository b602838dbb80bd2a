package dev.latentstudio.engine.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.engine.job.JobControl;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

/** The landmark move on a sample face and the detector's face score, through their InversionNet kinds. */
class FaceNetInversionsTest {

    @Test
    void aShortMouthOpeningMovesTheLipsTowardsTheTargetsAndLeavesTheRestNearlyWhereItWas() throws Exception {
        LandmarkNet net = (LandmarkNet) InversionNet.of(InversionNet.FACE_LANDMARKS);
        Start face = net.start(null, 0); // sample1.jpg's largest face
        LandmarkEdit.Cut cut = net.cut(face);
        // pasting an unchanged cut back leaves the photo as it was
        BufferedImage same = LandmarkEdit.paste(cut, cut.picture());
        int x = (int) cut.region().x() + 40, y = (int) cut.region().y() + 40;
        assertEquals(cut.photo().getRGB(x, y) & 0xffffff, same.getRGB(x, y) & 0xffffff);

        Goal goal = LandmarkNet.move(face, LandmarkMoves.plus(LandmarkMoves.none(), "mouth_open=6"));
        InversionOptions o = net.defaults(Technique.LANDMARKS).withSteps(25); // the warp's control points move ≤ 0.1 px a step
        Verdict before = net.before(Technique.LANDMARKS, goal, o);
        assertEquals(3, before.figure("mean_error"), 1e-3, "each lip point starts 3 px from its target");
        assertEquals(0, before.figure("others_max"), 1e-9);
        InversionNet.Outcome out = net.invert(Technique.LANDMARKS, goal, o, new JobControl());
        Verdict after = out.verdict();
        assertTrue(after.figure("mean_error") < 0.6 * before.figure("mean_error"), "the lips move towards their targets: " + after.words());
        // measured here: 2.4 px on average, 5.5 at most (lips 1.46 px from their targets); at the portrait's rate (0.01) on
        // the Fourier spectrum with 1 px of jitter, 100 steps, the other points drifted 5.1 px on average and 8.4 at most
        assertTrue(after.figure("others_mean") < 4 && after.figure("others_max") < 8, "the other points stay within a few px: " + after.words());
        // the edit pasted into the photo and cut again as the landmarker cuts it keeps most of the move
        LandmarkEdit.Cut again = LandmarkEdit.cut(net.edited(goal, out.result()), cut.detection(), net.net());
        LandmarkEdit.Errors pasted = LandmarkEdit.errors(cut, goal.weights(), again.points());
        assertTrue(pasted.mean() < before.figure("mean_error"), "pasted and cut again, still closer: " + pasted);
    }

    @Test
    void aPointMovesTargetIsThatPointShiftedInThePhotoAndThePicturesPointsMapToThePhotos() throws Exception {
        LandmarkNet net = (LandmarkNet) InversionNet.of(InversionNet.FACE_LANDMARKS);
        LandmarkEdit.Cut cut = net.cut(net.start(null, 0));
        double[] photo = cut.points(), picture = cut.picturePoints(), d = LandmarkMoves.plus(LandmarkMoves.none(), 48, -4, -2, false, false);
        double[] targets = LandmarkEdit.targetPixels(cut, d);
        for (int i = 0; i < photo.length; i++) {
            assertEquals(photo[i] + (i == 96 ? -4 : i == 97 ? -2 : 0), targets[i], 1e-9, "coordinate " + i);
        }
        assertEquals(Math.hypot(4, 2), LandmarkEdit.errors(cut, d, photo).mean(), 1e-9, "the original point starts the drag's length away");
        // a drag drawn on the 112 picture, times photo pixels per picture pixel, is the same drag in the photo
        double s = cut.photoPixelsPerPicturePixel();
        assertTrue(s > 1, "the face is larger than the net's 112 pixels in sample1: " + s);
        for (int[] ab : new int[][]{{36, 45}, {48, 54}, {8, 27}}) {
            for (int c = 0; c < 2; c++) {
                double inPhoto = photo[2 * ab[1] + c] - photo[2 * ab[0] + c], onPicture = picture[2 * ab[1] + c] - picture[2 * ab[0] + c];
                assertEquals(inPhoto, onPicture * s, 0.01 * Math.abs(inPhoto) + 0.05, "points " + ab[0] + "→" + ab[1]);
            }
        }
        for (double v : picture) assertTrue(v > 0 && v < 112, "on the picture: " + v);
    }

    @Test
    void theDetectorsFaceScoreClimbsFromGreyNoise() throws Exception {
        DetectorNet net = (DetectorNet) InversionNet.of(InversionNet.FACE_DETECTOR);
        assertEquals(java.util.List.of("face"), net.classNames());
        Goal goal = Goal.classes(new double[]{1});
        InversionOptions o = net.defaults(Technique.CLASS).withSteps(8);
        assertTrue(!o.fromMean(), "grey noise by default");
        double start = net.before(Technique.CLASS, goal, o).score();
        InversionNet.Outcome out = net.invert(Technique.CLASS, goal, o, new JobControl());
        double end = out.verdict().score();
        assertTrue(end > start, "the face score climbs: " + start + " -> " + end);
        assertEquals(end, out.verdict().probabilities()[0], 1e-12);
        assertTrue(out.verdict().words().startsWith("face score"), out.verdict().words());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.invert(Technique.LANDMARKS, goal, o, new JobControl()));
        assertTrue(e.getMessage().contains("offers"), e.getMessage());
    }
}
