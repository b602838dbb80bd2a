package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FacePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "detect", mixinStandardHelpOptions = true, description = {"Find the faces in photos; prints one JSON array with one object per readable image",
        "(each unreadable one is named on stderr with the reason; it fails only when none could be read):",
        "{image, width, height, faces: [{box: {x, y, width, height}, score, landmarks: 68 [x, y] pairs in image pixels,",
        "age, gender, gender_probability, expression, expression_probability}]} (face-api's networks).",
        "Accurate by default (SSD-MobileNetV1); --fast uses the live detector (tiny_face_detector at 320)."})
final class DetectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Photos (PNG, JPEG, GIF, BMP).")
    List<Path> images;
    @Option(names = "--fast", description = "The live detector: ~6× faster, misses small or turned faces more often.")
    boolean fast;
    @Option(names = "--descriptors", description = "Also print each face's 128-d descriptor (the recogniser's, on the aligned"
            + " 150×150 crop that enroll, recognize and the booth use) as \"descriptor\".")
    boolean descriptors;

    @Override
    public Integer call() throws Exception {
        FacePipeline pipeline = FaceCli.pipeline(fast);
        FaceAnalyser.Options o = new FaceAnalyser.Options(true, descriptors, true, false);
        List<Object> out = new ArrayList<>();
        for (Path p : images) {
            BufferedImage img = FaceCli.readOrReport(p);
            if (img == null) continue;
            List<Object> faces = new ArrayList<>();
            for (FacePipeline.Face f : pipeline.faces(img, o)) {
                Map<String, Object> face = FaceCli.face(f.report());
                if (descriptors) {
                    double[] d = new double[f.descriptor().length];
                    for (int k = 0; k < d.length; k++) d[k] = FaceCli.round(f.descriptor()[k]);
                    face.put("descriptor", d);
                }
                faces.add(face);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", p.toString());
            m.put("width", img.getWidth());
            m.put("height", img.getHeight());
            m.put("faces", faces);
            out.add(m);
        }
        if (out.isEmpty()) throw FaceCli.noneReadable(images.size());
        FaceCli.print(out);
        return 0;
    }
}
