package dev.latentstudio.cli;

import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.pix2pix.Pix2PixModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "partner", description = {"Translate pictures with a pix2pix model: for each IMG, OUT/NAME.png shows the model's input",
        "(the centre square at its size) beside what the model draws from it."})
final class PartnerCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Pictures (PNG, JPEG, GIF, BMP).")
    List<Path> images;
    @Option(names = {"-m", "--model"}, defaultValue = ModelStore.DEFAULT_PARTNER, description = "pix2pix model name or folder (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Folder for the results.")
    Path out;
    @Option(names = "--scale", converter = Ranges.Scale.class, defaultValue = "4", description = "Enlarge the results this many times (nearest neighbour).")
    int scale;

    @Override
    public Integer call() throws Exception {
        Pix2PixModel m = Pix2PixModel.load(model);
        Files.createDirectories(out);
        int ok = 0;
        for (Path p : images) {
            BufferedImage picture;
            try {
                picture = ImageReading.read(p);
            } catch (IOException e) {
                System.err.println(p + ": unreadable: " + (e instanceof ImageReading.Unusable u ? u.reason() : e.getMessage()));
                continue;
            }
            BufferedImage sheet = Images.grid(List.of(m.input(picture), m.translate(picture)), 2, 2, scale);
            String name = p.getFileName().toString();
            Path target = out.resolve((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".png");
            Images.writePng(sheet, target);
            System.out.println("wrote " + target);
            ok++;
        }
        if (ok == 0) throw new IOException("none of the " + images.size() + " pictures could be read");
        return 0;
    }
}
