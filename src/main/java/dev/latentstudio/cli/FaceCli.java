package dev.latentstudio.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.image.ImageReading;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the face commands share: the shipped networks, reading photos with clear errors, and the JSON shapes. */
final class FaceCli {
    /** NaN distances (nobody enrolled) must not stop the output; they print as NaN only where unavoidable. */
    static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private FaceCli() {
    }

    static Path models() {
        return StudioPaths.models().resolve("face-api");
    }

    static FacePipeline pipeline(boolean fast) throws IOException {
        return FacePipeline.load(models(), fast ? FacePipeline.Speed.LIVE : FacePipeline.Speed.ACCURATE);
    }

    /** A photo, or an {@link ImageReading.Unusable} that names the file and what is wrong with it. */
    static BufferedImage read(Path p) throws ImageReading.Unusable {
        return ImageReading.read(p);
    }

    /**
     * A photo of a batch, or null after saying on stderr why it cannot be read: one bad file must not cost
     * the others their results.
     */
    static BufferedImage readOrReport(Path p) {
        try {
            return ImageReading.read(p);
        } catch (ImageReading.Unusable e) {
            System.err.println(unreadable(e));
            return null;
        }
    }

    /** "FILE: unreadable: REASON", the line every face command prints for a photo it passes over. */
    static String unreadable(ImageReading.Unusable e) {
        return e.file() + ": unreadable: " + e.reason();
    }

    /** The error when not one photo of a batch could be read; each was reported already. */
    static IllegalArgumentException noneReadable(int given) {
        return new IllegalArgumentException(given == 1 ? "the photo could not be read" : "none of the " + given + " photos could be read");
    }

    static Map<String, Object> box(FaceBox b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", round(b.x()));
        m.put("y", round(b.y()));
        m.put("width", round(b.width()));
        m.put("height", round(b.height()));
        return m;
    }

    /** One face as detect prints it: box, score, landmarks as [x, y] pairs, and the attributes when measured. */
    static Map<String, Object> face(FaceReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", box(r.box()));
        m.put("score", round(r.score()));
        if (!r.landmarks().isEmpty()) {
            List<double[]> pts = new ArrayList<>();
            for (FaceReport.Point p : r.landmarks()) pts.add(new double[]{round(p.x()), round(p.y())});
            m.put("landmarks", pts);
        }
        FaceReport.Attributes a = r.attributes();
        if (a != null) {
            m.put("age", round(a.age()));
            m.put("gender", a.gender());
            m.put("gender_probability", round(a.genderProbability()));
            m.put("expression", a.expression());
            m.put("expression_probability", round(a.expressionProbability()));
        }
        return m;
    }

    /** Four decimals keep the JSON readable; pixels and probabilities are not more exact than that. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }

    static void print(Object o) {
        System.out.println(GSON.toJson(o));
    }
}
