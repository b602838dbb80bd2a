package dev.latentstudio.engine.face;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared checks of a detector's faces against face-api's, matched by best overlap. */
final class DetectorReference {
    private DetectorReference() {
    }

    static BufferedImage sample(FaceReference.Sample s) {
        return photo(s.file());
    }

    /** assets/faces/FILE, decoded by Java (not exactly as jpeg-js decodes it). */
    static BufferedImage photo(String file) {
        try {
            return ImageIO.read(Path.of("assets/faces", file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same number of faces, each reference face matched by a found one with IoU ≥ minIou and a score
     * within scoreTol. Returns the smallest IoU seen.
     */
    static double assertSameFaces(String what, List<FaceReference.Detection> expected, List<FaceDetection> found,
                                  double minIou, double scoreTol) {
        assertEquals(expected.size(), found.size(), what + ": faces found " + found);
        double worst = 1;
        for (FaceReference.Detection e : expected) {
            FaceBox eb = e.box().toFaceBox();
            FaceDetection best = found.stream().max((a, b) -> Double.compare(a.box().iou(eb), b.box().iou(eb))).orElseThrow();
            double iou = best.box().iou(eb);
            worst = Math.min(worst, iou);
            assertTrue(iou >= minIou, what + ": IoU " + iou + " for " + e + " (best " + best + ")");
            assertEquals(e.score(), best.score(), scoreTol, what + ": score of " + e);
        }
        return worst;
    }
}
