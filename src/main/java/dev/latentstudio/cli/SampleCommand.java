package dev.latentstudio.cli;

import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.latent.LatentPrior;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sample", description = "Write a PNG grid of samples. Sample i of a grid drawn with --seed S has the latent seed S+i, "
        + "so a picked sample can be named by its seed in morph/arith (e.g. avg:105,112).")
final class SampleCommand implements Callable<Integer> {
    @Mixin
    RenderOptions render;
    @Option(names = {"-n", "--count"}, converter = Ranges.Count.class, defaultValue = "64", description = "How many samples (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--cols", converter = Ranges.Positive.class, defaultValue = "8", description = "Columns of the grid (default: ${DEFAULT-VALUE}).")
    int cols;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, defaultValue = "0", description = "The first sample's seed; sample i is seed + i, as the Latent Lab's grid (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--class", paramLabel = "CLASS", description = "Conditional generators: draw every sample of this class"
            + " (its index or name); default: sample i has class (S+i) mod the number of classes.")
    String cls;
    @Option(names = "--latents", description = "Also write the latent vectors to this JSON file (loadable by every command).")
    Path latents;

    @Override
    public Integer call() throws Exception {
        LatentPrior prior = render.model().prior();
        Integer k = cls == null ? null : classIndex(render.model().classNames(), cls);
        List<float[]> zs = new ArrayList<>();
        List<LatentFile.Named> named = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] z = k == null ? prior.seed(seed + i) : prior.seed(seed + i, k);
            zs.add(z);
            named.add(new LatentFile.Named("seed:" + (seed + i) + (k == null ? "" : " class:" + k), z));
        }
        render.writeGrid(render.model().images(zs), cols, "samples");
        if (latents != null) {
            LatentFile.write(latents, render.model().card().name(), named);
            System.out.println("wrote " + latents);
        }
        return 0;
    }

    /** A class given by index or by name (case-insensitive), checked against the generator's classes. */
    static int classIndex(List<String> names, String given) {
        if (names.isEmpty()) throw new IllegalArgumentException("--class: this generator is unconditional (it has no classes)");
        for (int c = 0; c < names.size(); c++) if (names.get(c).equalsIgnoreCase(given.strip())) return c;
        try {
            int c = Integer.parseInt(given.strip());
            if (c >= 0 && c < names.size()) return c;
        } catch (NumberFormatException ignored) {
            // not an index: fall through to the message
        }
        throw new IllegalArgumentException("--class " + given + ": not one of this generator's classes 0.." + (names.size() - 1) + " " + names);
    }
}
