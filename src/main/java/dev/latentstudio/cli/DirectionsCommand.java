package dev.latentstudio.cli;

import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.sliders.DirectionFit;
import dev.latentstudio.engine.sliders.Directions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "directions", mixinStandardHelpOptions = true, description = "The attribute sliders' directions of a generator.",
        subcommands = {DirectionsCommand.Fit.class, DirectionsCommand.Show.class})
final class DirectionsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, description = {
            "Fit the slider directions and write them beside the model (directions.json): one per measured attribute",
            "(InterFaceGAN: a logistic boundary between the top and bottom 30 %% in z, the other attributes' normals",
            "projected out) and the top principal components of G's first hidden layer mapped back to z (GANSpace)."})
    static final class Fit implements Callable<Integer> {
        @Option(names = {"-g", "--generator"}, defaultValue = ModelStore.DEFAULT_GENERATOR, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
        String generator;
        @Option(names = "--samples", converter = Ranges.AtLeast100.class, defaultValue = "10000", description = "Latents sampled (default: ${DEFAULT-VALUE}).")
        int samples;
        @Option(names = "--seed", converter = Ranges.AnyLong.class, defaultValue = "1", description = "Seed of the sampled latents (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--discovered", converter = Ranges.Discovered.class, defaultValue = "10", description = "Principal directions to keep (default: ${DEFAULT-VALUE}).")
        int discovered;

        @Override
        public Integer call() throws Exception {
            ModelStore.Entry e = ModelStore.find(generator);
            GeneratorModel g = GeneratorModel.load(e.dir().toString());
            Directions d = ConsoleJob.run(DirectionFit.forModel(g, e.dir(), new DirectionFit.Options(samples, seed, discovered)), System.out);
            print(d);
            System.out.println("wrote " + e.dir().resolve(Directions.FILE));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "List a generator's slider directions and what each changes.")
    static final class Show implements Callable<Integer> {
        @Option(names = {"-g", "--generator"}, defaultValue = ModelStore.DEFAULT_GENERATOR, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
        String generator;

        @Override
        public Integer call() throws Exception {
            print(Directions.read(ModelStore.find(generator).dir()));
            return 0;
        }
    }

    /** One line per direction: its label, then each attribute's change per unit, in standard deviations. */
    static void print(Directions d) {
        System.out.printf(Locale.ROOT, "%s: %d directions fitted on %d samples in %.1f s (change per unit, in σ of each attribute)%n",
                d.model(), d.directions().size(), d.samples(), d.fitSeconds());
        for (Directions.Direction x : d.directions()) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %-22s", x.label()));
            x.changes().forEach((a, v) -> s.append(String.format(Locale.ROOT, "  %s %+.2f", a, v)));
            System.out.println(s);
        }
    }
}
