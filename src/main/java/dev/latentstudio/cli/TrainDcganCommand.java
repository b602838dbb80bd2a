package dev.latentstudio.cli;

import dev.latentstudio.engine.classify.GanQuality;
import dev.latentstudio.engine.data.FolderImages;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.TrainingData;
import dev.latentstudio.engine.gan.Checkpoint;
import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.DcganTrainer;
import dev.latentstudio.engine.model.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train-dcgan", description = {"Train a DCGAN, with checkpoints and resume: the MNIST one on the bundled digits,",
        "or with --data the 64×64 colour one on a folder of your pictures."})
final class TrainDcganCommand implements Callable<Integer> {
    @Option(names = "--steps", converter = Ranges.PositiveLong.class, required = true, description = "Total training steps (one D and one G update each).")
    long steps;
    @Option(names = "--out", description = "Output folder (becomes a model folder when done).")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint.")
    Path resume;
    @Option(names = "--data", paramLabel = "digits|fashion|FOLDER", description = "The bundled digits (the default) or garments"
            + " (Fashion-MNIST's 60,000) for the 28×28 DCGAN, or a FOLDER of pictures for the 64×64 colour DCGAN"
            + " (centre-cropped; unusable files are skipped and listed). Give it again with --resume.")
    String data;
    @Option(names = "--width", converter = Ranges.Positive.class, defaultValue = "" + DEFAULT_WIDTH, description = "With --data: base width w of the 64×64 DCGAN (layers 8w, 4w, 2w, w);"
            + " the DCGAN paper's is 128, ~10× slower per step on a CPU than the default ${DEFAULT-VALUE}.")
    int width;
    @Option(names = "--batch", converter = Ranges.Positive.class, defaultValue = "32", description = "Images per step for D and for G (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, defaultValue = "2e-4", description = "Adam learning rate (β1 = 0.5).")
    double lr;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, defaultValue = "1", description = "Seed of the weights, the noise and the data order: the same seed and steps give the same model (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--checkpoint-every", converter = Ranges.Positive.class, defaultValue = "500", description = "Save a checkpoint (both networks, Adam state) every N steps, for --resume (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--preview-every", converter = Ranges.Positive.class, defaultValue = "100", description = "Write samples/step-N.png every N steps.")
    int previewEvery;
    @Option(names = "--decay-from", converter = Ranges.NonNegativeLong.class, description = "Step from which the learning rate falls to a tenth by the last step (default: constant).")
    Long decayFrom;
    @Option(names = "--conditional", description = "Train the class-conditional DCGAN (G takes z and a class; D is a projection"
            + " discriminator): on the labelled bundled data, or with --data FOLDER on its sub-folders, one class each (FOLDER/cats/…, FOLDER/dogs/…).")
    boolean conditional;
    @Option(names = "--mode-seeking", paramLabel = "W", converter = Ranges.NonNegativeReal.class, defaultValue = "0",
            description = "Weight of MSGAN's mode-seeking term in G's loss (Mao et al. 2019: pictures of one class from two latents"
                    + " pushed apart in proportion to the latents' distance); 0 (the default) is off. A resumed run keeps its own.")
    double modeSeeking;
    @Option(names = "--pack", paramLabel = "N", converter = Ranges.Positive.class, defaultValue = "1",
            description = "Pictures D judges together, stacked along its input channels (PacGAN, Lin et al. 2018: a G that draws"
                    + " few kinds of picture makes packs that real data never do); of one class in a conditional run; it must"
                    + " divide --batch. 1 (the default) is the plain D. A resumed run keeps its own.")
    int pack;
    @Option(names = "--no-evaluate", description = "Skip measuring the result with the default classifier.")
    boolean noEvaluate;

    /** Widths 256, 128, 64, 32: ~0.5 s per step of 32 images on this 2-core CPU (w = 128: 5–7 s, measured once). */
    static final int DEFAULT_WIDTH = Dcgan.CPU_WIDTH;

    @Override
    public Integer call() throws Exception {
        if (out == null && resume == null) throw new IllegalArgumentException("give --out DIR for a new run or --resume DIR");
        Path dir = resume != null ? resume : out;
        TrainingData images;
        Dcgan.Architecture arch;
        Checkpoint.State before = resume != null ? Checkpoint.readState(resume) : null;
        // a bundled data set's option name, else a folder
        Dataset bundled = data == null ? Dataset.DIGITS
                : java.util.Arrays.stream(Dataset.values()).filter(d -> d.option().equals(data)).findFirst().orElse(null);
        if (before != null && bundled != null && before.architecture().side() != 28) {
            throw new IllegalArgumentException("the run in " + resume + " trains on an image folder: give it again with --data FOLDER");
        }
        boolean byClass = conditional || (before != null && before.architecture().conditional());
        if (bundled == null) {
            // a resumed run keeps its own batch size, so that is the least it needs
            int least = before != null ? before.batch() : batch;
            FolderImages folder = byClass ? FolderImages.loadByClass(Path.of(data), 64, 3, least) : FolderImages.load(Path.of(data), 64, 3, least);
            System.out.println(folder.report());
            images = folder;
            arch = byClass ? Dcgan.Architecture.conditional64(width, folder.classNames().size()) : Dcgan.Architecture.colour64(width);
        } else {
            images = bundled.train();
            arch = conditional ? Dcgan.Architecture.conditional28(bundled.classNames().size()) : Dcgan.Architecture.MNIST;
        }
        DcganTrainer.Config cfg = new DcganTrainer.Config(dir, steps, batch, lr, seed, checkpointEvery, previewEvery, resume != null,
                decayFrom == null ? steps : decayFrom, modeSeeking, resume != null ? 1 : pack);
        DcganTrainer trainer = new DcganTrainer(cfg, arch, images);
        if (!ConsoleJob.train(dir, trainer)) return 130;
        arch = trainer.architecture();
        if (!noEvaluate) {
            GanQuality.recordAfterTraining(dir, bundled, say -> { })
                    .ifPresent(q -> System.out.println(ModelCard.gson().toJson(q).replaceAll("\\s+", " ")));
        }
        System.out.println("model written to " + dir + " (" + arch.describe() + ")");
        return 0;
    }
}
