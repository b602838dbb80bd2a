package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceAligner;
import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceDescriber;
import dev.latentstudio.engine.face.FaceLandmarkNet;
import dev.latentstudio.engine.face.FaceLandmarker;
import dev.latentstudio.engine.face.FaceLandmarks68;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.face.Landmarks68;
import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.pix2pix.Pairs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The couples layout of pix2pix on three photos cut from the bundled group photo sample1.jpg (three people in a row):
 * a two-person crop, a one-person crop, and the whole photo, with a text file among them.
 */
class CouplePairsTest {
    private static final Path MODELS = Path.of("models/face-api");
    private static final int SIDE = 64;

    @TempDir
    static Path tmp;
    private static Path couple;
    private static Path photos;
    private static Path notes;
    private static FacePipeline faces;

    @BeforeAll
    static void photos() throws Exception {
        BufferedImage group = ImageReading.read(Path.of("assets/faces/sample1.jpg"));
        photos = Files.createDirectories(tmp.resolve("photos"));
        // cut from the real photo (faces at x ≈ 414–591, 838–1024 and 1476–1679): the left two people, then the right one alone
        couple = photos.resolve("couple.png");
        ImageIO.write(group.getSubimage(250, 200, 950, 600), "png", couple.toFile());
        ImageIO.write(group.getSubimage(1300, 50, 550, 600), "png", photos.resolve("single.png").toFile());
        Files.copy(Path.of("assets/faces/sample1.jpg"), photos.resolve("group.jpg"));
        notes = photos.resolve("notes.jpg");
        Files.writeString(notes, "not a photo");
        faces = FacePipeline.load(MODELS, FacePipeline.Speed.ACCURATE);
    }

    @Test
    void aTwoFacePhotoGivesLeftFaceToRightFaceAlignedAndTheRestIsSkippedWithTheReason() throws Exception {
        Pairs pairs = Pairs.couples(photos, SIDE, faces, false);
        assertEquals(1, pairs.size(), pairs.describe());
        assertEquals(3, pairs.inChannels());
        Map<String, String> skipped = pairs.skipped().stream()
                .collect(Collectors.toMap(s -> s.file().getFileName().toString(), ImageFolder.Skipped::reason));
        assertEquals("1 face found (needs 2)", skipped.get("single.png"), skipped.toString());
        assertEquals("3 faces found: ambiguous couple", skipped.get("group.jpg"), skipped.toString());
        ImageReading.Unusable bad = assertThrows(ImageReading.Unusable.class, () -> ImageReading.read(notes));
        assertEquals("unreadable: " + bad.reason(), skipped.get("notes.jpg"));
        assertEquals(3, skipped.size(), skipped.toString());

        int l = pairs.loadSide();
        BufferedImage a = Images.toImage(pairs.pair(0).a(), 3, l, l), b = Images.toImage(pairs.pair(0).b(), 3, l, l);
        // each side is an aligned face: landmarks found again on the crop put eyes and mouth where dlib's template does
        FaceLandmarker marks = FaceLandmarker.load(MODELS, FaceLandmarkNet.Variant.FULL);
        List<Point2> targets = new FaceAligner(l, FaceAligner.DLIB).targets();
        for (BufferedImage side : List.of(a, b)) {
            Landmarks68 m = landmarks(marks.landmarks(side, new FaceBox(0, 0, l, l)));
            List<Point2> found = List.of(m.leftEye(), m.rightEye(), m.mouth());
            for (int k = 0; k < 3; k++) {
                double off = Math.hypot(found.get(k).x() - targets.get(k).x(), found.get(k).y() - targets.get(k).y());
                assertTrue(off < 0.05 * l, "point " + k + " of the template is " + off + " px off in a " + l + " px crop");
            }
        }
        // A is the left person, B the right one: the recogniser puts each nearer the same person found in the photo
        List<FacePipeline.Face> found = new ArrayList<>(faces.faces(ImageReading.read(couple), new FaceAnalyser.Options(true, true, false, false, true)));
        assertEquals(2, found.size());
        found.sort(Comparator.comparingDouble(f -> f.report().box().x()));
        FaceRecognitionNet net = faces.recognition();
        float[] da = net.descriptor(FaceTensors.netInput(a, new FaceBox(0, 0, l, l), FaceRecognitionNet.SIZE));
        float[] db = net.descriptor(FaceTensors.netInput(b, new FaceBox(0, 0, l, l), FaceRecognitionNet.SIZE));
        float[] left = found.get(0).descriptor(), right = found.get(1).descriptor();
        assertTrue(FaceDescriber.distance(da, left) < FaceDescriber.distance(da, right), "A is not the left face");
        assertTrue(FaceDescriber.distance(db, right) < FaceDescriber.distance(db, left), "B is not the right face");

        Path one = Files.createDirectories(tmp.resolve("one"));
        Files.copy(couple, one.resolve("couple.png"));
        Pairs both = Pairs.couples(one, SIDE, faces, true);
        assertEquals(2, both.size());
        assertArrayEquals(both.pair(0).a(), both.pair(1).b());
        assertArrayEquals(both.pair(0).b(), both.pair(1).a());
        assertArrayEquals(pairs.pair(0).a(), both.pair(0).a());
    }

    private static Landmarks68 landmarks(FaceLandmarks68 m) {
        List<Point2> p = new ArrayList<>();
        for (int k = 0; k < FaceLandmarks68.POINTS; k++) p.add(new Point2(m.x(k), m.y(k)));
        return new Landmarks68(p);
    }

    @Test
    void trainAndEvaluateOnCouplesFromTheCommandLine() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("cli"));
        Files.copy(couple, data.resolve("couple.png"));
        Files.copy(notes, data.resolve("notes.jpg"));
        Path model = tmp.resolve("model");
        String grey = CliTest.run(2, "train-pix2pix", "--data", data.toString(), "--layout", "couples", "--channels", "1",
                "--steps", "1", "--out", model.toString());
        assertTrue(grey.contains("--channels 3"), grey);
        String out = CliTest.run(0, "train-pix2pix", "--data", data.toString(), "--layout", "couples", "--both-directions",
                "--size", "32", "--filters", "4", "--d-filters", "4", "--steps", "1", "--out", model.toString());
        assertTrue(out.contains("skipped notes.jpg: unreadable: ") && out.contains("both directions") && out.contains("2 pairs"), out);
        assertTrue(ModelCard.read(model).command().contains("--layout couples --channels 3 --both-directions"), ModelCard.read(model).command());
        String eval = CliTest.run(0, "evaluate-pix2pix", "-m", model.toString(), "--data", data.toString(), "--layout", "couples");
        assertTrue(eval.contains("\"held_out_pairs\":1") && eval.contains("\"ssim\""), eval);
    }
}
