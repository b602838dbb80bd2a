package dev.latentstudio.engine.latent;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns what a user types (seed, average of seeds, saved file) into a latent vector. */
public final class LatentSpec {

    static final String FORMS = "accepted forms: 42 | seed:42 | avg:3,7,12 | file.json | file.json#2 (vector index)"
            + " | file.json#name | avg:file.json (average of all vectors in the file)";

    private LatentSpec() {
    }

    /**
     * @param baseDir where relative file names are looked up; null means the working directory
     * @throws IllegalArgumentException for text in none of the accepted forms, a file problem, or a dimension mismatch
     */
    public static float[] parse(String spec, int dim, Path baseDir) {
        return parse(spec, LatentPrior.gaussian(dim), baseDir);
    }

    /** As {@link #parse(String, int, Path)}, with seeds drawn from the generator's prior (a seed names z and class). */
    public static float[] parse(String spec, LatentPrior prior, Path baseDir) {
        int dim = prior.dim();
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty latent spec; " + FORMS);
        }
        String s = spec.strip();
        float[] z;
        if (s.startsWith("avg:")) {
            String rest = s.substring(4).strip();
            if (isJson(rest)) {
                List<float[]> all = new ArrayList<>();
                for (LatentFile.Named n : read(rest, baseDir)) {
                    all.add(n.z());
                }
                z = LatentMath.average(all);
            } else {
                z = averageOfSeeds(s, rest, prior);
            }
        } else if (s.startsWith("seed:")) {
            z = prior.seed(seed(s, s.substring(5).strip()));
        } else if (isSeed(s)) {
            z = prior.seed(seed(s, s));
        } else if (isJson(s) || isJson(s.substring(0, Math.max(0, s.lastIndexOf('#'))))) {
            z = fromFile(s, baseDir);
        } else {
            throw new IllegalArgumentException("cannot understand latent spec \"" + s + "\"; " + FORMS);
        }
        if (z.length != dim) {
            throw new IllegalArgumentException("latent spec \"" + s + "\" gives a " + z.length
                    + "-dimensional vector but the generator needs " + dim);
        }
        return z;
    }

    private static float[] averageOfSeeds(String s, String list, LatentPrior prior) {
        List<float[]> vs = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            vs.add(prior.seed(seed(s, part.strip())));
        }
        return LatentMath.average(vs);
    }

    /** "file.json" (first vector), "file.json#2" (index) or "file.json#name". */
    private static float[] fromFile(String s, Path baseDir) {
        int hash = s.lastIndexOf('#');
        if (hash < 0 || isJson(s)) { // "my#1.json" is a file name, not a fragment
            return read(s, baseDir).get(0).z();
        }
        String file = s.substring(0, hash);
        String key = s.substring(hash + 1).strip();
        List<LatentFile.Named> vs = read(file, baseDir);
        if (isSeed(key) && !key.startsWith("-")) {
            int i;
            try {
                i = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                i = Integer.MAX_VALUE;
            }
            if (i >= vs.size()) {
                throw new IllegalArgumentException(file + " has " + vs.size() + " vectors (index 0 to " + (vs.size() - 1)
                        + "), there is no #" + key);
            }
            return vs.get(i).z();
        }
        List<String> names = new ArrayList<>();
        for (LatentFile.Named n : vs) {
            if (key.equals(n.name())) {
                return n.z();
            }
            names.add(n.name());
        }
        throw new IllegalArgumentException("no vector named \"" + key + "\" in " + file + "; names there: " + names);
    }

    private static List<LatentFile.Named> read(String file, Path baseDir) {
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid file name: \"" + file + "\"; " + FORMS);
        }
        if (!p.isAbsolute() && baseDir != null) {
            p = baseDir.resolve(p);
        }
        try {
            return LatentFile.read(p);
        } catch (IOException e) {
            // a spec is user input: one exception type for every way it can fail keeps callers simple
            throw new IllegalArgumentException("cannot read latent file " + p + ": " + e.getMessage(), e);
        }
    }

    private static long seed(String spec, String text) {
        if (!isSeed(text)) {
            throw new IllegalArgumentException("\"" + text + "\" in latent spec \"" + spec + "\" is not a whole-number seed; " + FORMS);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed \"" + text + "\" in latent spec \"" + spec + "\" is too large; " + FORMS);
        }
    }

    private static boolean isSeed(String s) {
        return s.matches("-?\\d+");
    }

    private static boolean isJson(String s) {
        return s.toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
