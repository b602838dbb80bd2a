package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accurate pipeline end to end through analyse(), against face-api's recorded outputs on the sample photos. */
class FacePipelineAnalyseTest {

    @Test
    void sampleFacesAndGendersAreFaceApis() throws Exception {
        FacePipeline pipeline = FacePipeline.load(Path.of("models/face-api"), FacePipeline.Speed.ACCURATE);
        for (FaceReference.Sample s : FaceReference.load().samples()) {
            BufferedImage img = ImageIO.read(s.path().toFile());
            List<FaceReport> faces = pipeline.analyse(img, FaceAnalyser.Options.ALL).faces();
            assertEquals(s.ssd().size(), faces.size(), s.file() + " face count");
            for (FaceReference.Face ref : s.ssd()) {
                FaceBox want = ref.box().toFaceBox();
                FaceReport got = faces.stream().max((a, b) -> Double.compare(a.box().iou(want), b.box().iou(want))).orElseThrow();
                assertTrue(got.box().iou(want) >= 0.95, s.file() + " box " + got.box() + " vs " + want);
                assertEquals(FaceLandmarks68.POINTS, got.landmarks().size());
                assertNotNull(got.attributes(), "attributes were asked for");
                assertEquals(ref.gender(), got.attributes().gender(), s.file() + " gender of " + want);
                // nobody is enrolled: every face is asked about and comes back unknown, with no distance
                assertEquals(FaceReport.Identity.UNKNOWN, got.identity().name());
                assertTrue(Double.isNaN(got.identity().distance()));
            }
        }
    }
}
