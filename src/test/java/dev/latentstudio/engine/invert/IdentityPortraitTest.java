package dev.latentstudio.engine.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.job.JobControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;

class IdentityPortraitTest {
    private static FaceRecognitionNet net;
    private static float[] person;

    @BeforeAll
    static void load() throws Exception {
        Path models = Path.of("models/face-api");
        net = FaceRecognitionNet.load(models);
        BufferedImage photo = ImageIO.read(Path.of("assets/faces/sample3.jpg").toFile());
        person = FacePipeline.load(models, FacePipeline.Speed.LIVE).largest(photo).orElseThrow().descriptor();
    }

    @Test
    void aFewStepsFromTheMeanFaceBringItsDescriptorCloserAndRepeatForASeed() {
        float[] mean = IdentityPortrait.meanFace();
        assertNotNull(mean, "assets/portrait/mean-face.png ships with the studio");
        double start = IdentityPortrait.distance(net, Nd4j.create(mean, new long[]{1, 3, 150, 150}, 'c'), person);
        IdentityPortrait.Options o = IdentityPortrait.Options.DEFAULTS.withSteps(8).withSeed(3);
        Inversion.Result a = IdentityPortrait.job(net, person, o, 4).run(new JobControl());
        Inversion.Result b = IdentityPortrait.job(net, person, o, 4).run(new JobControl());
        double end = IdentityPortrait.distance(net, a.image(), person);
        assertTrue(end < start, "distance " + start + " -> " + end);
        assertTrue(a.image().equalsWithEps(b.image(), 1e-5), "same seed, same portrait");
        assertEquals(150, a.picture().getWidth());
        assertTrue(a.image().maxNumber().doubleValue() <= 1 && a.image().minNumber().doubleValue() >= -1, "kept in range");
    }

    @Test
    void theFaceInputTransformIsFaceApisNormalisationAndItsAdjoint() {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 150, 150).muli(2).subi(1);
        Transform.Applied t = new IdentityPortrait.FaceInput().apply(x, new Random(1));
        float[] mean = FaceRecognitionNet.meanRgb();
        double rgb = (x.getDouble(0, 1, 7, 9) + 1) * 127.5;
        assertEquals((rgb - mean[1]) / 255, t.image().getDouble(0, 1, 7, 9), 1e-5);
        INDArray g = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.shape());
        assertTrue(t.pullBack(g).equalsWithEps(g.mul(0.5), 1e-6));
    }

    @Test
    void aDescriptorOfTheWrongLengthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityPortrait.job(net, new float[12], IdentityPortrait.Options.DEFAULTS, 10));
        assertTrue(e.getMessage().contains("128"));
    }
}
