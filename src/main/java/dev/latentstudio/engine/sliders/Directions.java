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
 * along it changes, in standard deviations of each measured attribute. A conditional model's
 * attribute directions also hold one vector per class: its G turns z into a picture through the
 * class, so the way to a taller 1 is not the way to a taller 0.
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
     * @param perClass one unit vector per class of a conditional model (null: {@code vector} for every class)
     */
    public record Direction(String name, String kind, String label, float[] vector, Map<String, Double> changes, float[][] perClass) {
        public Direction(String name, String kind, String label, float[] vector, Map<String, Double> changes) {
            this(name, kind, label, vector, changes, null);
        }

        /**
         * The way to move a latent drawn with these class weights: the classes' own vectors mixed by the
         * weights and made unit length again (a class mix gets a mix of its classes' ways); {@code vector}
         * where there are none.
         */
        public float[] vectorFor(float[] classWeights) {
            if (perClass == null || classWeights == null || classWeights.length != perClass.length) return vector;
            double[] s = new double[vector.length];
            for (int c = 0; c < perClass.length; c++) {
                for (int i = 0; i < s.length; i++) s[i] += classWeights[c] * perClass[c][i];
            }
            double len = 0;
            for (double x : s) len += x * x;
            len = Math.sqrt(len);
            if (len < 1e-6) return vector;
            float[] out = new float[s.length];
            for (int i = 0; i < s.length; i++) out[i] = (float) (s[i] / len);
            return out;
        }
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
            if (x.perClass() == null) continue;
            if (x.perClass().length != d.classes()) {
                throw new IOException(f + ": direction " + x.name() + " has " + x.perClass().length + " class vectors for " + d.classes() + " classes");
            }
            for (float[] row : x.perClass()) {
                if (row == null || row.length != d.zDim()) throw new IOException(f + ": a class vector of " + x.name() + " is not " + d.zDim() + "-dimensional");
                for (float v : row) if (!Float.isFinite(v)) throw new IOException(f + ": a class vector of " + x.name() + " has a non-finite entry");
            }
        }
        return d;
    }

    /** {@code frames} vectors from v moved −range to +range along one direction, both ends included. */
    public java.util.List<float[]> sweep(float[] v, String name, double range, int frames) {
        java.util.List<float[]> out = new java.util.ArrayList<>(frames);
        for (int i = 0; i < frames; i++) out.add(apply(v, Map.of(name, -range + 2 * range * i / (frames - 1))));
        return out;
    }

    /**
     * v moved by α_i along each named direction (z part only; class weights stay), each direction taken
     * for v's class weights ({@link Direction#vectorFor}).
     */
    public float[] apply(float[] v, Map<String, Double> alphas) {
        float[] out = v.clone();
        float[] weights = classes > 0 && v.length == zDim + classes ? java.util.Arrays.copyOfRange(v, zDim, zDim + classes) : null;
        for (var e : alphas.entrySet()) {
            float[] n = get(e.getKey()).vectorFor(weights);
            for (int i = 0; i < zDim; i++) out[i] += (float) (e.getValue() * n[i]);
        }
        return out;
    }
}
