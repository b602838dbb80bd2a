package dev.latentstudio.engine.sliders;

import dev.latentstudio.engine.AtomicFile;
import dev.latentstudio.engine.model.ModelCard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The slider directions of one generator, kept beside it as {@value #FILE}: unit vectors in z space
 * (the class weights of a conditional model are not part of them), each with what moving one unit
 * along it changes, in standard deviations of each measured attribute.
 *
 * @param samples latents the directions were fitted on
 */
public record Directions(String model, int zDim, int classes, int samples, long seed, double fitSeconds,
                         List<Direction> directions) {
    public static final String FILE = "directions.json";
    public static final String ATTRIBUTE = "attribute", DISCOVERED = "discovered";
    /** Largest file read (a 64-d direction is ~1.5 kB of JSON; a few hundred of them fit many times over). */
    static final long MAX_BYTES = 4 << 20;

    /**
     * @param name    "thickness" for a fitted attribute, "pc3" for a discovered one
     * @param label   what the slider says, e.g. "pc3 · width −"
     * @param changes attribute → its change, in standard deviations, per unit along the direction
     */
    public record Direction(String name, String kind, String label, float[] vector, Map<String, Double> changes) {
    }

    public Direction get(String name) {
        for (Direction d : directions) if (d.name().equals(name)) return d;
        throw new IllegalArgumentException("no direction '" + name + "' for " + model + "; there are "
                + directions.stream().map(Direction::name).toList());
    }

    public void write(Path modelDir) throws IOException {
        AtomicFile.write(modelDir.resolve(FILE), tmp -> Files.writeString(tmp, ModelCard.gson().toJson(this) + "\n"));
    }

    public static boolean exists(Path modelDir) {
        return Files.isRegularFile(modelDir.resolve(FILE));
    }

    /** Reads and checks the file: every vector has zDim finite entries. */
    public static Directions read(Path modelDir) throws IOException {
        Path f = modelDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("No slider directions for this model: " + f + " is missing (fit them: ./studio directions fit -g " + modelDir + ")");
        }
        if (Files.size(f) > MAX_BYTES) throw new IOException(f + " is larger than " + (MAX_BYTES >> 20) + " MB: not a directions file");
        Directions d;
        try {
            d = ModelCard.gson().fromJson(Files.readString(f), Directions.class);
        } catch (RuntimeException e) {
            throw new IOException(f + " is not a valid directions file: " + e.getMessage(), e);
        }
        if (d == null || d.directions() == null || d.zDim() <= 0) throw new IOException(f + " is not a valid directions file (no directions)");
        for (Direction x : d.directions()) {
            if (x.name() == null || x.vector() == null || x.vector().length != d.zDim()) {
                throw new IOException(f + ": direction " + x.name() + " is not a " + d.zDim() + "-dimensional vector");
            }
            for (float v : x.vector()) if (!Float.isFinite(v)) throw new IOException(f + ": direction " + x.name() + " has a non-finite entry");
        }
        return d;
    }

    /** {@code frames} vectors from v moved −range to +range along one direction, both ends included. */
    public java.util.List<float[]> sweep(float[] v, String name, double range, int frames) {
        java.util.List<float[]> out = new java.util.ArrayList<>(frames);
        for (int i = 0; i < frames; i++) out.add(apply(v, Map.of(name, -range + 2 * range * i / (frames - 1))));
        return out;
    }

    /** v moved by α_i along each named direction (z part only; class weights stay). */
    public float[] apply(float[] v, Map<String, Double> alphas) {
        float[] out = v.clone();
        for (var e : alphas.entrySet()) {
            float[] n = get(e.getKey()).vector();
            for (int i = 0; i < zDim; i++) out[i] += (float) (e.getValue() * n[i]);
        }
        return out;
    }
}
