package dev.latentstudio.engine.model;

import dev.latentstudio.engine.AtomicFile;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata JSON beside each model's weights (models/NAME/model.json): what it is, how its
 * input is scaled, what it was trained on and how, and what quality was measured.
 * {@code baseWidth} is the width parameter of architectures that have one (dcgan-64), else null.
 */
public record ModelCard(String name, String kind, String architecture, Integer baseWidth, String weights,
                        int latentDim, int channels, int height, int width, String normalisation,
                        List<String> labels, String data, long steps, int batch, double learningRate, long seed,
                        double trainSeconds, String command, Map<String, Object> quality, String licence) {

    public static final String FILE = "model.json";
    public static final String GENERATOR = "generator";
    public static final String CLASSIFIER = "classifier";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** A card for an architecture without a width parameter. */
    public ModelCard(String name, String kind, String architecture, String weights,
                     int latentDim, int channels, int height, int width, String normalisation,
                     List<String> labels, String data, long steps, int batch, double learningRate, long seed,
                     double trainSeconds, String command, Map<String, Object> quality, String licence) {
        this(name, kind, architecture, null, weights, latentDim, channels, height, width, normalisation, labels, data,
                steps, batch, learningRate, seed, trainSeconds, command, quality, licence);
    }

    public ModelCard withQuality(Map<String, Object> q) {
        Map<String, Object> merged = new LinkedHashMap<>(quality == null ? Map.of() : quality);
        merged.putAll(q);
        return new ModelCard(name, kind, architecture, baseWidth, weights, latentDim, channels, height, width, normalisation,
                labels, data, steps, batch, learningRate, seed, trainSeconds, command, merged, licence);
    }

    public void write(Path dir) throws IOException {
        AtomicFile.write(dir.resolve(FILE), tmp -> Files.writeString(tmp, GSON.toJson(this) + "\n"));
    }

    public static ModelCard read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) throw new IOException("No model here: " + f + " is missing");
        try {
            ModelCard c = GSON.fromJson(Files.readString(f), ModelCard.class);
            if (c == null || c.kind() == null || c.weights() == null) {
                throw new IOException(f + " is not a Latent Studio model card (kind and weights are required)");
            }
            return c;
        } catch (JsonParseException e) {
            throw new IOException(f + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static String toJson(Object o) {
        return GSON.toJson(o);
    }

    public static Gson gson() {
        return GSON;
    }
}
