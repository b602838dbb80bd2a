package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.gan.DataOrder;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.nn.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains pix2pix as a {@link Job}: losses, images/s and ETA every few steps, an A | G(A) | B preview
 * of fixed pairs, atomic checkpoints with Adam's state, exact resume, and at the end a model folder
 * (generator.zip + model.json) that `partner` and the Partner screen load. The learning rate is
 * constant for the first half and falls linearly to zero over the second, as the paper's schedule.
 */
public final class Pix2PixTrainer implements Job<Path> {
    public static final String KIND = "pix2pix";
    public static final String ARCHITECTURE = "pix2pix-unet";
    public static final String WEIGHTS = "generator.zip";
    public static final double LAMBDA = 100;
    private static final int REPORT_EVERY = 5, PREVIEW_PAIRS = 4;

    /** A run's settings; {@code perceptual} 0 is no perceptual term, {@code perceptualNet} null the one for B's channels. */
    public record Config(Path out, long steps, int batch, double learningRate, double lambda, long seed,
                         int checkpointEvery, int previewEvery, boolean resume, Pix2PixNets.Spec spec, int ndf, String dataArgs,
                         double perceptual, PerceptualTerm.Net perceptualNet) {
        public Config {
            if (perceptual < 0 || !Double.isFinite(perceptual)) throw new IllegalArgumentException("--perceptual must be ≥ 0, not " + perceptual);
            if (perceptual > 0 && perceptualNet == null) perceptualNet = PerceptualTerm.Net.forChannels(spec.outChannels());
        }

        public Config(Path out, long steps, int batch, double learningRate, double lambda, long seed, int checkpointEvery,
                      int previewEvery, boolean resume, Pix2PixNets.Spec spec, int ndf, String dataArgs) {
            this(out, steps, batch, learningRate, lambda, seed, checkpointEvery, previewEvery, resume, spec, ndf, dataArgs, 0, null);
        }
    }

    private final Config cfg;
    private final Pairs data;
    private Pix2PixSession session;
    private Pix2PixNets.Spec spec;

    public Pix2PixTrainer(Config cfg, Pairs data) {
        this.cfg = cfg;
        this.data = data;
    }

    @Override
    public String name() {
        return "Train pix2pix → " + cfg.out().getFileName();
    }

    public Pix2PixSession session() {
        return session;
    }

    @Override
    public Path run(JobControl control) throws Exception {
        ModelStore.prepareRunFolder(cfg.out(), cfg.resume(), Pix2PixCheckpoint.exists(cfg.out()));
        long start = 0, seed = cfg.seed();
        int batch = cfg.batch(), ndf = cfg.ndf();
        double lr = cfg.learningRate(), before = 0;
        List<double[]> history = new ArrayList<>();
        if (cfg.resume()) {
            Pix2PixCheckpoint.Loaded c = Pix2PixCheckpoint.read(cfg.out());
            Pix2PixCheckpoint.State st = c.state();
            session = c.session();
            spec = st.spec();
            start = st.step();
            seed = st.seed();   // the run's own settings: they define its data order, crops and dropout
            batch = st.batch();
            lr = st.learningRate();
            ndf = st.ndf();
            before = st.elapsedSeconds();
            if (st.history() != null) history.addAll(st.history());
        } else {
            spec = cfg.spec();
            session = new Pix2PixSession(Pix2PixNets.unet(spec, seed, lr), Pix2PixNets.patchGan(spec, ndf, seed + 1, lr),
                    cfg.lambda(), PerceptualTerm.load(cfg.perceptualNet(), cfg.perceptual()), 0, 0);
        }
        checkData();
        ISchedule lrs = decay(lr, cfg.steps());
        session.generator().setLearningRate(lrs);
        session.discriminator().setLearningRate(lrs);
        int[] previewIdx = new int[Math.min(PREVIEW_PAIRS, data.size())];
        for (int i = 0; i < previewIdx.length; i++) previewIdx[i] = (int) ((long) i * data.size() / previewIdx.length);
        INDArray[] previewPairs = data.centred(previewIdx);
        long t0 = System.nanoTime();
        long step = start;
        DataOrder order = new DataOrder(seed, data.size());
        try {
            for (; step < cfg.steps(); step++) {
                control.checkpoint();
                int[] idx = order.batch(step, batch);
                // crops, mirrors and dropout masks follow from (seed, step), so a resumed run continues exactly
                Nd4j.getRandom().setSeed(seed * 1_000_003L + step);
                INDArray[] ab = data.batch(idx, new SplittableRandom(seed * 31 + step));
                INDArray fake = session.step(ab[0], ab[1]);
                long done = step + 1;
                boolean last = done == cfg.steps();
                boolean preview = last || done % cfg.previewEvery() == 0;
                if (done % cfg.checkpointEvery() == 0 || last) {
                    Pix2PixCheckpoint.write(cfg.out(), session, state(done, seed, batch, lr, ndf, before, t0, history));
                }
                if (last || preview || done % REPORT_EVERY == 0) {
                    session.measureGenerator(ab[0], fake);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double ips = (done - start) * batch / Math.max(secs, 1e-9);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("d_loss", session.dLoss);
                    m.put("g_adv", session.gAdversarial);
                    m.put("g_l1", session.gL1);
                    if (session.perceptual() != null) m.put("g_perceptual", session.gPerceptual);
                    m.put("d_real", session.dReal);
                    m.put("d_fake", session.dFake);
                    m.put("images_per_s", ips);
                    m.put("eta_s", (cfg.steps() - done) * batch / Math.max(ips, 1e-9));
                    history.add(new double[]{done, session.dLoss, session.gAdversarial, session.gL1});
                    control.report(new Progress(done, cfg.steps(), m, preview ? triplets(previewPairs) : null, null));
                }
                Buffers.close(ab[0], ab[1], fake); // now, not at a garbage collection
            }
        } catch (CancelledException e) {
            Pix2PixCheckpoint.write(cfg.out(), session, state(step, seed, batch, lr, ndf, before, t0, history));
            throw e;
        }
        double total = before + (System.nanoTime() - t0) / 1e9;
        ModelStore.saveNetwork(cfg.out().resolve(WEIGHTS), session.generator());
        ModelStore.saveNetwork(cfg.out().resolve(Pix2PixModel.DISCRIMINATOR), session.discriminator());
        card(batch, lr, seed, ndf, total).write(cfg.out());
        return cfg.out();
    }

