package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.face.IdentityClassifier;
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

@Command(name = "recognize", mixinStandardHelpOptions = true, description = {"Name the faces in photos against the enrolled gallery (./studio enroll): "
        + "a linear SVM over the descriptors, and \"unknown\" when the nearest enrolled descriptor is farther than --threshold.",
        "Prints one JSON array, one object per readable image: {image, faces: [{box, score, name, probability, distance}]};",
        "each unreadable image is named on stderr with the reason (it fails only when none could be read);",
        "probability is the SVM's (1 with one person enrolled, 0 for unknown), distance the Euclidean one to the nearest descriptor."})
final class RecognizeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Photos (JPEG, PNG, BMP, GIF).")
    List<Path> images;
    @Option(names = "--threshold", converter = Ranges.PositiveReal.class, paramLabel = "D", defaultValue = "" + IdentityClassifier.DEFAULT_THRESHOLD,
            description = "Farther than this from every enrolled descriptor is \"unknown\" (default: ${DEFAULT-VALUE}, face-api's).")
    double threshold;
    @Option(names = "--fast", description = "The live detector (tiny_face_detector at 320).")
    boolean fast;

    @Override
    public Integer call() throws Exception {
        FaceGallery gallery = FaceGallery.inUserData();
        for (String r : gallery.repairs()) System.err.println("gallery repair: " + r);
        FaceGallery.Contents contents = gallery.load();
        for (FaceGallery.Problem p : contents.problems()) System.err.println("warning: gallery: " + p);
        if (contents.embeddingsByName().isEmpty()) {
            throw new IllegalArgumentException("nobody is enrolled in " + gallery.root()
                    + " yet: add people first with ./studio enroll NAME IMG…");
        }
        FacePipeline pipeline = FaceCli.pipeline(fast);
        pipeline.setIdentities(IdentityClassifier.train(contents, threshold));
        FaceAnalyser.Options o = new FaceAnalyser.Options(false, true, false, false);
        List<Object> out = new ArrayList<>();
        for (Path p : images) {
            BufferedImage img = FaceCli.readOrReport(p);
            if (img == null) continue;
            List<Object> faces = new ArrayList<>();
            for (FaceReport r : pipeline.analyse(img, o).faces()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("box", FaceCli.box(r.box()));
                m.put("score", FaceCli.round(r.score()));
                m.put("name", r.identity().name());
                m.put("probability", FaceCli.round(r.identity().probability()));
                m.put("distance", FaceCli.round(r.identity().distance()));
                faces.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", p.toString());
            m.put("faces", faces);
            out.add(m);
        }
        if (out.isEmpty()) throw FaceCli.noneReadable(images.size());
        FaceCli.print(out);
        return 0;
    }
}
