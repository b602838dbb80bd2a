package dev.latentstudio.cli;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.AgeGenderTargetNet;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.invert.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "age-gender", mixinStandardHelpOptions = true, description = "What face-api's age/gender net takes for "
        + "older, younger, male or female: the mean face changed until the net's age estimate climbs (or falls) or its "
        + "gender logits part. 200 steps unless --steps says otherwise. Writes OUT.png (112x112) and prints one JSON line with the net's age and P(male) before "
        + "and after.")
final class InvertAgeGenderCommand implements Callable<Integer> {
    @Mixin
    FaceInvertOptions knobs;

    @Parameters(paramLabel = "TARGET", description = "older, younger, male or female.")
    String target;

    @Override
    public Integer call() throws Exception {
        AgeGenderTargetNet net = new AgeGenderTargetNet();
        int t = net.classNames().indexOf(target.trim().toLowerCase(java.util.Locale.ROOT));
        if (t < 0) throw new IllegalArgumentException("no target '" + target + "'; known: " + net.classNames());
        double[] weights = new double[net.classNames().size()];
        weights[t] = 1;
        InversionOptions o = knobs.options(net.defaults(Technique.CLASS));
        Goal goal = Goal.classes(weights);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("target", target);
        line.put("before", described(net.before(Technique.CLASS, goal, o)));
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.CLASS, goal, o, k));
        Inversion.Result r = done.result();
        Path png = knobs.png("");
        Images.writePng(r.picture(), png);
        line.put("after", described(done.verdict()));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + png);
        return 0;
    }

    private static Map<String, Double> described(Verdict v) {
        return Map.of("age", FaceCli.round(v.figure("age")), "p_male", FaceCli.round(v.figure("p_male")));
    }
}
