package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.ExpressionNet;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.Technique;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "expression", mixinStandardHelpOptions = true, description = "What face-api's expression net calls an "
        + "expression: the mean face changed until the net sees it (class visualisation on a face network). 200 steps unless --steps says otherwise. Writes OUT.png "
        + "(112x112) and prints one JSON line with the net's probabilities before and after.")
final class InvertExpressionCommand implements Callable<Integer> {
    @Mixin
    FaceInvertOptions knobs;

    @Parameters(paramLabel = "EXPRESSION", arity = "1..*", split = ",", description = "One or more of neutral, happy, sad, angry, fearful, "
            + "disgusted, surprised (several: their logits climb together).")
    List<String> expressions;

    @Override
    public Integer call() throws Exception {
        ExpressionNet net = new ExpressionNet();
        double[] weights = new double[net.classNames().size()];
        for (String e : expressions) {
            int i = net.classNames().indexOf(e.trim().toLowerCase(java.util.Locale.ROOT));
            if (i < 0) throw new IllegalArgumentException("no expression '" + e + "'; known: " + net.classNames());
            weights[i] = 1;
        }
        InversionOptions o = knobs.options(net.defaults(Technique.CLASS));
        Goal goal = Goal.classes(weights);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("expressions", expressions);
        line.put("before", named(net.before(Technique.CLASS, goal, o).probabilities()));
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.CLASS, goal, o, k));
        Inversion.Result r = done.result();
        Path png = knobs.png("");
        Images.writePng(r.picture(), png);
        line.put("after", named(done.verdict().probabilities()));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + png);
        return 0;
    }

    private static Map<String, Double> named(double[] p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) m.put(FaceExpressionNet.LABELS.get(i), FaceCli.round(p[i]));
        return m;
    }
}
