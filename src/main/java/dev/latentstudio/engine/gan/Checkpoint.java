package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
     * Checkpoints from before the 64×64 DCGAN have no architecture: they are MNIST runs.
     */
    public record State(long step, long seed, int batch, double learningRate, long dUpdates, long gUpdates,
                        double elapsedSeconds, List<double[]> history, Dcgan.Architecture architecture) {
        public State {
            if (architecture == null) architecture = Dcgan.Architecture.MNIST;
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
                put(zip, "generator.dl4j", s.generator());
                put(zip, "discriminator.dl4j", s.discriminator());
                if (s.ema() != null) {
                    zip.putNextEntry(new ZipEntry("generator-ema.nd4j"));
                    Nd4j.write(s.ema(), new java.io.DataOutputStream(zip));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("state.json"));
                zip.write(ModelCard.gson().toJson(state).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        });
    }

    private static void put(ZipOutputStream zip, String name, MultiLayerNetwork net) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ModelSerializer.writeModel(net, zip, true);
        zip.closeEntry();
    }

    /** Only the counters and settings (architecture, batch…), without restoring the networks. */
    public static State readState(Path dir) throws IOException {
        Map<String, byte[]> entries = entries(dir, List.of("state.json"), List.of());
        try {
            return ModelCard.gson().fromJson(new String(entries.get("state.json"), StandardCharsets.UTF_8), State.class);
        } catch (RuntimeException e) {
            throw new IOException("Checkpoint " + file(dir) + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** The named entries of the checkpoint zip: all of {@code needed} (or a clear error), those of {@code optional} it has. */
    private static Map<String, byte[]> entries(Path dir, List<String> needed, List<String> optional) throws IOException {
        Path f = file(dir);
        if (!Files.isRegularFile(f)) throw new IOException("No checkpoint to resume from: " + f + " is missing");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(f))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (needed.contains(e.getName()) || optional.contains(e.getName())) entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new IOException("Checkpoint " + f + " is corrupt: " + e.getMessage(), e);
        }
        for (String need : needed) {
            if (!entries.containsKey(need)) throw new IOException("Checkpoint " + f + " is incomplete: no " + need);
        }
        return entries;
    }

    public static Loaded read(Path dir) throws IOException {
        Path f = file(dir);
        Map<String, byte[]> entries = entries(dir, List.of("generator.dl4j", "discriminator.dl4j", "state.json"),
                List.of("generator-ema.nd4j"));
        try {
            State st = ModelCard.gson().fromJson(new String(entries.get("state.json"), StandardCharsets.UTF_8), State.class);
            MultiLayerNetwork g = OneDnn.accelerate(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(entries.get("generator.dl4j")), true));
            MultiLayerNetwork d = OneDnn.accelerate(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(entries.get("discriminator.dl4j")), true));
            GanSession session = new GanSession(g, d, st.dUpdates(), st.gUpdates());
            byte[] ema = entries.get("generator-ema.nd4j");
            if (ema != null) session.setEma(Nd4j.read(new java.io.DataInputStream(new ByteArrayInputStream(ema))));
            return new Loaded(session, st);
        } catch (Exception e) {
            throw new IOException("Checkpoint " + f + " is corrupt: " + e.getMessage(), e);
        }
    }
}
