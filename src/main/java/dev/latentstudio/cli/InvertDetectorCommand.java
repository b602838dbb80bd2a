package dev.latentstudio.cli;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.DetectorNet;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.invert.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "detector", mixinStandardHelpOptions = true, description = "What face-api's tiny_face_detector looks for: a "
        + "picture at the booth's live input size (320x320) changed until the detector's best cell is sure of a face, from "
        + "mid-grey noise or from the mean face. 200 steps unless --steps says otherwise. Writes OUT.png and prints one JSON "
        + "line with the detector's face score (the best cell's objectness) and how many faces it finds, before and after.")
final class InvertDetectorCommand implements Callable<Integer> {
    enum From { noise, mean }

    @Mixin
    FaceInvertOptions knobs;

    @Option(names = "--from", defaultValue = "noise", description = "Start from noise or mean (the mean face filling the frame); default: ${DEFAULT-VALUE}.")
    From from;

    @Override
    public Integer call() throws Exception {
        DetectorNet net = new DetectorNet();
        InversionOptions o = knobs.options(net.defaults(Technique.CLASS)).withFromMean(from == From.mean);
        Goal goal = Goal.classes(new double[]{1});
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("from", from.name());
        Verdict before = net.before(Technique.CLASS, goal, o);
        line.put("start_score", FaceCli.round(before.score()));
        line.put("start_faces", (int) before.figure("faces"));
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.CLASS, goal, o, k));
        Inversion.Result r = done.result();
        Path png = knobs.png("");
        Images.writePng(r.picture(), png);
        line.put("score", FaceCli.round(done.verdict().score()));
        line.put("faces", (int) done.verdict().figure("faces"));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + png);
        return 0;
    }
}
