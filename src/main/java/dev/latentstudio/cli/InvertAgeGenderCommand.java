package dev.latentstudio.cli;

import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.FaceAttributeVisualisation;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.invert.Inversion;
import org.nd4j.linalg.api.ndarray.INDArray;
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
        double[] weights = FaceAttributeVisualisation.ageGenderTarget(target);
        AgeGenderNet net = AgeGenderNet.load(FaceCli.models());
        IdentityPortrait.Options o = knobs.options(FaceAttributeVisualisation.DEFAULTS);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("target", target);
        line.put("before", described(net, FaceAttributeVisualisation.startImage(o)));
        Inversion.Result r = ConsoleJob.run(FaceAttributeVisualisation.job(net, weights, o, Math.max(1, o.steps() / 10)), System.err);
        Path png = knobs.png("");
        Images.writePng(r.picture(), png);
        line.put("after", described(net, r.image()));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + png);
        return 0;
    }

    private static Map<String, Double> described(AgeGenderNet net, INDArray picture) {
        AgeGenderNet.AgeGender a = FaceAttributeVisualisation.ageGender(net, picture);
        return Map.of("age", FaceCli.round(a.age()), "p_male", FaceCli.round(a.probabilityMale()));
    }
}
