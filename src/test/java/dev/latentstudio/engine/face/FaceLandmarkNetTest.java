package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The DL4J ports against face-api's raw landmark outputs for the same 112×112 inputs. */
class FaceLandmarkNetTest {

    private static void check(FaceLandmarkNet.Variant variant) throws IOException {
        FaceLandmarkNet net = FaceLandmarkNet.load(Path.of("models/face-api"), variant);
        for (FaceReference.Isolated iso : FaceReference.load().isolated()) {
            float[] expected = variant == FaceLandmarkNet.Variant.FULL ? iso.landmarks68Raw() : iso.landmarks68TinyRaw();
            float[] raw = net.raw(FaceTensors.rgb(FaceReference.image(iso.lm112()))).toFloatVector();
            assertEquals(2 * FaceLandmarkNet.POINTS, raw.length);
            double maxPx = FaceReference.maxAbsDiff(raw, expected) * FaceLandmarkNet.SIZE;
            System.out.printf("%s %s: max landmark difference %.2e px at 112×112%n", variant, iso.id(), maxPx);
            assertTrue(maxPx < 1e-3, variant + " " + iso.id() + ": " + maxPx + " px");
        }
    }

    @Test
    void fullNetMatchesFaceApi() throws IOException {
        check(FaceLandmarkNet.Variant.FULL);
    }

    @Test
    void tinyNetMatchesFaceApi() throws IOException {
        check(FaceLandmarkNet.Variant.TINY);
    }
}
