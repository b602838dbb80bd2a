package dev.latentstudio.cli;

import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.latent.LatentSpec;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Options shared by the commands that render from a generator: which one, where to, how big. */
final class RenderOptions {
    @Option(names = {"-g", "--generator"}, defaultValue = ModelStore.DEFAULT_GENERATOR, description = "Model name or folder (default: ${DEFAULT-VALUE}).")
    String generator;
    @Option(names = {"-o", "--out"}, description = "Output path without extension; .png (and .gif) are written.")
    Path out;
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "3", description = "Pixel scale of the written images.")
    int scale;

    private GeneratorModel model;

    GeneratorModel model() throws IOException {
        if (model == null) model = GeneratorModel.load(generator);
        return model;
    }

    float[] latent(String spec) throws IOException {
        return LatentSpec.parse(spec, model().prior(), Path.of("").toAbsolutePath());
    }

    /** The output path without extension; a typed "x.png" or "x.gif" means x, not x.png.png. */
    Path out(String fallback) {
        Path p = out != null ? out : Path.of(fallback);
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".gif") ? p.resolveSibling(name.substring(0, name.length() - 4)) : p;
    }

    void writeGrid(List<BufferedImage> tiles, int cols, String fallback) throws IOException {
        Path p = Path.of(out(fallback) + ".png");
        Images.writePng(Images.grid(tiles, cols, 2, scale), p);
        System.out.println("wrote " + p);
    }

    void writeGif(List<BufferedImage> frames, int delayMs, String fallback) throws IOException {
        Path p = Path.of(out(fallback) + ".gif");
        Images.writeGif(frames.stream().map(f -> Images.scale(f, scale * 2)).toList(), delayMs, p);
        System.out.println("wrote " + p + " (" + frames.size() + " frames)");
    }
}
