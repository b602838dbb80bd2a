package dev.latentstudio.cli;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.sliders.Directions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "slide", mixinStandardHelpOptions = true, description = {
        "Move one sample along the generator's slider directions (fit them first: ./studio directions fit).",
        "Writes OUT.png (the sample, then the edit) and OUT.gif (the first --attr swept from −R to +R and back)."})
final class SlideCommand implements Callable<Integer> {
    @Mixin
    RenderOptions render;
    @Parameters(index = "0", paramLabel = "LATENT", description = "The sample: a seed, avg:…, z.json, z.json#2 (see sample).")
    String latent;
    @Option(names = "--attr", paramLabel = "NAME=VALUE", description = "A slider and how far (in σ, e.g. thickness=+2, pc3=-1); repeatable.")
    List<String> attrs = new ArrayList<>();
    @Option(names = "--class", paramLabel = "CLASS", description = "Conditional generators: redraw the sample as this class (index or name).")
    String cls;
    @Option(names = "--range", converter = Ranges.PositiveReal.class, defaultValue = "2", description = "The GIF sweeps the first slider over ±RANGE (default: ${DEFAULT-VALUE}).")
    double range;
    @Option(names = "--frames", converter = Ranges.AtLeast2.class, defaultValue = "24", description = "Frames of the GIF sweep (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() throws Exception {
        if (attrs.isEmpty() && cls == null) throw new IllegalArgumentException("give at least one --attr NAME=VALUE or a --class");
        Map<String, Double> alphas = new LinkedHashMap<>();
        for (String a : attrs) {
            int eq = a.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("--attr " + a + ": write NAME=VALUE, e.g. thickness=+2");
            try {
                alphas.put(a.substring(0, eq).strip(), Double.parseDouble(a.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--attr " + a + ": " + a.substring(eq + 1) + " is not a number");
            }
        }
        var g = render.model();
        float[] z = render.latent(latent);
        if (cls != null) z = g.prior().withClass(z, SampleCommand.classIndex(g.classNames(), cls));
        Directions d = alphas.isEmpty() ? null : Directions.read(ModelStore.find(render.generator).dir());
        float[] edited = d == null ? z : d.apply(z, alphas);
        render.writeGrid(g.images(List.of(render.latent(latent), edited)), 2, "slide");
        if (d != null) {
            String first = alphas.keySet().iterator().next();
            List<BufferedImage> imgs = g.images(d.sweep(z, first, range, frames));
            render.writeGif(dev.latentstudio.engine.latent.Walks.pingPong(imgs), 60, "slide");
        }
        return 0;
    }
}
