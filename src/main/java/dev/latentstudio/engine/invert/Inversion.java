package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.Job;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a network backwards, as Lucid's render_vis(model, objective, param, optimizer, transforms):
 * each step the image from the parameterisation goes through the transforms into the network, the
 * objective's gradient comes back to the pixels (through the transforms' adjoints), the regularisers'
 * gradients are subtracted, the optimiser climbs, and the image is clipped to range (and blurred every
 * {@code blurEvery} steps). One instance runs once: the parameterisation and optimiser carry its state.
 */
public final class Inversion implements Job<Inversion.Result> {

    /**
     * The knobs of a run. {@code lo}/{@code hi} is the pixel range the image is clipped to; a blurEvery
     * of 0 never blurs; the seed drives the transforms' randomness (the start image has its own).
     */
    public record Settings(int steps, List<Transform> transforms, List<Regulariser> regularisers, Optimiser optimiser,
                           int blurEvery, double lo, double hi, long seed, int previewEvery) {
        public Settings {
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            if (blurEvery < 0 || previewEvery < 1) throw new IllegalArgumentException("blurEvery >= 0 and previewEvery >= 1");
            if (!(lo < hi)) throw new IllegalArgumentException("empty pixel range " + lo + ".." + hi);
            transforms = List.copyOf(transforms);
            regularisers = List.copyOf(regularisers);
        }
    }

    /**
     * The final image (NCHW, clipped), the last step's figures, the time per step, the image as drawn and, where the
     * parameterisation moves a start ({@link Parameterisation#moved}), how it moved it (else null).
     */
    public record Result(INDArray image, Map<String, Double> metrics, int steps, double msPerStep, BufferedImage picture, Moved moved) {
        /** Drawn as pixels in [-1, 1]. */
        public Result(INDArray image, Map<String, Double> metrics, int steps, double msPerStep) {
            this(image, metrics, steps, msPerStep, Inversion.picture(image), null);
        }
    }

    private final String name;
    private final ImageTerm term;
    private final Parameterisation param;
    private final Settings s;
    private final Function<INDArray, BufferedImage> look;
    private boolean started;

    /** {@code net} must end without an OutputLayer (see {@link InputGradient#logitsNetwork}). */
    public Inversion(String name, MultiLayerNetwork net, Objective objective, Parameterisation param, Settings settings) {
        this(name, InputGradient.backprop(net), objective, param, settings);
    }

    /** Through any network that has input gradients (a face recogniser's ComputationGraph: {@link InputGradient#backprop}). */
    public Inversion(String name, InputGradient.Backprop backprop, Objective objective, Parameterisation param, Settings settings) {
        this(name, ImageTerm.of(backprop, objective), param, settings);
    }

    /**
     * Climbs any image-space term (several networks' objectives and pixel terms added: {@link ImageTerm}); the settings'
     * transforms apply to all of it, and a term's own input transforms to it alone.
     */
    public Inversion(String name, ImageTerm term, Parameterisation param, Settings settings) {
        this(name, term, param, settings, Inversion::picture);
    }

    private Inversion(String name, ImageTerm term, Parameterisation param, Settings settings, Function<INDArray, BufferedImage> look) {
        this.look = look;
        this.name = name;
        this.term = term;
        this.param = param;
        this.s = settings;
    }

    /** The same inversion with a preview every {@code n} steps; call before it runs. */
    public Inversion previewingEvery(int n) {
        Settings t = new Settings(s.steps(), s.transforms(), s.regularisers(), s.optimiser(), s.blurEvery(), s.lo(), s.hi(),
                s.seed(), n);
        return new Inversion(name, term, param, t, look);
    }

    /** The same inversion with previews and the result drawn by {@code look} (e.g. contrast stretched); before it runs. */
    public Inversion drawnWith(Function<INDArray, BufferedImage> look) {
        return new Inversion(name, term, param, s, look);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result run(JobControl control) {
        if (started) throw new IllegalStateException("an inversion runs once; make a new one (fresh parameters and optimiser)");
        started = true;
        Random rnd = new Random(s.seed());
        Map<String, Double> m = Map.of();
        long t0 = System.nanoTime();
        // the picture the parameters stand for, kept between steps: a Fourier spectrum's image() costs as much as a
        // small network's pass, and setImage(x) gives back x up to rounding
        INDArray current = param.image();
        for (int step = 1; step <= s.steps(); step++) {
            control.checkpoint();
            INDArray image = current;
            m = new LinkedHashMap<>();
            INDArray grad = objectiveGradient(image, rnd, m);
            double loss = -m.get("objective");
            for (Regulariser r : s.regularisers()) {
                double v = r.value(image);
                m.put(r.name(), v);
                loss += v;
                grad.subi(r.gradient(image).castTo(grad.dataType()));
            }
            m.put("loss", loss);
            INDArray pg = param.paramGradient(grad);
            s.optimiser().ascend(param.params(), pg);
            INDArray next = param.image(), sharp = next;
            if (s.blurEvery() > 0 && step % s.blurEvery() == 0) next = Blur.apply(next);
            current = Transforms.min(Transforms.max(next, s.lo(), false), s.hi(), false); // in place
            param.setImage(current);
            // this step's arrays are the loop's alone (parameterisations copy what they are given): freed now, as
            // the collector comes too seldom for native memory (a face edit made ~50 MB a step)
            Buffers.close(grad, pg, image);
            if (sharp != current) Buffers.close(sharp);
            boolean preview = step == s.steps() || step % s.previewEvery() == 0;
            control.report(new Progress(step, s.steps(), m, preview ? look.apply(current) : null, null));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / s.steps();
        return new Result(current.dup(), m, s.steps(), ms, look.apply(current), param.moved());
    }

    /** d objective / d image through the transforms; puts the objective's score and the term's figures into {@code m}. */
    private INDArray objectiveGradient(INDArray image, Random rnd, Map<String, Double> m) {
        Transform.Applied[] applied = new Transform.Applied[s.transforms().size()];
        INDArray x = image;
        for (int i = 0; i < applied.length; i++) {
            applied[i] = s.transforms().get(i).apply(x, rnd);
            x = applied[i].image();
        }
        ImageTerm.Value v = term.evaluate(x, rnd);
        m.put("objective", v.score());
        m.putAll(v.figures());
        INDArray g = v.gradient();
        for (int i = applied.length - 1; i >= 0; i--) g = applied[i].pullBack(g);
        INDArray out = g.dup();
        Buffers.close(v.gradient()); // the term's, fresh (ImageTerm.Value)
        return out;
    }

    /** The first image of an NCHW batch as a picture, pixels read as [-1, 1]. */
    static BufferedImage picture(INDArray image) {
        int c = (int) image.size(1), h = (int) image.size(2), w = (int) image.size(3);
        return Images.toImage(image.get(NDArrayIndex.point(0)).dup('c').data().asFloat(), c, h, w);
    }
}
