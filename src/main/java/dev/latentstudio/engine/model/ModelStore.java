package dev.latentstudio.engine.model;

import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.nn.OneDnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The one place models are found and loaded: the shipped models/ folder and the user's own. */
public final class ModelStore {
    public static final String DEFAULT_GENERATOR = "cdcgan-digits";
    /** The shipped pix2pix demo: garment outlines → garments. */
    public static final String DEFAULT_PARTNER = "pix2pix-garments";
    /** The source document's unconditional DCGAN, kept as its reference model. */
    public static final String SOURCE_GENERATOR = "dcgan-mnist";
    public static final String DEFAULT_CLASSIFIER = "digit-cnn";
    /** An independently trained classifier (other architecture and seed) that checks inversions made against the default. */
    public static final String SECOND_CLASSIFIER = "digit-cnn-b";
    /** The garment classifier, the judge of generators trained on Fashion-MNIST. */
    public static final String FASHION_CLASSIFIER = "fashion-cnn";
    /** A second garment classifier (the digits' second architecture, another seed): a feature net the judge is not. */
    public static final String FASHION_SECOND_CLASSIFIER = "fashion-cnn-b";

    public record Entry(Path dir, ModelCard card) {
    }

    private ModelStore() {
    }

    /** All models of a kind, shipped ones first; unreadable folders are skipped (see {@link #problems}). */
    public static List<Entry> list(String kind) {
        List<Entry> out = new ArrayList<>();
        for (Path root : List.of(StudioPaths.models(), StudioPaths.userModels())) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> s = Files.list(root)) {
                for (Path dir : s.sorted().toList()) {
                    if (!Files.isRegularFile(dir.resolve(ModelCard.FILE))) continue;
                    try {
                        ModelCard c = ModelCard.read(dir);
                        if (kind == null || kind.equals(c.kind())) out.add(new Entry(dir, c));
                    } catch (IOException e) {
                        // listed by problems(); one bad folder must not hide the others
                    }
                }
            } catch (IOException e) {
                // an unreadable root simply contributes nothing
            }
        }
        return out;
    }

    /** The classifier that judges pictures of a bundled data set. */
    public static String classifierFor(Dataset data) {
        return data == Dataset.FASHION ? FASHION_CLASSIFIER : DEFAULT_CLASSIFIER;
    }

    /** Whether a model of this kind and name is listed (shipped or the user's). */
    public static boolean has(String kind, String name) {
        return list(kind).stream().anyMatch(e -> e.card().name().equals(name));
    }

    /** A model by folder path or by name (searched in models/ then the user's models). */
    public static Entry find(String nameOrPath) throws IOException {
        Path p = Path.of(nameOrPath);
        if (Files.isDirectory(p)) return new Entry(p, ModelCard.read(p));
        for (Path root : List.of(StudioPaths.models(), StudioPaths.userModels())) {
            Path dir = root.resolve(nameOrPath);
            if (Files.isDirectory(dir)) return new Entry(dir, ModelCard.read(dir));
        }
        throw new IOException("No model named '" + nameOrPath + "' in " + StudioPaths.models() + " or "
                + StudioPaths.userModels() + ", and no such folder");
    }

    public static MultiLayerNetwork loadNetwork(Entry e) throws IOException {
        return loadNetwork(StudioPaths.inside(e.dir(), e.card().weights()));
    }

    public static MultiLayerNetwork loadNetwork(Path w) throws IOException {
        try {
            return OneDnn.accelerate(NetArchive.read(w, false));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Model weights unreadable or corrupt: " + w + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * Makes {@code out} ready for a training run; a new run never starts on top of a run or a model (that would
     * throw away its checkpoint or weights): resume it or choose another folder.
     */
    public static void prepareRunFolder(Path out, boolean resume, boolean hasCheckpoint) throws IOException {
        if (!resume && (hasCheckpoint || Files.exists(out.resolve(ModelCard.FILE)))) {
            throw new IOException(out + " already holds a training run or a model; resume it (--resume "
                    + out + ") or choose another output folder");
        }
        Files.createDirectories(out);
    }

    /** Writes a network's weights (no optimiser state) atomically: temp file, then rename. */
    public static void saveNetwork(Path file, org.deeplearning4j.nn.api.Model net) throws IOException {
        AtomicFile.write(file, tmp -> NetArchive.write(net, tmp, false));
    }
}
