package dev.latentstudio.engine.bench;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.invert.Fourier;
import dev.latentstudio.engine.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-frame and per-step paths free their own native buffers instead of leaving them for the Java collector
 * (which comes too seldom for native memory: the studio held 6.4 GB after an hour). Each counts the unfreed buffers
 * a few calls leave behind; a collection in between could only hide garbage, never invent it.
 */
class NativeBuffersTest {

    @Test
    void countsAnUnfreedArrayAndForgetsItOnceClosed() {
        long before = NativeBuffers.detachedBytes();
        assertTrue(before >= 0, "ND4J's buffer table is readable");
        INDArray a = Nd4j.create(DataType.FLOAT, 1000, 100);
        assertEquals(400_000, NativeBuffers.detachedBytes() - before, 50_000);
        assertTrue(NativeBuffers.histogram().getOrDefault(400_000L, 0) >= 1);
        a.close();
        assertTrue(NativeBuffers.detachedBytes() - before < 50_000);
    }

    /** The Lab's morph: 60 frames a second, each a latent in and a picture out (3.4 KB a frame left before). */
    @Test
    void aMorphFrameLeavesNothingBehind() throws Exception {
        GeneratorModel g = GeneratorModel.load(ModelStore.DEFAULT_GENERATOR);
        float[] z = new float[g.latentDim()];
        g.argb(z);
        long before = NativeBuffers.detachedBytes();
        for (int i = 0; i < 60; i++) {
            z[i % z.length] += 0.1f;
            g.argb(z);
        }
        long left = NativeBuffers.detachedBytes() - before;
        assertTrue(left < 60 * 1024, "60 frames left " + left + " bytes");
    }

    /** A booth frame with every part (detector, landmarks, descriptor, age/gender, expression): 2–7 MB a frame before. */
    @Test
    void aBoothFrameFreesItsNetInputs() throws Exception {
        FacePipeline p = FacePipeline.loadBoth(StudioPaths.models().resolve("face-api"));
        BufferedImage photo = ImageReading.read(StudioPaths.assets().resolve("faces/sample5.jpg"));
        assertTrue(p.analyse(photo, FaceAnalyser.Options.ALL).faces().size() >= 2, "a photo of several faces");
        long before = NativeBuffers.detachedBytes();
        for (int i = 0; i < 3; i++) p.analyse(photo, FaceAnalyser.Options.ALL.accurately(i % 2 == 0));
        long left = NativeBuffers.detachedBytes() - before;
        assertTrue(left < 3 * 100 * 1024, "3 frames left " + left + " bytes");
    }

    /** A face edit's Fourier image and gradient each step: ~40 chip-sized temporaries a call before. */
    @Test
    void theFourierImageKeepsItsTemporariesInAWorkspace() {
        Fourier f = Fourier.of(Nd4j.rand(DataType.FLOAT, 1, 3, 150, 150));
        INDArray grad = Nd4j.rand(DataType.FLOAT, 1, 3, 150, 150);
        f.paramGradient(f.image()).close();
        long before = NativeBuffers.detachedBytes();
        for (int i = 0; i < 3; i++) {
            INDArray x = f.image();
            f.setImage(x);
            INDArray pg = f.paramGradient(grad);
            x.close();
            pg.close();
        }
        long left = NativeBuffers.detachedBytes() - before;
        assertTrue(left < 100 * 1024, "3 steps left " + left + " bytes");
    }
}
