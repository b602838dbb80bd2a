package dev.latentstudio.engine.latent;

import dev.latentstudio.engine.AtomicFile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved latent vectors, as JSON:
 * {"format":"latent-studio/latents","version":1,"dim":64,"generator":"name or null","vectors":[{"name":"a","z":[...]}]}.
 * Reading checks everything a hand-edited or half-written file can get wrong, and says which file it was.
 */
public final class LatentFile {

    public static final String FORMAT = "latent-studio/latents";
    public static final int VERSION = 1;

    /** One saved vector; the name may be null. */
    public record Named(String name, float[] z) {
    }

    // serializeNulls so that "generator": null is written out, as the format shows it
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private LatentFile() {
    }

    public static void write(Path p, String generator, List<Named> vs) throws IOException {
        if (vs.isEmpty()) {
            throw new IllegalArgumentException("no latent vectors to write to " + p);
        }
        int dim = vs.get(0).z().length;
        JsonArray vectors = new JsonArray();
        for (int k = 0; k < vs.size(); k++) {
            float[] z = vs.get(k).z();
            if (z.length != dim) {
                throw new IllegalArgumentException("vector " + k + " has dimension " + z.length + ", vector 0 has " + dim);
            }
            JsonArray values = new JsonArray(z.length);
            for (float x : z) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("vector " + k + " contains " + x + "; only finite values can be saved");
                }
                values.add(x);
            }
            JsonObject v = new JsonObject();
            v.addProperty("name", vs.get(k).name());
            v.add("z", values);
            vectors.add(v);
        }
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.addProperty("dim", dim);
        root.addProperty("generator", generator);
        root.add("vectors", vectors);

        AtomicFile.write(p, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                GSON.toJson(root, w);
            }
        });
    }

    /**
     * Reads all vectors. Problems with the content come out as IllegalArgumentException naming the file;
     * IOException is left for the disk itself failing.
     */
    public static List<Named> read(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("latent file not found: " + p);
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("latent file is not a regular file: " + p);
        }
        JsonElement parsed;
        // an InputStreamReader replaces bad UTF-8 instead of throwing, so binary junk reads as "not JSON"
        try (Reader r = new InputStreamReader(Files.newInputStream(p), StandardCharsets.UTF_8)) {
            parsed = JsonParser.parseReader(r);
        } catch (JsonParseException e) {
            throw bad(p, "not valid JSON (" + e.getMessage() + ")");
        }
        if (!parsed.isJsonObject()) {
            throw bad(p, "not a JSON object; expected {\"format\":\"" + FORMAT + "\", ...}");
        }
        JsonObject root = parsed.getAsJsonObject();
        String format = string(root.get("format"));
        if (!FORMAT.equals(format)) {
            throw bad(p, "format is " + (format == null ? "missing" : "\"" + format + "\"") + ", expected \"" + FORMAT + "\"");
        }
        JsonElement version = root.get("version");
        if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber()
                || version.getAsDouble() != VERSION) {
            throw bad(p, "unsupported version " + version + ", this program reads version " + VERSION);
        }
        JsonElement vectors = root.get("vectors");
        if (vectors == null || !vectors.isJsonArray() || vectors.getAsJsonArray().isEmpty()) {
            throw bad(p, "\"vectors\" must be a non-empty array");
        }

        List<Named> out = new ArrayList<>();
        int dim = -1;
        for (JsonElement e : vectors.getAsJsonArray()) {
            int k = out.size();
            if (!e.isJsonObject() || !e.getAsJsonObject().has("z") || !e.getAsJsonObject().get("z").isJsonArray()) {
                throw bad(p, "vector " + k + " must be an object with a \"z\" array");
            }
            JsonObject v = e.getAsJsonObject();
            float[] z = values(p, k, v.get("z").getAsJsonArray());
            if (dim < 0) {
                dim = z.length;
            } else if (z.length != dim) {
                throw bad(p, "vectors have inconsistent dimensions: vector 0 has " + dim + ", vector " + k + " has " + z.length);
            }
            out.add(new Named(string(v.get("name")), z));
        }
        JsonElement declared = root.get("dim");
        if (declared != null && !declared.isJsonNull()
                && !(declared.isJsonPrimitive() && declared.getAsJsonPrimitive().isNumber() && declared.getAsDouble() == dim)) {
            throw bad(p, "\"dim\" says " + declared + " but the vectors have dimension " + dim);
        }
        return out;
    }

    private static float[] values(Path p, int k, JsonArray a) {
        if (a.isEmpty()) {
            throw bad(p, "vector " + k + " is empty");
        }
        float[] z = new float[a.size()];
        for (int i = 0; i < z.length; i++) {
            JsonElement x = a.get(i);
            float f;
            try {
                // parsing the text as float (not via double) reads back exactly the float that was written
                f = Float.parseFloat(x.getAsJsonPrimitive().getAsString());
            } catch (RuntimeException e) {
                throw bad(p, "vector " + k + " value " + i + " is not a number: " + x);
            }
            if (!Float.isFinite(f)) {
                throw bad(p, "vector " + k + " value " + i + " is " + x + " (NaN or infinite values are not allowed)");
            }
            z[i] = f;
        }
        return z;
    }

    private static String string(JsonElement e) {
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static IllegalArgumentException bad(Path p, String why) {
        return new IllegalArgumentException("bad latent file " + p + ": " + why);
    }
}
