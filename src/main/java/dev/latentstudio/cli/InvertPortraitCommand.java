package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.RecogniserNet;
import dev.latentstudio.engine.invert.Start;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.invert.Verdict;
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
        RecogniserNet net = new RecogniserNet();
        InversionOptions o = knobs.options(net.defaults(Technique.PORTRAIT));
        Start start;
        BufferedImage seen = null;
        Map<String, Object> line = new LinkedHashMap<>();
        if (who.image != null) {
            BufferedImage photo = FaceCli.read(who.image);
            start = net.face(photo).orElseThrow(() -> new IllegalArgumentException(who.image + ": no face found"));
            seen = start.picture();
            line.put("image", who.image.toString());
        } else {
            FaceGallery.Person p = FaceGallery.inUserData().find(who.person).orElseThrow(() ->
                    new IllegalArgumentException("nobody called '" + who.person + "' is enrolled (see `studio enroll --list`)"));
            start = Start.ofDescriptor(p.meanEmbedding().orElseThrow(() -> new IllegalArgumentException(p.name() + " has no enrolled faces yet")));
            line.put("person", p.name());
        }
        Goal goal = Goal.picture(null, start);
        Verdict before = net.before(Technique.PORTRAIT, goal, o); // from the mean face; none without it
        if (before != null) line.put("start_distance", FaceCli.round(before.score()));
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.PORTRAIT, goal, o, k));
        Inversion.Result r = done.result();

        Path png = knobs.png("");
        Images.writePng(r.picture(), png);
        List<Path> written = new ArrayList<>(List.of(png));
        if (seen != null) {
            Path view = knobs.png("-view");
            Images.writePng(Images.grid(List.of(seen, r.picture()), 2, 4, 2), view);
            written.add(view);
        }
        line.put("steps", r.steps());
        line.put("distance", FaceCli.round(done.verdict().score()));
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + String.join(" and ", written.stream().map(Path::toString).toList()));
        return 0;
    }
}
