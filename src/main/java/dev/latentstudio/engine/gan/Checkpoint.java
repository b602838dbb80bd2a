package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.model.BoundedZip;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.NetArchive;
import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A training checkpoint: both networks with their Adam state plus the trainer's counters, in one
 * zip. It is written beside the old one and renamed over it only once complete and flushed to disk,
 * so a process killed mid-write (or a full disk) leaves the previous checkpoint intact.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.zip";

    /**
     * The trainer's counters and settings; the data order and noise follow from (seed, step).
     * Checkpoints from before the 64×64 DCGAN have no architecture: they are MNIST runs; those from before
     * the mode-seeking term have none (0).
     */
    public record State(long step, long seed, int batch, double learningRate, long dUpdates, long gUpdates,
                        double elapsedSeconds, List<double[]> history, Dcgan.Architecture architecture, double modeSeeking) {
        public State {
            if (architecture == null) architecture = Dcgan.Architecture.MNIST;
        }

        /** A run without the mode-seeking term. */
        public State(long step, long seed, int batch, double learningRate, long dUpdates, long gUpdates,
                     double elapsedSeconds, List<double[]> history, Dcgan.Architecture architecture) {
            this(step, seed, batch, learningRate, dUpdates, gUpdates, elapsedSeconds, history, architecture, 0);
        }
    }

    public record Loaded(GanSession session, State state) {
    }

    private Checkpoint() {
    }

    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    public static void write(Path dir, GanSession s, State state) throws IOException {
        AtomicFile.write(file(dir), tmp -> {
            try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                put(zip, G, s.generator());
                put(zip, D, s.discriminator());
                if (s.ema() != null) {
                    zip.putNextEntry(new ZipEntry(EMA));
                    Nd4j.write(s.ema(), new java.io.DataOutputStream(zip));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(STATE));
                zip.write(ModelCard.gson().toJson(state).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        });
    }

    private static void put(ZipOutputStream zip, String name, MultiLayerNetwork net) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        NetArchive.write(net, zip, true);
        zip.closeEntry();
    }

    /** Only the counters and settings (architecture, batch…), without restoring the networks. */
    public static State readState(Path dir) throws IOException {
        Map<String, byte[]> entries = entries(dir, List.of(STATE));
        try {
            return ModelCard.gson().fromJson(new String(entries.get("state.json"), StandardCharsets.UTF_8), State.class);
        } catch (RuntimeException e) {
            throw new IOException("Checkpoint " + file(dir) + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static final String G = "generator.dl4j", D = "discriminator.dl4j", EMA = "generator-ema.nd4j", STATE = "state.json";
    /** Each network entry holds its parameters and Adam's two moments: 1.5 GiB covers pix2pix's U-Net three times over. */
    private static final Map<String, Long> LIMITS = Map.of(G, 3L << 29, D, 3L << 29, EMA, 1L << 30, STATE, 64L << 20);

    /** The checkpoint's entries, each known and bounded (see {@link BoundedZip}), with all of {@code needed} present. */
    private static Map<String, byte[]> entries(Path dir, List<String> needed) throws IOException {
        return entries(file(dir), LIMITS, needed);
    }

    /**
     * The entries of a checkpoint zip (this trainer's or another's): only those {@code limits} names, each within its
     * bound, and every one of {@code needed}; a missing file or entry is said as such.
     */
    public static Map<String, byte[]> entries(Path f, Map<String, Long> limits, List<String> needed) throws IOException {
        if (!Files.isRegularFile(f)) throw new IOException("No checkpoint to resume from: " + f + " is missing");
        Map<String, byte[]> entries;
        try (InputStream in = Files.newInputStream(f)) {
            entries = BoundedZip.read(in, "Checkpoint " + f, limits);
        }
        for (String need : needed) {
            if (!entries.containsKey(need)) throw new IOException("Checkpoint " + f + " is incomplete: no " + need);
        }
        return entries;
    }

    public static Loaded read(Path dir) throws IOException {
        Path f = file(dir);
        Map<String, byte[]> entries = entries(dir, List.of(G, D, STATE));
        try {
            State st = ModelCard.gson().fromJson(new String(entries.get(STATE), StandardCharsets.UTF_8), State.class);
            MultiLayerNetwork g = OneDnn.accelerate(NetArchive.read(entries.get(G), "Checkpoint " + f + " " + G, true));
            MultiLayerNetwork d = OneDnn.accelerate(NetArchive.read(entries.get(D), "Checkpoint " + f + " " + D, true));
            GanSession session = new GanSession(g, d, st.dUpdates(), st.gUpdates());
            byte[] ema = entries.get(EMA);
            if (ema != null) session.setEma(NetArchive.array(ema, g.numParams(), "Checkpoint " + f + " " + EMA));
            return new Loaded(session, st);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Checkpoint " + f + " is corrupt: " + e.getMessage(), e);
        }
    }
}
