package dev.latentstudio.cli;

import dev.latentstudio.engine.latent.LatentMath;
import dev.latentstudio.engine.latent.Walks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "arith", description = "Latent arithmetic A - B + C: a PNG of A, B, C, the result and its neighbourhood, "
        + "and a GIF walking from C to the result. Write it as `arith A - B + C` (or `arith A B C`).")
final class ArithCommand implements Callable<Integer> {
    @Mixin
    RenderOptions render;
    @Parameters(paramLabel = "A - B + C", description = "Three latents (a seed, avg:3,7, z.json, z.json#2), with or without the - and +.")
    List<String> terms;
    @Option(names = "--neighbours", converter = Ranges.NonNegative.class, defaultValue = "8", description = "Samples around the result (small Gaussian steps).")
    int neighbours;
    @Option(names = "--spread", converter = Ranges.NonNegativeReal.class, defaultValue = "0.25", description = "Std-dev of the neighbourhood steps, relative to one unit of z.")
    double spread;

    @Override
    public Integer call() throws Exception {
        List<String> t = terms;
        if (t.size() == 5 && t.get(1).equals("-") && t.get(3).equals("+")) t = List.of(t.get(0), t.get(2), t.get(4));
        if (t.size() != 3) throw new IllegalArgumentException("write the sum as: arith A - B + C (got " + String.join(" ", terms) + ")");
        float[] a = render.latent(t.get(0)), b = render.latent(t.get(1)), c = render.latent(t.get(2));
        float[] r = LatentMath.arith(a, b, c);
        List<float[]> tiles = new ArrayList<>(List.of(a, b, c, r));
        tiles.addAll(Walks.neighbourhood(r, neighbours, spread, Walks.NEIGHBOUR_SEED, render.model().prior().zDim()));
        render.writeGrid(render.model().images(tiles), 4, "arith");
        render.writeGif(Walks.pingPong(render.model().images(Walks.morph(c, r, Walks.Mode.LERP, 24))), 70, "arith");
        return 0;
    }
}
