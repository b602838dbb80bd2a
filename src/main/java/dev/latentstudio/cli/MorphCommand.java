package dev.latentstudio.cli;

import dev.latentstudio.engine.latent.Walks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "morph", description = "Morph sample A into sample B: a PNG strip and an animated GIF (there and back). "
        + "A and B are latent specs: a seed (42), avg:3,7,12, a file (z.json, z.json#2, z.json#name) or avg:z.json.")
final class MorphCommand implements Callable<Integer> {
    enum Mode { lerp, slerp }

    @Mixin
    RenderOptions render;
    @Parameters(index = "0", paramLabel = "A", description = "Latent the morph starts at: a seed, avg:3,7, z.json, z.json#2.")
    String a;
    @Parameters(index = "1", paramLabel = "B", description = "Latent the morph ends at (the same forms as A).")
    String b;
    @Option(names = "--mode", defaultValue = "slerp", description = "lerp (straight line) or slerp (great circle); default ${DEFAULT-VALUE}.")
    Mode mode;
    @Option(names = "--frames", converter = Ranges.AtLeast2.class, defaultValue = "32", description = "Frames from A to B, both included (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() throws Exception {
        float[] za = render.latent(a), zb = render.latent(b);
        var imgs = render.model().images(Walks.morph(za, zb, mode == Mode.lerp ? Walks.Mode.LERP : Walks.Mode.SLERP, frames));
        render.writeGrid(imgs, Math.min(frames, 8), "morph");
        render.writeGif(Walks.pingPong(imgs), 60, "morph");
        return 0;
    }
}
