package dev.latentstudio.engine.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.latentstudio.engine.nn.FastActivations;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DL4J network archives (the zip ModelSerializer writes) read from their configuration JSON and
 * parameter arrays only. ModelSerializer's own reader deserialises any {@code preprocessor.bin}
 * entry with Java serialisation, so a shared model file could run code or hang the studio; here
 * every entry is checked before DL4J sees it: known names, bounded sizes, class names in the JSON
 * from DL4J's, ND4J's and the studio's packages, array headers that match the configuration.
 */
public final class NetArchive {
    static final String CONFIG = ModelSerializer.CONFIGURATION_JSON;
    static final String PARAMS = ModelSerializer.COEFFICIENTS_BIN;
    static final String UPDATER = ModelSerializer.UPDATER_BIN;
    static final long MAX_CONFIG_BYTES = 8L << 20;
    /** 1 GiB: the largest network here, pix2pix's 41.8 M-parameter U-Net, is 170 MB, its Adam state twice that. */
    static final long MAX_ARRAY_BYTES = 1L << 30;
    private static final Map<String, Long> LIMITS = Map.of(CONFIG, MAX_CONFIG_BYTES, PARAMS, MAX_ARRAY_BYTES,
            UPDATER, MAX_ARRAY_BYTES);
    private static final List<String> TRUSTED_PACKAGES = List.of("org.deeplearning4j.nn.", "org.nd4j.linalg.", "dev.latentstudio.");
    private static final Pattern CLASS_NAME = Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");

    private NetArchive() {
    }

