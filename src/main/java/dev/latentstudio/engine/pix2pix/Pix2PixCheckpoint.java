package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.gan.Checkpoint;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.NetArchive;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A pix2pix training checkpoint: G and D with their Adam state and the trainer's counters, one zip
 * written beside the old one and renamed over it (a kill mid-write leaves the previous one whole),
 * read back through {@link NetArchive} (no Java deserialisation, every entry known and bounded).
 */
public final class Pix2PixCheckpoint {
    public static final String FILE = "checkpoint.zip";
    private static final String G = "generator.dl4j", D = "discriminator.dl4j", STATE = "state.json";
    /** U-Net 256's parameters and Adam's two moments are ~0.65 GB; 1.5 GiB leaves room. */
    private static final Map<String, Long> LIMITS = Map.of(G, 3L << 29, D, 3L << 29, STATE, 64L << 20);

    /**
     * The counters and settings; the data order, crops and dropout follow from (seed, step). A checkpoint written before
     * the options existed reads as batch norm (the spec's default) and no perceptual term (0).
     */
    public record State(long step, long seed, int batch, double learningRate, double lambda, long dUpdates, long gUpdates,
                        double elapsedSeconds, List<double[]> history, Pix2PixNets.Spec spec, int ndf, double perceptual,
                        PerceptualTerm.Net perceptualNet) {
    }

    public record Loaded(Pix2PixSession session, State state) {
    }

    private Pix2PixCheckpoint() {
    }

    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    public static void write(Path dir, Pix2PixSession s, State state) throws IOException {
        AtomicFile.write(file(dir), tmp -> {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                put(zip, G, s.generator());
                put(zip, D, s.discriminator());
                zip.putNextEntry(new ZipEntry(STATE));
                zip.write(ModelCard.gson().toJson(state).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        });
    }

    private static void put(ZipOutputStream zip, String name, Model net) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        NetArchive.write(net, zip, true);
        zip.closeEntry();
    }

    public static Loaded read(Path dir) throws IOException {
        String where = "Checkpoint " + file(dir);
        Map<String, byte[]> e = entries(dir);
        State st = state(e, where);
        ComputationGraph g = Pix2PixNets.accelerate(NetArchive.readGraph(e.get(G), where + " " + G, true));
        MultiLayerNetwork d = Pix2PixNets.accelerate(NetArchive.read(e.get(D), where + " " + D, true));
        PerceptualTerm.Net net = st.perceptualNet() != null ? st.perceptualNet() : PerceptualTerm.Net.forChannels(st.spec().outChannels());
        PerceptualTerm p = st.perceptual() > 0 ? PerceptualTerm.load(net, st.perceptual()) : null;
        return new Loaded(new Pix2PixSession(g, d, st.lambda(), p, st.dUpdates(), st.gUpdates()), st);
    }

    /** Only the counters and settings (the spec, batch…), without building the networks. */
    public static State readState(Path dir) throws IOException {
        return state(entries(dir), "Checkpoint " + file(dir));
    }

    private static Map<String, byte[]> entries(Path dir) throws IOException {
        return Checkpoint.entries(file(dir), LIMITS, List.of(G, D, STATE));
    }

    private static State state(Map<String, byte[]> e, String where) throws IOException {
        State st;
        try {
            st = ModelCard.gson().fromJson(new String(e.get(STATE), StandardCharsets.UTF_8), State.class);
        } catch (RuntimeException ex) {
            throw new IOException(where + " is corrupt: " + ex.getMessage(), ex);
        }
        if (st == null || st.spec() == null) throw new IOException(where + " is not a pix2pix checkpoint (no network spec)");
        return st;
    }
}
