package dev.latentstudio.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceReport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    /** A photo as RGB, or an IOException that names the file and what is wrong with it. */
    static BufferedImage read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "no such image file");
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) throw new IOException(p + ": not an image Java can read (use PNG, JPEG, GIF or BMP)");
        return img;
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
