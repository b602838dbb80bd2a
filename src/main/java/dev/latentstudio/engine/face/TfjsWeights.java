package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.latentstudio.engine.StudioPaths;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads TensorFlow.js weights: a manifest ({@code NAME-weights_manifest.json}, groups of weight specs with
 * the shard files that hold them) and the shards, concatenated per group in order. Values are little-endian
 * float32 or int32, or quantised (uint8/uint16 with {@code q·scale + min}; float16). Shapes stay TF's
 * (conv filters HWIO, depthwise HWC1); the network builders convert layouts where they load.
 */
public final class TfjsWeights {
    /** face-api's largest group is 6.4 MB; a manifest is untrusted and must not make us read gigabytes. */
    static final long MAX_SHARD_BYTES = 256L << 20;

    /** One named weight: TF shape and its values as floats (int32 weights, e.g. SSD's constants, too). */
    public record Tensor(String name, long[] shape, float[] values) {
        public INDArray array() {
            return Nd4j.create(values, shape.length == 0 ? new long[]{1} : shape, 'c');
        }

        public int size() {
            return values.length;
        }
    }

    private record Quantization(String dtype, Double scale, Double min) {
    }

    private record Spec(String name, long[] shape, String dtype, Quantization quantization) {
    }

    private record Group(List<String> paths, List<Spec> weights) {
    }

    private final String source;
    private final Map<String, Tensor> tensors;

    private TfjsWeights(String source, Map<String, Tensor> tensors) {
        this.source = source;
        this.tensors = tensors;
    }

    /** Loads {@code dir/NAME-weights_manifest.json} and its shards; clear IOExceptions for missing or corrupt files. */
    public static TfjsWeights load(Path dir, String name) throws IOException {
        Path manifest = dir.resolve(name + "-weights_manifest.json");
        if (!Files.isRegularFile(manifest)) throw new IOException("Missing face network weights: " + manifest);
        Group[] groups;
        try {
            groups = new Gson().fromJson(Files.readString(manifest), Group[].class);
        } catch (JsonParseException e) {
            throw new IOException(manifest + " is not a TF.js weights manifest: " + e.getMessage(), e);
        }
        if (groups == null || groups.length == 0) throw new IOException(manifest + " lists no weight groups");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Group g : groups) {
            if (g.paths() == null || g.weights() == null) throw new IOException(manifest + ": a group lacks paths or weights");
            ByteBuffer buf = ByteBuffer.wrap(concat(dir, g.paths())).order(ByteOrder.LITTLE_ENDIAN);
            for (Spec s : g.weights()) {
                try {
                    out.put(s.name(), decode(s, buf));
                } catch (RuntimeException e) {
                    throw new IOException(manifest + ": weight " + s.name() + " cannot be read (" + e.getMessage()
                            + "); the shard is truncated or does not belong to this manifest", e);
                }
            }
            if (buf.hasRemaining()) {
                throw new IOException(manifest + ": " + buf.remaining() + " bytes left over in " + g.paths()
                        + "; the shard does not belong to this manifest");
            }
        }
        return new TfjsWeights(manifest.toString(), out);
    }

    private static byte[] concat(Path dir, List<String> paths) throws IOException {
        byte[][] parts = new byte[paths.size()][];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            Path p = StudioPaths.inside(dir, paths.get(i));
            if (!Files.isRegularFile(p)) throw new IOException("Missing weight shard: " + p);
            if (n + Files.size(p) > MAX_SHARD_BYTES) throw new IOException(p + ": refused, the weight group is over " + (MAX_SHARD_BYTES >> 20) + " MB");
            parts[i] = Files.readAllBytes(p);
            n += parts[i].length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static Tensor decode(Spec s, ByteBuffer buf) {
        long count = 1;
        for (long d : s.shape()) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(s.shape()));
            count = Math.multiplyExact(count, d);
        }
        Quantization q = s.quantization();
        int bytes = q == null ? 4 : q.dtype().equals("uint8") ? 1 : 2;
        // before allocating: a shape the shard cannot fill is a lie, not a reason to claim gigabytes
        if (count > buf.remaining() / bytes) throw new IllegalArgumentException("needs " + count + " values, the shard has room for " + buf.remaining() / bytes);
        float[] v = new float[(int) count];
        if (q == null) {
            switch (s.dtype()) {
                case "float32" -> { for (int i = 0; i < v.length; i++) v[i] = buf.getFloat(); }
                case "int32" -> { for (int i = 0; i < v.length; i++) v[i] = buf.getInt(); }
                default -> throw new IllegalArgumentException("unsupported dtype " + s.dtype());
            }
        } else {
            switch (q.dtype()) {
                case "uint8" -> { for (int i = 0; i < v.length; i++) v[i] = dequantise(buf.get() & 0xff, q, s.dtype()); }
                case "uint16" -> { for (int i = 0; i < v.length; i++) v[i] = dequantise(buf.getShort() & 0xffff, q, s.dtype()); }
                case "float16" -> { for (int i = 0; i < v.length; i++) v[i] = halfToFloat(buf.getShort()); }
                default -> throw new IllegalArgumentException("unsupported quantisation " + q.dtype());
            }
        }
        return new Tensor(s.name(), s.shape(), v);
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived in Java 20). */
    static float halfToFloat(short h) {
        int sign = (h >>> 15) & 1, exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
        float v = exp == 0 ? mant * 0x1p-24f
                : exp == 31 ? (mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN)
                : Float.intBitsToFloat((exp + 112) << 23 | mant << 13);
        return sign == 1 ? -v : v;
    }

    private static float dequantise(int q, Quantization quant, String dtype) {
        // tfjs computes min + q·scale in float32, and rounds int32 weights to the nearest integer
        float v = (float) (quant.min() + q * quant.scale());
        return "int32".equals(dtype) ? Math.round(v) : v;
    }

    /** The weight of this name; an IllegalArgumentException naming the file when the network expects one it lacks. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException(source + " has no weight '" + name + "'");
        return t;
    }

    /** The weight, checked to have this TF shape. */
    public Tensor get(String name, long... shape) {
        Tensor t = get(name);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(source + ": '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return t;
    }

    public Set<String> names() {
        return tensors.keySet();
    }
}
