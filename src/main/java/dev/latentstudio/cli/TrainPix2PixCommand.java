package dev.latentstudio.cli;

import dev.latentstudio.engine.pix2pix.Pairs;
import dev.latentstudio.engine.pix2pix.PerceptualTerm;
import dev.latentstudio.engine.pix2pix.Pix2PixCheckpoint;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import dev.latentstudio.engine.pix2pix.Pix2PixQuality;
import dev.latentstudio.engine.pix2pix.Pix2PixTrainer;
import dev.latentstudio.engine.model.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "train-pix2pix", description = {"Train pix2pix (U-Net + PatchGAN, adversarial + λ·L1) on image pairs, with checkpoints and resume:",
        "the bundled garment outlines → garments, a folder of side-by-side A|B pictures, A/ and B/ folders matched by name,",
        "or couple photos (each photo's two faces, aligned: left face → right face)."})
final class TrainPix2PixCommand implements Callable<Integer> {
    static final String EDGES = "fashion-edges";

    @Option(names = "--data", required = true, paramLabel = EDGES + "|DIR", description = EDGES + ": Fashion-MNIST's 60,000 garments"
            + " and their Canny outlines (bundled); or a DIR of pictures laid out as --layout says. Give it again with --resume.")
    String data;
    @Option(names = "--layout", defaultValue = "aligned", paramLabel = "aligned|folders|couples", description = "For a DIR: aligned = each"
            + " picture is A and B side by side (pix2pix's layout); folders = DIR/A and DIR/B hold files of the same names;"
            + " couples = photos of two people: the face detector (SSD, score ≥ 0.5) and 68 landmarks align each face as"
            + " align does, A = the left face, B = the right one; photos without exactly two faces are skipped (colour only).")
    String layout;
    @Option(names = "--both-directions", description = "With --layout couples: also right face → left face (two pairs a photo).")
    boolean bothDirections;
    @Option(names = "--size", converter = Ranges.Side.class, defaultValue = "64", description = "Side of the pictures: 32, 64, 128 or 256.")
    int size;
    @Option(names = "--filters", converter = Ranges.Positive.class, defaultValue = "64", description = "U-Net filters at the outer level (the paper's 64).")
    int filters;
    @Option(names = "--d-filters", converter = Ranges.Positive.class, defaultValue = "64", description = "PatchGAN filters at its first layer (the paper's 64).")
    int dFilters;
    @Option(names = "--channels", converter = Ranges.Positive.class, defaultValue = "3", description = "For a DIR: 1 (grey) or 3 (colour).")
    int channels;
    @Option(names = "--steps", converter = Ranges.PositiveLong.class, required = true, description = "Total training steps (one D and one G update each).")
    long steps;
    @Option(names = "--batch", converter = Ranges.Positive.class, defaultValue = "1", description = "Pairs per step (the paper's 1).")
    int batch;
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, defaultValue = "2e-4", description = "Adam learning rate (β1 = 0.5); constant, then linear to 0 over the second half.")
    double lr;
    @Option(names = "--lambda", converter = Ranges.NonNegativeReal.class, defaultValue = "100", description = "Weight of the L1 term.")
    double lambda;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, defaultValue = "1", description = "Seed of the weights, dropout, augmentation and data order (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", description = "Output folder (becomes a model folder when done).")
    Path out;
    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint.")
    Path resume;
    @Option(names = "--checkpoint-every", converter = Ranges.Positive.class, defaultValue = "200", description = "Save a checkpoint (both networks, Adam state) every N steps, for --resume (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--preview-every", converter = Ranges.Positive.class, defaultValue = "100", description = "Write samples/step-N.png (A | G(A) | B) every N steps.")
    int previewEvery;
    @Option(names = "--norm", defaultValue = "batch", paramLabel = "batch|instance", description = "Normalisation in G and D:"
            + " batch (the paper's) or instance (pix2pix's --norm instance: per picture and channel, no learnt scale).")
    String norm;
    @Option(names = "--perceptual", converter = Ranges.NonNegativeReal.class, defaultValue = "0", paramLabel = "WEIGHT",
            description = "Weight of a perceptual term, WEIGHT · mean (φ(G(A)) − φ(B))² on a shipped net's shallow layer (0 = off).")
    double perceptual;
    @Option(names = "--perceptual-net", paramLabel = "fashion-cnn|fashion-cnn-b|face", description = "The perceptual term's net: fashion-cnn-b"
            + " (layer conv3, grey pictures at 28×28; not the judge evaluate-pix2pix uses), fashion-cnn (layer conv2: the judge) or face (the face recogniser's conv32_1_out at 150×150); default by B's channels.")
    String perceptualNet;
    @Option(names = "--no-evaluate", description = "Skip measuring the result on held-out pairs.")
    boolean noEvaluate;

    @Override
    public Integer call() throws Exception {
        if (out == null && resume == null) throw new IllegalArgumentException("give --out DIR for a new run or --resume DIR");
        Path dir = resume != null ? resume : out;
        Pix2PixCheckpoint.State before = resume != null ? Pix2PixCheckpoint.readState(resume) : null;
        int side = before != null ? before.spec().side() : size;
        Pairs pairs = pairs(data, layout, bothDirections, side, channels);
        if (!pairs.skipped().isEmpty()) {
            for (var s : pairs.skipped()) System.out.println("skipped " + s.file().getFileName() + ": " + s.reason());
        }
        System.out.println(pairs.describe());
        // a resumed run keeps its own networks
        Pix2PixNets.Spec spec = before != null ? before.spec()
                : new Pix2PixNets.Spec(side, filters, pairs.inChannels(), pairs.outChannels(), Pix2PixNets.Norm.of(norm));
        PerceptualTerm.Net net = perceptualNet == null ? null : PerceptualTerm.Net.of(perceptualNet);
        if (net != null && net.channels != spec.outChannels()) {
            throw new IllegalArgumentException("--perceptual-net " + net.option + " takes " + net.channels + "-channel pictures; B has " + spec.outChannels());
        }
        String dataArgs = "--data " + data + (EDGES.equals(data) ? "" : " --layout " + layout + " --channels " + channels)
                + (bothDirections ? " --both-directions" : "");
        Pix2PixTrainer trainer = new Pix2PixTrainer(new Pix2PixTrainer.Config(dir, steps, batch, lr, lambda, seed, checkpointEvery,
                previewEvery, resume != null, spec, dFilters, dataArgs, perceptual, net), pairs);
        if (!ConsoleJob.train(dir, trainer)) return 130;
        if (!noEvaluate && EDGES.equals(data)) {
            Map<String, Object> q = Pix2PixQuality.record(dir);
            System.out.println(ModelCard.gson().toJson(q).replaceAll("\\s+", " "));
        }
        System.out.println("model written to " + dir + " (" + spec.describe() + ")");
        return 0;
    }

    /** The training pairs a --data option names (held-out test pairs for the bundled ones when {@code test}). */
    static Pairs pairs(String data, String layout, boolean bothDirections, int side, int channels) throws IOException {
        if (EDGES.equals(data)) return Pairs.edgesToGarments(false, side);
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("--channels is 1 or 3, not " + channels);
        if (bothDirections && !"couples".equals(layout)) throw new IllegalArgumentException("--both-directions goes with --layout couples");
        Path d = Path.of(data);
        return switch (layout) {
            case "aligned" -> Pairs.aligned(d, side, channels);
            case "folders" -> Pairs.folders(d.resolve("A"), d.resolve("B"), side, channels);
            case "couples" -> {
                if (channels != 3) throw new IllegalArgumentException("--layout couples pairs colour faces: --channels 3, not " + channels);
                yield Pairs.couples(d, side, FaceCli.pipeline(false), bothDirections);
            }
            default -> throw new IllegalArgumentException("--layout is aligned, folders or couples, not '" + layout + "'");
        };
    }
}
