package dev.latentstudio.engine.classify;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.gan.Noise;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.latentstudio.engine.nn.OneDnn;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a classifier on a bundled data set's training split (the training images' {@link Digits#source()}) with
 * small random shifts: ±2 px for the digits (only 8,500 of them); ±1 px for Fashion-MNIST's garments, which fill
 * their frame, each also mirrored left-right at random (a mirrored garment is still that garment). Then it
 * measures accuracy on the test split and writes a model folder whose card names the data's classes.
 */
public final class ClassifierTrainer implements Job<Path> {
    public record Config(Path out, int epochs, int batch, double learningRate, long seed, DigitClassifier.Arch arch) {
        public Config(Path out, int epochs, int batch, double learningRate, long seed) {
            this(out, epochs, batch, learningRate, seed, DigitClassifier.Arch.CNN);
        }
    }

    private final Config cfg;
    private final Digits train;
    private final Digits test;

    public ClassifierTrainer(Config cfg, Digits train, Digits test) {
        if (train.source() != test.source()) {
            throw new IllegalArgumentException("training and test images are from different data sets: " + train.source() + ", " + test.source());
        }
        this.cfg = cfg;
        this.train = train;
        this.test = test;
    }

    @Override
    public String name() {
        return "Train " + (train.source() == Dataset.FASHION ? "garment" : "digit") + " classifier → " + cfg.out().getFileName();
    }

    @Override
    public Path run(JobControl control) throws Exception {
        long t0 = System.nanoTime();
        int perEpoch = train.size() / cfg.batch();
        long total = (long) perEpoch * cfg.epochs();
        // Adam with the rate decaying 20× over the run: the last epochs settle instead of bouncing
        Adam adam = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, cfg.learningRate(), Math.pow(0.05, 1.0 / total)));
        MultiLayerNetwork net = new MultiLayerNetwork(DigitClassifier.conf(cfg.arch(), cfg.seed(), adam, DataType.FLOAT));
        net.init();
        OneDnn.accelerate(net);
        SplittableRandom shifts = new SplittableRandom(cfg.seed());
        Dataset data = train.source();
        boolean flip = data == Dataset.FASHION;
        double acc = Double.NaN;
        for (int e = 0; e < cfg.epochs(); e++) {
            int[] perm = Noise.permutation(cfg.seed(), e, train.size());
            for (int b = 0; b < perEpoch; b++) {
                control.checkpoint();
                int[] idx = new int[cfg.batch()];
                System.arraycopy(perm, b * cfg.batch(), idx, 0, cfg.batch());
                net.fit(new DataSet(shifted(train, idx, shifts, flip ? 1 : 2, flip), train.oneHot(idx)));
                long step = (long) e * perEpoch + b + 1;
                if (step % 20 == 0 || b == perEpoch - 1) {
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("loss", net.score());
                    m.put("epoch", (double) e + 1);
                    if (b == perEpoch - 1) {
                        acc = DigitClassifier.accuracy(net, test);
                        m.put("test_accuracy", acc);
                    }
                    control.report(new Progress(step, total, m, null, null));
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        ModelStore.saveNetwork(cfg.out().resolve(DigitClassifier.WEIGHTS), net);
        new ModelCard(cfg.out().getFileName().toString(), ModelCard.CLASSIFIER, cfg.arch().id, DigitClassifier.WEIGHTS,
                0, 1, 28, 28, "grey pixels scaled to [-1,1]: v = p/127.5 - 1",
                data.classNames(), dataField(data, train.size(), test.size()),
                total, cfg.batch(), cfg.learningRate(), cfg.seed(), secs,
                "./studio train-classifier " + (data == Dataset.DIGITS ? "" : "--data " + data.option() + " ")
                        + (cfg.arch() == DigitClassifier.Arch.CNN ? "" : "--arch " + cfg.arch().option + " ")
                        + "--out " + cfg.out() + " --epochs " + cfg.epochs() + " --seed " + cfg.seed(),
                new LinkedHashMap<>(Map.of("test_accuracy", acc, "test_size", test.size())),
                "weights trained by this project; " + data.licence()).write(cfg.out());
        return cfg.out();
    }

    /** The model card's data field: what the network was trained and tested on, and how the images were varied. */
    static String dataField(Dataset data, int trainSize, int testSize) {
        if (data == Dataset.DIGITS) return "MNIST-10k training split (first 8,500), random shifts of up to 2 px; tested on the last 1,500";
        return String.format(java.util.Locale.ROOT, "Fashion-MNIST training split (%,d garments; Zalando, MIT; Debian package "
                + "dataset-fashion-mnist, assets/fashion-mnist), random shifts of up to 1 px and left-right mirroring; "
                + "tested on the %,d test garments", trainSize, testSize);
    }

    /** The batch with each digit moved by up to ±2 px (zero-padded with the background value −1). */
    static INDArray shifted(Digits d, int[] idx, SplittableRandom r) {
        return shifted(d, idx, r, 2, false);
    }

    /**
     * The batch with each image moved by up to ±{@code max} px (padded with the background value −1) and, with
     * {@code flip}, mirrored left-right half of the time (one more draw per image, after the shift's).
     */
    static INDArray shifted(Digits d, int[] idx, SplittableRandom r, int max, boolean flip) {
        int s = Digits.SIDE;
        float[] buf = new float[idx.length * Digits.PIXELS];
        java.util.Arrays.fill(buf, -1f);
        for (int k = 0; k < idx.length; k++) {
            int dx = r.nextInt(2 * max + 1) - max, dy = r.nextInt(2 * max + 1) - max;
            boolean mirror = flip && r.nextBoolean();
            int src = idx[k] * Digits.PIXELS, dst = k * Digits.PIXELS;
            for (int y = 0; y < s; y++) {
                int sy = y - dy;
                if (sy < 0 || sy >= s) continue;
                for (int x = 0; x < s; x++) {
                    int sx = mirror ? s - 1 - (x - dx) : x - dx;
                    if (sx >= 0 && sx < s) buf[dst + y * s + x] = d.pixels()[src + sy * s + sx];
                }
            }
        }
        return Nd4j.create(buf, new long[]{idx.length, 1, s, s}, 'c');
    }
}
