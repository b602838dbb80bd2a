package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.Inversion;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "portrait", mixinStandardHelpOptions = true, description = "The identity portrait: the picture the face "
        + "recogniser remembers of one person, drawn by running it backwards from their 128-d descriptor (the largest face "
        + "in a photo, or the average of an enrolled person's). 300 steps unless --steps says otherwise. Writes OUT.png (150x150) and OUT-view.png (the face the "
        + "recogniser saw beside the portrait, when drawn from a photo) and prints one JSON line with the portrait's own "
        + "distance to the descriptor (face-api counts below 0.6 as the same person).")
final class InvertPortraitCommand implements Callable<Integer> {
    @Mixin
    FaceInvertOptions knobs;

    static final class Who {
        @Option(names = "--image", paramLabel = "FILE", description = "A photo; its largest face is drawn.")
        Path image;
        @Option(names = "--person", paramLabel = "NAME", description = "An enrolled person (see `studio enroll --list`).")
        String person;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Override
    public Integer call() throws Exception {
        IdentityPortrait.Options o = knobs.options(IdentityPortrait.Options.DEFAULTS);
        FaceRecognitionNet net = FaceRecognitionNet.load(FaceCli.models());
        float[] descriptor;
        BufferedImage seen = null;
        Map<String, Object> line = new LinkedHashMap<>();
        if (who.image != null) {
            BufferedImage photo = FaceCli.read(who.image);
            FacePipeline.Face face = FaceCli.pipeline(false).largest(photo)
                    .orElseThrow(() -> new IllegalArgumentException(who.image + ": no face found"));
            descriptor = face.descriptor();
            seen = face.aligned();
            line.put("image", who.image.toString());
        } else {
            FaceGallery.Person p = FaceGallery.inUserData().find(who.person).orElseThrow(() ->
                    new IllegalArgumentException("nobody called '" + who.person + "' is enrolled (see `studio enroll --list`)"));
            descriptor = p.meanEmbedding().orElseThrow(() -> new IllegalArgumentException(p.name() + " has no enrolled faces yet"));
            line.put("person", p.name());
        }
        float[] start = IdentityPortrait.meanFace();
        if (start != null) {
            line.put("start_distance", FaceCli.round(IdentityPortrait.distance(net,
                    Nd4j.create(start, new long[]{1, 3, FaceRecognitionNet.SIZE, FaceRecognitionNet.SIZE}, 'c'), descriptor)));
        }
        Inversion.Result r = ConsoleJob.run(IdentityPortrait.job(net, descriptor, start, o, Math.max(1, o.steps() / 10)), System.err);

        Path png = knobs.png("");
        Images.writePng(r.picture(), png);
        List<Path> written = new ArrayList<>(List.of(png));
        if (seen != null) {
            Path view = knobs.png("-view");
            Images.writePng(Images.grid(List.of(seen, r.picture()), 2, 4, 2), view);
            written.add(view);
        }
        line.put("steps", r.steps());
        line.put("distance", FaceCli.round(IdentityPortrait.distance(net, r.image(), descriptor)));
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + String.join(" and ", written.stream().map(Path::toString).toList()));
        return 0;
    }
}
