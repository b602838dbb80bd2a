package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.image.Images;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "align", mixinStandardHelpOptions = true, description = {"Write each face's aligned 150×150 crop (eyes and mouth on dlib's template, "
        + "what the recognition net sees) as DIR/<image>-face<N>.png, N from 1 in detection order.",
        "Prints one JSON array: [{image, face, box, file}] for every crop written; each unreadable image is named on stderr",
        "with the reason (it fails only when none could be read)."})
final class AlignCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Photos (JPEG, PNG, BMP, GIF).")
    List<Path> images;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder for the crops (made if missing).")
    Path out;
    @Option(names = "--fast", description = "The live detector (tiny_face_detector at 320).")
    boolean fast;
    @Option(names = "--mean", paramLabel = "FILE", description = "Also write the mean of all crops as a PNG "
            + "(assets/portrait/mean-face.png, the identity portrait's start, is the mean of the sample photos' faces).")
    Path mean;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        FacePipeline pipeline = FaceCli.pipeline(fast);
        FaceAnalyser.Options o = new FaceAnalyser.Options(false, true, false, false);
        List<Object> written = new ArrayList<>();
        List<BufferedImage> crops = new ArrayList<>();
        int readable = 0;
        for (Path p : images) {
            BufferedImage img = FaceCli.readOrReport(p);
            if (img == null) continue;
            readable++;
            String stem = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            List<FacePipeline.Face> faces = pipeline.faces(img, o);
            for (int i = 0; i < faces.size(); i++) {
                Path file = out.resolve(stem + "-face" + (i + 1) + ".png");
                Images.writePng(faces.get(i).aligned(), file);
                crops.add(faces.get(i).aligned());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", p.toString());
                m.put("face", i + 1);
                m.put("box", FaceCli.box(faces.get(i).report().box()));
                m.put("file", file.toString());
                written.add(m);
            }
        }
        if (readable == 0) throw FaceCli.noneReadable(images.size());
        if (mean != null) {
            if (crops.isEmpty()) throw new IllegalArgumentException("no faces found, so no mean face");
            Images.writePng(Images.mean(crops), mean);
        }
        FaceCli.print(written);
        return 0;
    }
}