    /** Rows of A | G(A) | B for the preview pairs, G at inference. */
    private BufferedImage triplets(INDArray[] ab) {
        return sheet(ab[0], session.translate(ab[0]), ab[1]);
    }

    /** Rows of A | G(A) | B, each picture as its channels give it. */
    public static BufferedImage sheet(INDArray a, INDArray g, INDArray b) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < a.size(0); i++) {
            tiles.add(picture(a, i));
            tiles.add(picture(g, i));
            tiles.add(picture(b, i));
        }
        int scale = a.size(2) < 64 ? 2 : 1;
        return Images.grid(tiles, 3, 2, scale);
    }

    public static BufferedImage picture(INDArray x, int i) {
        int c = (int) x.size(1), h = (int) x.size(2), w = (int) x.size(3);
        float[] chw = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup().data().asFloat();
        return Images.toImage(chw, c == 1 || c == 3 ? c : 1, h, w);
    }

    /** Constant for the first half, then down to zero in 50 equal stages (DL4J's schedules are maps or formulas). */
    static ISchedule decay(double lr, long steps) {
        Map<Integer, Double> stages = new HashMap<>();
        stages.put(0, lr);
        long half = steps / 2;
        for (int k = 1; k <= 50; k++) stages.put((int) (half + (steps - half) * (k - 1) / 50), lr * (1 - (k - 1) / 50.0));
        return new MapSchedule(ScheduleType.ITERATION, stages);
    }

    private void checkData() throws IOException {
        if (data.side() != spec.side() || data.inChannels() != spec.inChannels() || data.outChannels() != spec.outChannels()) {
            throw new IOException((cfg.resume() ? "the run in " + cfg.out() + " trains " : "") + spec.describe() + " but the pairs are "
                    + data.inChannels() + " → " + data.outChannels() + " channels at " + data.side() + "×" + data.side()
                    + " (" + data.describe() + ")");
        }
    }

    private Pix2PixCheckpoint.State state(long step, long seed, int batch, double lr, int ndf, double before, long t0, List<double[]> h) {
        PerceptualTerm p = session.perceptual();
        return new Pix2PixCheckpoint.State(step, seed, batch, lr, session.lambda(), session.dUpdates(), session.gUpdates(),
                before + (System.nanoTime() - t0) / 1e9, h, spec, ndf, p == null ? 0 : p.weight(), p == null ? null : p.net());
    }

    private String perceptualArgs() {
        PerceptualTerm p = session.perceptual();
        if (p == null) return "";
        return " --perceptual " + p.weight() + (p.net() != null ? " --perceptual-net " + p.net().option : "");
    }

    private ModelCard card(int batch, double lr, long seed, int ndf, double secs) {
        String command = "./studio train-pix2pix --out " + cfg.out() + " --steps " + cfg.steps() + " --size " + spec.side()
                + " --filters " + spec.ngf() + " --d-filters " + ndf + " --seed " + seed + " " + cfg.dataArgs() + (batch != 1 ? " --batch " + batch : "")
                + (spec.norm() != Pix2PixNets.Norm.BATCH ? " --norm " + spec.norm().option() : "")
                + perceptualArgs();
        return new ModelCard(cfg.out().getFileName().toString(), KIND, ARCHITECTURE, spec.ngf(), WEIGHTS, 0, spec.outChannels(),
                spec.side(), spec.side(), "A: " + spec.inChannels() + " channel(s), B: " + spec.outChannels()
                + "; both in [-1,1], pixel = (v+1)*127.5", null, data.describe(), cfg.steps(), batch, lr, seed, secs, command,
                new LinkedHashMap<>(), "weights trained by this project; the training pairs' licence applies");
    }
}
