package dev.latentstudio.engine.face;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The DL4J port against face-api's own descriptors for the same 150×150 inputs. */
class FaceRecognitionNetTest {
    private static FaceRecognitionNet net;

    @BeforeAll
    static void load() throws IOException {
        net = FaceRecognitionNet.load(Path.of("models/face-api"));
    }

    @Test
    void descriptorsMatchFaceApiOnIsolatedInputs() {
        FaceReference ref = FaceReference.load();
        assertEquals(2, ref.isolated().size());
        for (FaceReference.Isolated iso : ref.isolated()) {
            float[] d = net.descriptor(FaceTensors.rgb(FaceReference.image(iso.rec150())));
            double cos = FaceReference.cosine(d, iso.descriptor());
            double maxDiff = FaceReference.maxAbsDiff(d, iso.descriptor());
            System.out.printf("%s: cosine %.9f, max |Δ| %.2e%n", iso.id(), cos, maxDiff);
            assertTrue(cos >= 0.99999, iso.id() + " cosine " + cos);
            assertTrue(maxDiff < 1e-5, iso.id() + " max difference " + maxDiff);
        }
        // the two inputs are different people: their descriptors are far apart (face-api's threshold is 0.6)
        float[] a = ref.isolated().get(0).descriptor(), b = ref.isolated().get(1).descriptor();
        assertTrue(FaceReference.cosine(a, b) < 0.95);
    }

    @Test
    void aBatchGivesEachFaceItsOwnDescriptor() {
        FaceReference ref = FaceReference.load();
        INDArray batch = Nd4j.concat(0, FaceTensors.rgb(FaceReference.image(ref.isolated().get(0).rec150())),
                FaceTensors.rgb(FaceReference.image(ref.isolated().get(1).rec150())));
        INDArray d = net.descriptors(batch);
        assertArrayEquals(new long[]{2, FaceRecognitionNet.DIM}, d.shape());
        for (int i = 0; i < 2; i++) {
            assertTrue(FaceReference.cosine(d.getRow(i).toFloatVector(), ref.isolated().get(i).descriptor()) >= 0.99999);
        }
    }

    @Test
    void wrongInputSizeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.descriptors(Nd4j.zeros(1, 3, 112, 112)));
        assertTrue(e.getMessage().contains("[n, 3, 150, 150]"), e.getMessage());
    }
}
