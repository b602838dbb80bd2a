package dev.latentstudio.cli;

import dev.latentstudio.engine.faceedit.FaceEdit;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.faceedit.FaceSubject;
import dev.latentstudio.engine.faceedit.Sliders;
import dev.latentstudio.engine.faceedit.Weights;
import dev.latentstudio.engine.image.Images;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "face-edit", mixinStandardHelpOptions = true, description = {
        "Move attribute sliders on the largest face of a photo: an inversion from the face itself toward the expression and "
                + "age/gender nets' targets, holding the recogniser's identity, a shallow layer's appearance and the pixels outside "
                + "the face, then pasted back into the photo.",
        "Writes OUT.png (the photo with the edited face) and OUT-face.png (the aligned face before | after); prints one JSON "
                + "line: each slider's figure before and after (as the nets read it in the loop), the identity distance to the "
                + "original, ms per step and seconds."})
final class FaceEditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMG", description = "The photo (its largest face is edited).")
    Path image;
    @Option(names = "--attr", required = true, paramLabel = "NAME=VALUE", description = "A slider, repeatable: an expression "
            + "(neutral, happy, sad, angry, fearful, disgusted, surprised) = target probability 0..1; age = change in years "
            + "(+20, -15); gender = male | female | target P(male) 0..1.")
    List<String> attrs;
    @Option(names = "--weight", paramLabel = "NAME=W", description = "A term's weight (>= 0), repeatable: expression, age, gender, "
            + "identity, appearance, outside, smooth, hold (the expressions no slider sets, held at the original's). Defaults: expression 1, "
            + "age 1, gender 1, identity 2, appearance 0.5, outside 20, smooth 100, hold 0.3.")
    Map<String, String> weights = new LinkedHashMap<>();
    @Option(names = "--steps", converter = Ranges.Positive.class, description = "Steps (default: ${DEFAULT-VALUE}).")
    int steps = FaceEdit.Options.DEFAULTS.steps();
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the jitter (default: ${DEFAULT-VALUE}).")
    long seed = FaceEdit.Options.DEFAULTS.seed();
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Output stem: OUT.png and OUT-face.png.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Sliders sliders = Sliders.parse(attrs);
        Weights w = Weights.DEFAULTS;
        for (Map.Entry<String, String> e : weights.entrySet()) w = w.with(e.getKey(), weight(e.getKey(), e.getValue()));
        FaceEdit.Options o = FaceEdit.Options.DEFAULTS.withSteps(steps).withSeed(seed);
        FaceCli.read(image); // an unreadable photo is named before the networks load
        FaceEditor editor = FaceEditor.load(FaceCli.models());
        FaceSubject subject = editor.subject(image);
        FaceEdit.Result r = ConsoleJob.run(editor.edit(subject, sliders, w, o), System.err);
        String stem = out.getFileName().toString().replaceFirst("(?i)\\.png$", "");
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path photo = dir.resolve(stem + ".png"), face = dir.resolve(stem + "-face.png");
        Images.writePng(r.photo(), photo);
        Images.writePng(r.beforeAfter(), face);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image", image.toString());
        Map<String, Object> changes = new LinkedHashMap<>();
        r.changes().forEach((k, v) -> changes.put(k, Map.of("before", FaceCli.round(v[0]), "after", FaceCli.round(v[1]))));
        json.put("sliders", changes);
        Map<String, Object> held = new LinkedHashMap<>();
        r.held().forEach((k, v) -> held.put(k, Map.of("before", FaceCli.round(v[0]), "after", FaceCli.round(v[1]))));
        json.put("held", held);
        json.put("held_drift", FaceCli.round(r.heldDrift()));
        json.put("identity_distance", FaceCli.round(r.after().identityDistance()));
        json.put("mean_change", FaceCli.round(r.meanChange()));
        json.put("steps", r.steps());
        json.put("ms_per_step", FaceCli.round(r.msPerStep()));
        json.put("seconds", FaceCli.round(r.seconds()));
        json.put("photo", photo.toString());
        json.put("face", face.toString());
        FaceCli.print(json);
        return 0;
    }

    static double weight(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--weight " + name + ": '" + value + "' is not a number");
        }
    }
}
