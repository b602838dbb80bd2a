package dev.latentstudio.cli;

import dev.latentstudio.engine.face.IdentityClassifier;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** detect, enroll, recognize, align and evaluate-faces on the sample photos, with the gallery in a temp data folder. */
class FaceCommandsTest {
    private static final Set<String> EXPRESSIONS = Set.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");
    @TempDir
    Path data;
    private String savedData;

    @BeforeEach
    void useTempData() {
        savedData = System.getProperty("studio.data");
        System.setProperty("studio.data", data.toString());
    }

    @AfterEach
    void restoreData() {
        if (savedData == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedData);
    }

    /** The command's JSON: the last line (progress bars and warnings go to stderr, which run() also captures). */
    private static JsonElement json(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("{") || l.startsWith("[")).toList();
        return JsonParser.parseString(lines.get(lines.size() - 1));
    }

    private static FaceBox box(JsonObject face) {
        JsonObject b = face.getAsJsonObject("box");
        return new FaceBox(b.get("x").getAsDouble(), b.get("y").getAsDouble(), b.get("width").getAsDouble(), b.get("height").getAsDouble());
    }

    @Test
    void detectFindsFaceApisFacesWithLandmarksAndAttributes() {
        List<FaceReference.Sample> samples = FaceReference.load().samples();
        String[] args = new String[samples.size() + 1];
        args[0] = "detect";
        for (int i = 0; i < samples.size(); i++) args[i + 1] = samples.get(i).path().toString();
        JsonArray images = json(CliTest.run(0, args)).getAsJsonArray();
        assertEquals(samples.size(), images.size());
        for (int i = 0; i < samples.size(); i++) {
            FaceReference.Sample s = samples.get(i);
            JsonObject img = images.get(i).getAsJsonObject();
            assertEquals(s.path().toString(), img.get("image").getAsString());
            assertEquals(s.width(), img.get("width").getAsInt());
            JsonArray faces = img.getAsJsonArray("faces");
            assertEquals(s.ssd().size(), faces.size(), s.file() + " face count");
            for (JsonElement e : faces) {
                JsonObject f = e.getAsJsonObject();
                FaceBox b = box(f);
                FaceReference.Face ref = s.ssd().stream().max((x, y) -> Double.compare(
                        x.box().toFaceBox().iou(b), y.box().toFaceBox().iou(b))).orElseThrow();
                assertTrue(ref.box().toFaceBox().iou(b) >= 0.95, s.file() + " box " + b);
                assertEquals(68, f.getAsJsonArray("landmarks").size());
                double x0 = f.getAsJsonArray("landmarks").get(30).getAsJsonArray().get(0).getAsDouble();
                assertTrue(x0 > b.x() && x0 < b.right(), "the nose tip lies inside its face box");
                assertEquals(ref.gender(), f.get("gender").getAsString(), s.file());
                double age = f.get("age").getAsDouble(); // end to end on these JPEGs ages differ from face-api's by up to ~10 years (evaluate-faces reports it): a sanity range only
                assertTrue(age > 5 && age < 80, s.file() + " age " + age);
                assertTrue(EXPRESSIONS.contains(f.get("expression").getAsString()));
                double p = f.get("expression_probability").getAsDouble();
                assertTrue(p > 1 / 7.0 && p <= 1, "the top expression's probability " + p);
            }
        }
        // the live detector: faces, each on one of face-api's faces (it boxes them differently, so no IoU bound)
        FaceReference.Sample s = samples.get(0);
        JsonArray fast = json(CliTest.run(0, "detect", "--fast", s.path().toString())).getAsJsonArray()
                .get(0).getAsJsonObject().getAsJsonArray("faces");
        assertFalse(fast.isEmpty());
        for (JsonElement e : fast) {
            FaceBox b = box(e.getAsJsonObject());
            double cx = b.x() + b.width() / 2, cy = b.y() + b.height() / 2;
            assertTrue(s.ssd().stream().map(f -> f.box().toFaceBox()).anyMatch(r -> cx > r.x() && cx < r.right() && cy > r.y() && cy < r.bottom()),
                    "fast face " + b + " is on none of face-api's faces");
        }
        // --descriptors: the 128-d vector of each face, different people far apart
        JsonArray withD = json(CliTest.run(0, "detect", "--fast", "--descriptors", s.path().toString())).getAsJsonArray()
                .get(0).getAsJsonObject().getAsJsonArray("faces");
        assertTrue(withD.size() >= 2);
        double[][] d = new double[2][];
        for (int i = 0; i < 2; i++) {
            JsonArray v = withD.get(i).getAsJsonObject().getAsJsonArray("descriptor");
            assertEquals(128, v.size());
            d[i] = new double[128];
            for (int k = 0; k < 128; k++) d[i][k] = v.get(k).getAsDouble();
        }
        double dist = 0;
        for (int k = 0; k < 128; k++) dist += (d[0][k] - d[1][k]) * (d[0][k] - d[1][k]);
        assertTrue(Math.sqrt(dist) > 0.3, "two people's descriptors " + Math.sqrt(dist) + " apart");
    }

    @Test
    void enrolThenRecognizeNamesTheEnrolledFaceOnlyAndRemoveEmptiesTheGallery(@TempDir Path tmp) {
        String sample1 = "assets/faces/sample1.jpg", sample5 = "assets/faces/sample5.jpg";
        String none = CliTest.run(2, "recognize", sample1);
        assertTrue(none.contains("nobody is enrolled"), none);

        // a photo without a face and a missing file are reported; the face in sample1 is enrolled
        String faceless = tmp.resolve("grey.png").toString();
        writeGrey(faceless);
        JsonObject enrolled = json(CliTest.run(0, "enroll", "Alice", sample1, faceless, tmp.resolve("missing.jpg").toString())).getAsJsonObject();
        assertEquals("Alice", enrolled.get("name").getAsString());
        assertEquals(1, enrolled.getAsJsonArray("added").size());
        assertEquals(2, enrolled.getAsJsonArray("skipped").size());
        assertEquals(1, enrolled.get("descriptors").getAsInt());
        assertTrue(Files.isDirectory(data.resolve("faces")), "the gallery is in the data folder");
        FaceBox enrolledBox = box(enrolled.getAsJsonArray("added").get(0).getAsJsonObject());

        // only faceless photos: an error, and nobody new is enrolled
        String bad = CliTest.run(2, "enroll", "Bob", faceless);
        assertTrue(bad.contains("no face found"), bad);
        JsonArray people = json(CliTest.run(0, "enroll", "--list")).getAsJsonObject().getAsJsonArray("people");
        assertEquals(1, people.size());
        assertEquals("Alice", people.get(0).getAsJsonObject().get("name").getAsString());

        JsonArray images = json(CliTest.run(0, "recognize", sample1, sample5)).getAsJsonArray();
        int named = 0;
        for (JsonElement e : images.get(0).getAsJsonObject().getAsJsonArray("faces")) {
            JsonObject f = e.getAsJsonObject();
            if (box(f).iou(enrolledBox) > 0.9) {
                assertEquals("Alice", f.get("name").getAsString());
                assertTrue(f.get("distance").getAsDouble() < 0.05, "the enrolled face itself: " + f);
                assertEquals(1.0, f.get("probability").getAsDouble(), 1e-9, "one person enrolled");
                named++;
            }
        }
        assertEquals(1, named);
        JsonArray other = images.get(1).getAsJsonObject().getAsJsonArray("faces");
        assertEquals(5, other.size());
        for (JsonElement e : other) {
            JsonObject f = e.getAsJsonObject();
            assertEquals("unknown", f.get("name").getAsString(), "a face from another photo: " + f);
            assertTrue(f.get("distance").getAsDouble() > 0.6);
        }

        CliTest.run(0, "enroll", "--remove", "alice");
        assertEquals(0, json(CliTest.run(0, "enroll", "--list")).getAsJsonObject().getAsJsonArray("people").size());
    }

    private static void writeGrey(String file) {
        BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 200, 150);
        g.dispose();
        try {
            ImageIO.write(img, "png", Path.of(file).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void portraitOfAPhotosFaceComesCloserToItThanTheMeanFaceAndNamesMissingPeople(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("me.png");
        JsonObject o = json(CliTest.run(0, "invert", "portrait", "--image", "assets/faces/sample2.jpg", "--steps", "15",
                "--out", out.toString())).getAsJsonObject();
        double start = o.get("start_distance").getAsDouble(), end = o.get("distance").getAsDouble();
        assertTrue(end < start, "the portrait moves towards the person: " + start + " -> " + end);
        for (Path p : List.of(out, tmp.resolve("me-view.png"))) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertTrue(img.getHeight() >= 150, p + " at least the recogniser's 150 pixels");
            assertTrue(CliTest.notBlank(img), p + " holds a picture");
        }
        assertTrue(CliTest.run(2, "invert", "portrait", "--person", "Nobody", "--out", out.toString()).contains("nobody called 'Nobody'"));
    }

    @Test
    void channelVisualisationRunsOnTheFaceRecognisersLayers(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ch");
        JsonObject o = json(CliTest.run(0, "invert", "channel", "-c", "face-recognition", "--layer", "conv32_1_conv1",
                "--channel", "2", "--steps", "6", "--out", out.toString())).getAsJsonObject();
        assertTrue(o.get("activation").getAsDouble() > o.get("activation_start").getAsDouble(), o.toString());
        assertTrue(CliTest.notBlank(ImageIO.read(tmp.resolve("ch.png").toFile())));
        assertTrue(CliTest.run(2, "invert", "channel", "-c", "face-recognition", "--layer", "conv9", "--out", out.toString())
                .contains("conv32_down"), "an unknown layer lists the real ones");
    }

    @Test
    void expressionVisualisationMovesTheMeanFaceTowardsTheAskedExpression(@TempDir Path tmp) throws Exception {
        JsonObject o = json(CliTest.run(0, "invert", "expression", "surprised", "--steps", "8", "--out",
                tmp.resolve("wow").toString())).getAsJsonObject();
        double before = o.getAsJsonObject("before").get("surprised").getAsDouble();
        double after = o.getAsJsonObject("after").get("surprised").getAsDouble();
        assertTrue(after > before, before + " -> " + after);
        assertTrue(CliTest.notBlank(ImageIO.read(tmp.resolve("wow.png").toFile())));
        assertTrue(CliTest.run(2, "invert", "expression", "bored", "--out", tmp.resolve("x").toString()).contains("no expression 'bored'"));

        JsonObject older = json(CliTest.run(0, "invert", "age-gender", "older", "--steps", "8", "--out",
                tmp.resolve("old").toString())).getAsJsonObject();
        assertTrue(older.getAsJsonObject("after").get("age").getAsDouble() > older.getAsJsonObject("before").get("age").getAsDouble(),
                older.toString());
        assertTrue(CliTest.run(2, "invert", "age-gender", "taller", "--out", tmp.resolve("x").toString()).contains("no target 'taller'"));
    }

    @Test
    void alignWritesTheMeanFace(@TempDir Path tmp) throws Exception {
        Path mean = tmp.resolve("mean.png");
        CliTest.run(0, "align", "assets/faces/sample4.jpg", "--out", tmp.resolve("crops").toString(), "--mean", mean.toString());
        BufferedImage img = ImageIO.read(mean.toFile());
        assertEquals(150, img.getWidth());
        assertTrue(CliTest.notBlank(img));
    }

    @Test
    void alignWritesEachFacesAlignedCrop(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("crops");
        JsonArray written = json(CliTest.run(0, "align", "assets/faces/sample1.jpg", "assets/faces/sample4.jpg", "--out", out.toString())).getAsJsonArray();
        assertEquals(3 + 4, written.size());
        assertTrue(Files.exists(out.resolve("sample1-face3.png")) && Files.exists(out.resolve("sample4-face4.png")));
        for (JsonElement e : written) {
            Path file = Path.of(e.getAsJsonObject().get("file").getAsString());
            BufferedImage img = ImageIO.read(file.toFile());
            assertEquals(150, img.getWidth());
            assertEquals(150, img.getHeight());
            assertTrue(CliTest.notBlank(img), file + " holds a picture");
        }
        try (var files = Files.list(out)) {
            assertEquals(7, files.count());
        }
    }

    @Test
    void evaluateFacesReportsThePortAndIdentificationFigures() {
        JsonObject o = json(CliTest.run(0, "evaluate-faces", "--people", "2", "--enrol-variants", "1", "--probe-variants", "2"))
                .getAsJsonObject();
        // the bounds for the port
        assertTrue(o.get("detection_iou_min").getAsDouble() >= 0.95, o.toString());
        assertTrue(o.get("landmark_error_px_max").getAsDouble() < 1, o.toString());
        assertTrue(o.get("embedding_cosine_min").getAsDouble() >= 0.999, o.toString());
        assertEquals(1.0, o.get("gender_agreement").getAsDouble());
        assertEquals(22, o.get("reference_faces").getAsInt());
        for (String k : new String[]{"identification_accuracy", "unknown_rejection_rate"}) {
            double v = o.get(k).getAsDouble();
            assertTrue(v >= 0 && v <= 1, k + " = " + v);
        }
        // every route (detector for enrolling and probing, crop) measured on the same variants; the first is the studio's
        JsonArray routes = o.getAsJsonArray("routes");
        assertEquals(6, routes.size());
        assertEquals(o.get("identification_accuracy").getAsDouble(),
                routes.get(0).getAsJsonObject().get("identification_accuracy").getAsDouble());
        Set<String> names = new java.util.HashSet<>();
        for (JsonElement r : routes) {
            names.add(r.getAsJsonObject().get("route").getAsString());
            double v = r.getAsJsonObject().get("unknown_rejection_rate").getAsDouble();
            assertTrue(v >= 0 && v <= 1, r.toString());
        }
        assertEquals(6, names.size(), names.toString());
        assertEquals(1, o.get("people_enrolled").getAsInt());
        assertEquals(1, o.get("people_held_out").getAsInt());
        assertEquals(IdentityClassifier.DEFAULT_THRESHOLD, o.get("threshold").getAsDouble());
        assertEquals(7, o.getAsJsonArray("threshold_sweep").size());
        assertTrue(o.getAsJsonArray("notes").size() > 0);
        // a stricter threshold can only reject more strangers
        JsonArray sweep = o.getAsJsonArray("threshold_sweep");
        for (int i = 1; i < sweep.size(); i++) {
            assertTrue(sweep.get(i).getAsJsonObject().get("unknown_rejection_rate").getAsDouble()
                    <= sweep.get(i - 1).getAsJsonObject().get("unknown_rejection_rate").getAsDouble());
        }
    }
}