    public static MultiLayerNetwork read(Path file, boolean withUpdater) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("Model weights missing: " + file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), withUpdater);
        }
    }

    /** {@code where} names the archive in messages (a file, or an entry of a checkpoint). */
    public static MultiLayerNetwork read(byte[] zip, String where, boolean withUpdater) throws IOException {
        return read(new ByteArrayInputStream(zip), where, withUpdater);
    }

    private static MultiLayerNetwork read(InputStream in, String where, boolean withUpdater) throws IOException {
        Map<String, byte[]> e = entries(in, where);
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(new String(e.get(CONFIG), StandardCharsets.UTF_8));
        } catch (RuntimeException ex) {
            throw new IOException(where + ": invalid network configuration (" + ex.getMessage() + ")", ex);
        }
        long n = 0;
        for (NeuralNetConfiguration c : conf.getConfs()) n += c.getLayer().initializer().numParams(c);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(array(e.get(PARAMS), n, where + " " + PARAMS), false);
        if (withUpdater && e.containsKey(UPDATER)) {
            INDArray view = net.getUpdater(true).getStateViewArray();
            net.getUpdater().setStateViewArray(net, array(e.get(UPDATER), view == null ? 0 : view.length(), where + " " + UPDATER), false);
        }
        return net;
    }

    /** The same for a ComputationGraph (pix2pix's U-Net). */
    public static ComputationGraph readGraph(byte[] zip, String where, boolean withUpdater) throws IOException {
        return readGraph(new ByteArrayInputStream(zip), where, withUpdater);
    }

    public static ComputationGraph readGraph(Path file, boolean withUpdater) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("Model weights missing: " + file);
        try (InputStream in = Files.newInputStream(file)) {
            return readGraph(in, file.toString(), withUpdater);
        }
    }

    private static ComputationGraph readGraph(InputStream in, String where, boolean withUpdater) throws IOException {
        Map<String, byte[]> e = entries(in, where);
        ComputationGraphConfiguration conf;
        try {
            conf = ComputationGraphConfiguration.fromJson(new String(e.get(CONFIG), StandardCharsets.UTF_8));
        } catch (RuntimeException ex) {
            throw new IOException(where + ": invalid network configuration (" + ex.getMessage() + ")", ex);
        }
        long n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) n += lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf());
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init(array(e.get(PARAMS), n, where + " " + PARAMS), false);
        if (withUpdater && e.containsKey(UPDATER)) {
            INDArray view = net.getUpdater(true).getStateViewArray();
            net.getUpdater().setStateViewArray(array(e.get(UPDATER), view == null ? 0 : view.length(), where + " " + UPDATER));
        }
        return net;
    }

    /** The checked entries: known names within their limits, configuration and parameters present, class names trusted. */
    private static Map<String, byte[]> entries(InputStream in, String where) throws IOException {
        Map<String, byte[]> e = BoundedZip.read(in, where, LIMITS);
        if (!e.containsKey(CONFIG) || !e.containsKey(PARAMS)) {
            throw new IOException(where + ": corrupt or not a network archive (needs " + CONFIG + " and " + PARAMS + ")");
        }
        checkClassNames(new String(e.get(CONFIG), StandardCharsets.UTF_8), where);
        return e;
    }

    /**
     * Writes the archive DL4J's way (writing is safe; only reading needed guarding), with DL4J's own activation
     * functions in the configuration rather than the studio's faster equivalents.
     */
    public static void write(Model net, OutputStream out, boolean withUpdater) throws IOException {
        FastActivations.whileStandard(net, () -> ModelSerializer.writeModel(net, out, withUpdater));
    }

    public static void write(Model net, Path file, boolean withUpdater) throws IOException {
        FastActivations.whileStandard(net, () -> ModelSerializer.writeModel(net, file.toFile(), withUpdater));
    }

    /** Jackson instantiates whatever class a type id names: only the packages of the networks' own pieces may appear. */
    static void checkClassNames(String json, String where) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException ex) {
            throw new IOException(where + ": " + CONFIG + " is not JSON (" + ex.getMessage() + ")", ex);
        }
        check(root, where);
    }

    private static void check(JsonElement el, String where) throws IOException {
        if (el.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : el.getAsJsonObject().entrySet()) check(m.getValue(), where);
        } else if (el.isJsonArray()) {
            for (JsonElement x : el.getAsJsonArray()) check(x, where);
        } else if (el.isJsonPrimitive() && el.getAsJsonPrimitive().isString()) {
            String s = el.getAsString();
            if (CLASS_NAME.matcher(s).matches() && TRUSTED_PACKAGES.stream().noneMatch(s::startsWith)) {
                throw new IOException(where + ": refused, the configuration names class " + s
                        + ", which is not part of a network");
            }
        }
    }

    /**
     * An array as Nd4j.write stores it (shape buffer, then data buffer), checked before ND4J allocates:
     * the header's length must be the configuration's and the bytes must be exactly that long.
     */
    public static INDArray array(byte[] bytes, long expected, String where) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            Header shape = header(in);
            if (shape.length < 4 || shape.length > 4 + 2 * 32 || (shape.elementBytes != 8 && shape.elementBytes != 4)) {
                throw new IOException("bad shape header");
            }
            in.skipNBytes(shape.length * shape.elementBytes);
            Header data = header(in);
            if (data.length != expected) {
                throw new IOException(data.length + " values where the configuration needs " + expected);
            }
            if (in.available() != data.length * data.elementBytes) {
                throw new IOException("truncated or padded (" + in.available() + " bytes of data for " + data.length + " values)");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(where + ": corrupt array (" + e.getMessage() + ")", e);
        }
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException e) {
            throw new IOException(where + ": corrupt array (" + e.getMessage() + ")", e);
        }
    }

    private record Header(long length, int elementBytes) {
    }

    /** BaseDataBuffer's header: allocation mode, length (int for the oldest modes), data type. */
    private static Header header(DataInputStream in) throws IOException {
        DataBuffer.AllocationMode mode = DataBuffer.AllocationMode.valueOf(in.readUTF());
        long length = mode.ordinal() < 3 ? in.readInt() : in.readLong();
        String type = in.readUTF();
        int size = switch (type) {
            case "DOUBLE", "LONG" -> 8;
            case "FLOAT", "INT" -> 4;
            case "HALF", "BFLOAT16" -> 2;
            default -> throw new IOException("unsupported data type " + type);
        };
        if (length < 0) throw new IOException("negative length");
        return new Header(length, size);
    }
}
