package dev.latentstudio.cli;

import dev.latentstudio.engine.latent.Walks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "dance", description = "A closed trajectory over a sphere in z-space (the 'dancing image'): PNG strip and looping GIF.")
final class DanceCommand implements Callable<Integer> {
    @Mixin
    RenderOptions render;
    @Option(names = "--a", defaultValue = "1", description = "Latent spec the loop starts at.")
    String a;
    @Option(names = "--b", defaultValue = "2", description = "Latent spec spanning the loop's plane with A.")
    String b;
    @Option(names = "--c", defaultValue = "3", description = "Latent spec of the wobble direction.")
    String c;
    @Option(names = "--radius", converter = Ranges.PositiveReal.class, description = "Sphere radius (default: sqrt(dim of z), the typical norm of a sample).")
    Double radius;
    @Option(names = "--wobble", converter = Ranges.NonNegativeReal.class, defaultValue = "0.35", description = "How far the loop swings toward C and away, twice a turn (0: a flat circle; default: ${DEFAULT-VALUE}).")
    double wobble;
    @Option(names = "--frames", converter = Ranges.AtLeast2.class, defaultValue = "72", description = "Frames in one turn (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() throws Exception {
        float[] za = render.latent(a), zb = render.latent(b), zc = render.latent(c);
        int zDim = render.model().prior().zDim();
        double r = radius != null ? radius : Math.sqrt(zDim);
        var imgs = render.model().images(Walks.dance(za, zb, zc, r, wobble, frames, zDim));
        render.writeGrid(imgs.subList(0, Math.min(imgs.size(), 64)), 12, "dance");
        render.writeGif(imgs, 50, "dance");
        return 0;
    }
}
