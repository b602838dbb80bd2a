package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.FolderImages;
import dev.latentstudio.engine.data.TrainingData;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a DCGAN (the MNIST one on digits, the 64×64 one on an image folder) as a {@link Job}:
 * progress every few steps (losses, D's outputs, images/s, ETA), a preview grid from fixed noise,
 * atomic checkpoints, and on completion a model folder (generator.zip + model.json) that the studio
 * and the CLI load like any shipped model.
 */
public final class DcganTrainer implements Job<Path> {

    /**
     * @param decayFrom   step from which the learning rate falls in ten equal stages to a tenth of its
     *                    value at the last step (≥ steps: constant, as in the DCGAN paper)
     * @param modeSeeking weight of the mode-seeking term in G's loss ({@link ModeSeeking}; 0: off); a resumed
     *                    run keeps its checkpoint's
     * @param pack        pictures D judges together (PacGAN, see {@link GanSession}; 1: each alone); it must divide
     *                    the batch; a resumed run keeps its checkpoint's D
     */
    public record Config(Path out, long steps, int batch, double learningRate, long seed,
                         int checkpointEvery, int previewEvery, boolean resume, long decayFrom, double modeSeeking, int pack) {
        public Config {
            if (pack < 1 || batch % pack != 0) throw new IllegalArgumentException("D's packs of " + pack + " pictures must divide the batch of " + batch);
        }

        /** D judging each picture alone. */
        public Config(Path out, long steps, int batch, double learningRate, long seed,
                      int checkpointEvery, int previewEvery, boolean resume, long decayFrom, double modeSeeking) {
            this(out, steps, batch, learningRate, seed, checkpointEvery, previewEvery, resume, decayFrom, modeSeeking, 1);
        }

        /** Without the mode-seeking term. */
        public Config(Path out, long steps, int batch, double learningRate, long seed,
                      int checkpointEvery, int previewEvery, boolean resume, long decayFrom) {
            this(out, steps, batch, learningRate, seed, checkpointEvery, previewEvery, resume, decayFrom, 0);
        }
    }

    public static final String WEIGHTS = "generator.zip";
    /** Decay of the average of G's weights that is shipped (about the last 1,000 steps). */
    public static final double EMA_DECAY = 0.999;

    /**
     * The average's decay at a step: (1+t)/(10+t), capped at {@link #EMA_DECAY}. Early on the average
     * follows G closely, so a short run's previews show what G has learnt instead of its random start
     * (at a flat 0.999, 82% of the average is still the initial weights after 200 steps); after ~9,000
     * steps it is the flat 0.999, so a long run ends as before.
     */
    static double emaDecay(long step) {
        return Math.min(EMA_DECAY, (1.0 + step) / (10.0 + step));
    }
    private static final int REPORT_EVERY = 10;
    /** Noise vectors on which BatchNorm statistics of the averaged G are measured (fewer for the big 64×64 nets). */
    private static final int CALIBRATION_MNIST = 2048, CALIBRATION_64 = 256;
    private final Config cfg;
    private final Dcgan.Architecture requested;
    private final TrainingData data;
    private Dcgan.Architecture arch;
    private GanSession session;

    /** The MNIST DCGAN on digits. */
    public DcganTrainer(Config cfg, Digits data) {
        this(cfg, Dcgan.Architecture.MNIST, data);
    }

    /**
     * @param arch the networks of a new run; a resumed run keeps the architecture of its checkpoint
     * @param data images of arch's channels and side
     */
    public DcganTrainer(Config cfg, Dcgan.Architecture arch, TrainingData data) {
        this.cfg = cfg;
        this.requested = arch;
        this.data = data;
    }

    @Override
    public String name() {
        return "Train DCGAN → " + cfg.out().getFileName();
    }

    /** The networks being trained: the requested ones, or once run() has resumed, the checkpoint's. */
    public Dcgan.Architecture architecture() {
        return arch != null ? arch : requested;
    }

    /** The session being trained (for tests and step-by-step views); null before run(). */
    public GanSession session() {
        return session;
    }

    @Override
    public Path run(JobControl control) throws Exception {
        ModelStore.prepareRunFolder(cfg.out(), cfg.resume(), Checkpoint.exists(cfg.out()));
        long start = 0;
        long seed = cfg.seed();
        int batch = cfg.batch();
        double lr = cfg.learningRate();
        double elapsedBefore = 0;
        List<double[]> history = new ArrayList<>();
        if (cfg.resume()) {
            Checkpoint.Loaded c = Checkpoint.read(cfg.out());
            arch = c.state().architecture();
            checkData(arch, data, cfg.out());
            session = c.session();
            Checkpoint.State st = c.state();
            start = st.step();
            seed = st.seed();          // the run's own settings win: they define its data order and noise
            batch = st.batch();
            lr = st.learningRate();
            elapsedBefore = st.elapsedSeconds();
            session.setModeSeeking(st.modeSeeking());
            if (st.history() != null) history.addAll(st.history());
        } else {
            arch = requested;
            checkData(arch, data, null);
            session = new GanSession(arch.generator(seed, lr), arch.discriminator(seed + 1, lr, cfg.pack()), 0, 0);
            session.setModeSeeking(cfg.modeSeeking());
        }
        if (cfg.decayFrom() < cfg.steps()) {
            ISchedule lrs = decay(lr, cfg.decayFrom(), cfg.steps());
            session.generator().setLearningRate(lrs);
            session.discriminator().setLearningRate(lrs);
        }
        int k = arch.classes();
        INDArray previewZ = Noise.input(Noise.z(seed, -1, 64, arch.z()), Noise.cycle(64, Math.max(k, 1)), k);
        int calibration = arch.side() == 28 ? CALIBRATION_MNIST : CALIBRATION_64;
        INDArray calibrationZ = Noise.input(Noise.z(seed, -2, calibration, arch.z()), Noise.cycle(calibration, Math.max(k, 1)), k);
        long t0 = System.nanoTime();
        long step = start;
        long saved = cfg.resume() ? start : -1; // the step of the checkpoint on disk
        DataOrder order = new DataOrder(seed, data.size());
        int pack = session.pack();
        int[][] byClass = k > 0 && pack > 1 ? DataOrder.byClass(data.labels(), k) : null;
        try {
            while (step < cfg.steps()) {
                control.checkpoint();
                // a conditional packed D sees packs of one class: each drawn record with partners of its class
                int[] idx = byClass == null ? order.batch(step, batch)
                        : DataOrder.withPartners(order.batch(step, batch / pack), pack, byClass, data.labels(), seed, step);
                INDArray real = data.batch(idx);
                INDArray realClasses = null, fakeClasses = null;
                int[] asked = null;
                if (k > 0) {
                    realClasses = Noise.oneHot(data.labelsAt(idx), k);
                    asked = Noise.repeated(Noise.classes(seed, step, batch / pack, k), pack);
                    fakeClasses = Noise.oneHot(asked, k);
                }
                INDArray z = Noise.z(seed, step, batch, arch.z()), gInput = Noise.input(z, asked, k);
                INDArray fake = session.step(real, realClasses, gInput, fakeClasses);
                session.updateEma(emaDecay(step));

                long done = ++step;
                boolean last = done == cfg.steps();
                boolean preview = last || done % cfg.previewEvery() == 0;
                if (preview) session.measure(real, realClasses, fake, fakeClasses);
                if (done % cfg.checkpointEvery() == 0 || last) {
                    Checkpoint.write(cfg.out(), session, state(done, seed, batch, lr, elapsedBefore, t0, history));
                    saved = done;
                }
                // a stop asked for during this step is saved now (below), without drawing the preview; a pause still waits above
                if (control.isCancelled()) throw new CancelledException();
                if (last || preview || done % REPORT_EVERY == 0) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double ips = (done - start) * batch / Math.max(secs, 1e-9);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("d_loss", session.dLoss);
                    m.put("g_loss", session.gLoss);
                    m.put("d_real", session.dReal);
                    m.put("d_fake", session.dFake);
                    if (session.modeSeeking() > 0) m.put("mode_seeking", session.modeSeekingLoss);
                    m.put("images_per_s", ips);
                    m.put("eta_s", (cfg.steps() - done) * batch / Math.max(ips, 1e-9));
                    history.add(new double[]{done, session.dLoss, session.gLoss});
                    control.report(new Progress(done, cfg.steps(), m, preview ? grid(previewZ, calibrationZ) : null, null));
                }
                Buffers.close(real, realClasses, z, gInput, fake, fakeClasses); // now, not at a garbage collection
            }
        } catch (CancelledException e) {
            // keep what was learnt: the next --resume continues from here (written once: the stop waits for it)
            if (saved != step) Checkpoint.write(cfg.out(), session, state(step, seed, batch, lr, elapsedBefore, t0, history));
            throw e;
        }
        double total = elapsedBefore + (System.nanoTime() - t0) / 1e9;
        ModelStore.saveNetwork(cfg.out().resolve(WEIGHTS), session.averagedGenerator(calibrationZ));
        card(cfg, arch, data, batch, lr, seed, session.modeSeeking(), session.pack(), total).write(cfg.out());
        return cfg.out();
    }

    /** Constant lr until {@code from}, then ten equal stages down to lr/10 (by update count). */
    static ISchedule decay(double lr, long from, long steps) {
        Map<Integer, Double> stages = new java.util.HashMap<>();
        stages.put(0, lr);
        for (int k = 1; k <= 10; k++) stages.put((int) (from + (steps - from) * (k - 1) / 10), lr * (1 - 0.09 * k));
        return new MapSchedule(ScheduleType.ITERATION, stages);
    }

    private Checkpoint.State state(long step, long seed, int batch, double lr, double before, long t0, List<double[]> hist) {
        return new Checkpoint.State(step, seed, batch, lr, session.dUpdates(), session.gUpdates(),
                before + (System.nanoTime() - t0) / 1e9, hist, arch, session.modeSeeking());
    }

    /** The preview shows what would be shipped now: the averaged generator. */
    private BufferedImage grid(INDArray z, INDArray calibrationZ) {
        int scale = arch.side() < 48 ? 2 : 1; // digits doubled, 64×64 pictures as they are
        MultiLayerNetwork averaged = session.averagedGenerator(calibrationZ);
        INDArray out = averaged.output(z, false);
        BufferedImage grid = Images.grid(GeneratorModel.toImages(out), 8, 1, scale);
        Buffers.close(out);
        Buffers.close(averaged); // a copy of G every preview: freed now, not at a garbage collection
        return grid;
    }

    /**
     * Refuses data that networks of {@code a} cannot train on, naming both.
     *
     * @param run the run folder the networks come from (null: fresh networks)
     */
    static void checkData(Dcgan.Architecture a, TrainingData data, Path run) throws IOException {
        if (a.conditional() && (data.labels() == null || data.classNames() == null || data.classNames().size() != a.classes())) {
            throw new IOException((run == null ? "" : "the run in " + run + " trains ") + a.describe() + ", which draws " + a.classes()
                    + " classes, but the data (" + data.describe() + ") "
                    + (data.labels() == null || data.classNames() == null ? "have no classes" : "have " + data.classNames().size()));
        }
        if (data.channels() != a.channels() || data.side() != a.side()) {
            throw new IOException((run != null ? "the run in " + run + " trains " + a.describe()
                    : a.describe() + " needs " + a.channels() + "×" + a.side() + "×" + a.side() + " images")
                    + ", but the data are " + data.channels() + "×" + data.side() + "×" + data.side() + " (" + data.describe() + ")"
                    + (a.channels() == 3 ? "; give its image folder (--data)" : "; it trains on the bundled digits (no --data)"));
        }
    }

    static ModelCard card(Config cfg, Dcgan.Architecture arch, TrainingData data, int batch, double lr, long seed,
                          double modeSeeking, int pack, double secs) {
        Path out = cfg.out();
        long steps = cfg.steps();
        boolean grey28 = arch.side() == 28;
        String command = "./studio train-dcgan --out " + out + " --steps " + steps + " --seed " + seed
                + (cfg.decayFrom() < steps ? " --decay-from " + cfg.decayFrom() : "")
                + (data instanceof FolderImages f ? " --data " + f.dir() : "")
                + (data instanceof Digits d && d.source() != Dataset.DIGITS ? " --data " + d.source().option() : "")
                + (grey28 ? "" : " --width " + arch.width())
                + (arch.conditional() ? " --conditional" : "")
                + (batch != 32 ? " --batch " + batch : "")
                + (modeSeeking > 0 ? " --mode-seeking " + java.math.BigDecimal.valueOf(modeSeeking).stripTrailingZeros().toPlainString() : "")
                + (pack > 1 ? " --pack " + pack : "");
        String normalisation = "tanh output in [-1,1]; pixel = (v+1)*127.5"
                + (arch.conditional() ? "; input [z ; one-hot class], z ~ N(0, I) in R^" + arch.z() : "");
        return new ModelCard(out.getFileName().toString(), ModelCard.GENERATOR, arch.id(), grey28 ? null : arch.width(), WEIGHTS,
                arch.z(), arch.channels(), arch.side(), arch.side(), normalisation, arch.conditional() ? data.classNames() : null,
                data.describe(), steps, batch, lr, seed, secs, command, new LinkedHashMap<>(),
                data instanceof Digits d ? "weights trained by this project; " + d.source().licence()
                        : "weights trained by this project on the user's images; their licence applies");
    }
}
