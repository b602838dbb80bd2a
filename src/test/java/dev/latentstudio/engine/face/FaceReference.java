package dev.latentstudio.engine.face;

import com.google.gson.Gson;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * src/test/resources/faces/reference.json: outputs of the original face-api networks recorded in Node by
 * scripts/record-face-reference.cjs (field names as written there).
 */
public record FaceReference(String source, List<Sample> samples, Scene scene, List<Isolated> isolated) {

    public record Box(double x, double y, double width, double height) {
        public FaceBox toFaceBox() {
            return new FaceBox(x, y, width, height);
        }
    }

    public record Detection(Box box, double score) {
    }

    public record Face(Box box, double score, double[][] landmarks68, double[][] landmarks68Tiny, Box alignedRect,
                       Box dlibRect, float[] descriptor, double age, String gender, double genderProbability,
                       Map<String, Double> expressions) {
    }

    public record Sample(String file, int width, int height, double jpegJsMeanRgb, List<Face> ssd,
                         List<Detection> tiny) {
        public Path path() {
            return Path.of("assets/faces", file);
        }
    }

    /** scene.png (read exactly, unlike the JPEGs): detections, the whole pipeline, and crop checks. */
    public record Scene(String file, int width, int height, List<Detection> ssd, List<Detection> tiny,
                        List<Face> faces, List<Crop> crops) {
    }

    /** face-api's crop + padToSquare + resizeBilinear of a fractional box, HWC floats, unrounded. */
    public record Crop(Box box, int size, float[] values) {
    }

    /** Raw outputs for the PNG inputs rec150 (150×150) and lm112 (112×112), which need no crop or resize. */
    public record Isolated(String id, String from, String rec150, String lm112, float[] descriptor,
                           float[] landmarks68Raw, float[] landmarks68TinyRaw, double age,
                           float[] genderProbabilities, float[] expressionLogits, float[] expressionProbabilities) {
    }

    private static FaceReference loaded;

    public static synchronized FaceReference load() {
        if (loaded == null) {
            try (InputStream in = resource("reference.json")) {
                loaded = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), FaceReference.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /** A PNG test input from src/test/resources/faces. */
    public static BufferedImage image(String name) {
        try (InputStream in = resource(name)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FaceReference.class.getResourceAsStream("/faces/" + name);
        if (in == null) throw new IOException("missing test resource faces/" + name);
        return in;
    }

    public static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
