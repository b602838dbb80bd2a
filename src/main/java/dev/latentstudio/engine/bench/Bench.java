package dev.latentstudio.engine.bench;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.face.AgeGenderNet;
import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.invert.ClassVisualisation;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.latent.Walks;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.faceedit.FaceEdit;
import dev.latentstudio.engine.faceedit.FaceEditor;
import dev.latentstudio.engine.faceedit.FaceSubject;
import dev.latentstudio.engine.faceedit.Sliders;
import dev.latentstudio.engine.faceedit.Weights;
import dev.latentstudio.engine.invert.Adam;
import dev.latentstudio.engine.invert.Fourier;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceDetection;
import dev.latentstudio.engine.face.FaceExpressionNet;
import dev.latentstudio.engine.face.FaceLandmarker;
import dev.latentstudio.engine.face.FaceLandmarkNet;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.face.SsdMobilenetV1;
import dev.latentstudio.engine.face.TinyFaceDetector;
import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.GanSession;
import dev.latentstudio.engine.gan.Noise;
import dev.latentstudio.engine.gan.InferenceGenerator;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.nn.Buffers;
import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.OneDnn;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import dev.latentstudio.engine.pix2pix.Pix2PixSession;
import dev.latentstudio.engine.pix2pix.Pix2PixTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The studio's benchmark: the workloads of ../shared/bench/bench.py (PyTorch), same names and
 * architectures (nets.py), so the two can be run one after the other and their ratios compared.
 */
public final class Bench {
    /** A named workload: setup builds the networks and data, the Runnable it returns is one timed call. */
    public record Workload(String name, Supplier<Runnable> setup, long flops) {
    }

    private static final long SEED = 0;

    private Bench() {
    }

    public static List<Workload> workloads() {
        List<Workload> w = new ArrayList<>();
        w.add(new Workload("dcgan_train_step_b32", () -> dcganTrainStep(false), 0));
        w.add(new Workload("cdcgan_train_step_b32", Bench::conditionalTrainStep, 0));
        w.add(new Workload("dcgan64_train_step_b32_w32", Bench::colour64TrainStep, 0));
        w.add(new Workload("generator_forward_b1", () -> generatorForward(1), 0));
        w.add(new Workload("generator_forward_b64", () -> generatorForward(64), 0));
        w.add(new Workload("classifier_forward_b256", Bench::classifierForward, 0));
        w.add(new Workload("invert_step_digit_28", () -> invertStep(
                InputGradient.logitsNetwork(DigitClassifier.create(SEED, 1e-3)), 1, 28, 28), 0));
        w.add(new Workload("invert_step_conv10_112", () -> invertStep(conv10(SEED), 3, 112, 112), 0));
        w.add(new Workload("sgemm_1024", () -> sgemm(1024), 2L * 1024 * 1024 * 1024));
        w.add(new Workload("face_embed_150", Bench::faceEmbed, 0));
        w.add(new Workload("face_landmarks_112", () -> faceLandmarks(FaceLandmarkNet.Variant.FULL), 0));
        w.add(new Workload("face_landmarks_tiny_112", () -> faceLandmarks(FaceLandmarkNet.Variant.TINY), 0));
        w.add(new Workload("face_detect_landmarks_640", Bench::faceDetectLandmarks, 0));
        w.add(new Workload("face_detect_tiny_landmarks_640", Bench::faceDetectTinyLandmarks, 0));
        w.add(new Workload("face_attributes_112", Bench::faceAttributes, 0));
        w.add(new Workload("face_edit_step_150", Bench::faceEditStep, 0));
        w.add(new Workload("pix2pix_train_step_128", () -> pix2pixTrainStep(128), 0));
        w.add(new Workload("pix2pix_generator_forward_128", () -> pix2pixGeneratorForward(128), 0));
        return w;
    }

    /** Untimed running before the timed calls, beyond the warmup count: the JIT's time to compile the Java side. */
    static final long WARMUP_NANOS = 1_000_000_000L;
    /** ...and then up to this many calls or this long: a DCGAN training step settles over ~100 steps (136 → 85 ms). */
    static final int SETTLE_CALLS = 100;
    static final long SETTLE_NANOS = 10_000_000_000L;

    private static boolean settled(int calls, int warmup, long nanos) {
        return calls >= warmup && nanos >= WARMUP_NANOS && (calls >= SETTLE_CALLS || nanos >= SETTLE_NANOS);
    }

    /**
     * Times repeat calls after at least {@code warmup} untimed ones and at least a second of them (five calls
     * of a 2 ms step leave the Java side interpreted: the first timed steps then cost twice the steady
     * state), then up to {@link #SETTLE_CALLS} calls within {@link #SETTLE_NANOS} (training steps keep getting
     * faster for ~100 steps, the JIT and ND4J's workspaces settling; PyTorch's do not); the fields of bench.py
     * plus p99 (nearest rank).
     */
    public static Map<String, Object> time(Workload w, int warmup, int repeat) {
        Runnable step = w.setup().get();
        long start = System.nanoTime();
        for (int i = 0; warmup > 0 && !settled(i, warmup, System.nanoTime() - start); i++) step.run();
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            step.run();
            Nd4j.getExecutioner().commit(); // CPU ops are synchronous; this keeps the timing honest elsewhere
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = repeat % 2 == 1 ? ms[repeat / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workload", w.name());
        r.put("median_ms", round(median, 3));
        r.put("min_ms", round(ms[0], 3));
        r.put("p99_ms", round(ms[Math.max(0, (int) Math.ceil(0.99 * repeat) - 1)], 3));
        if (w.flops() > 0) r.put("gflops", round(w.flops() / round(ms[0], 3) / 1e6, 1)); // as bench.py: from min_ms
        return r;
    }

    private static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }

    /**
     * As bench.py: fresh z, one D update on real + fake, one G update; z and the fakes freed as the trainer does.
     * {@code ema}: also the trainer's average of G (the studio soak's step; the peer has none).
     */
    private static Runnable dcganTrainStep(boolean ema) {
        int batch = 32;
        GanSession s = new GanSession(Dcgan.generator(SEED, Dcgan.LR), Dcgan.discriminator(SEED + 1, Dcgan.LR), 0, 0);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28).muli(2).subi(1);
        return () -> {
            INDArray z = Nd4j.randn(DataType.FLOAT, batch, Dcgan.Z);
            INDArray fake = s.step(real, z);
            if (ema) s.updateEma(0.999);
            Buffers.close(z, fake);
        };
    }

    /** The 64×64 colour DCGAN at width 32 with z ∈ R^100, as bench.py builds it (nets.dcgan64_*): what a folder trains. */
    private static Runnable colour64TrainStep() {
        int batch = 32;
        Dcgan.Architecture a = Dcgan.Architecture.colour64(32);
        GanSession s = new GanSession(a.generator(SEED, Dcgan.LR), a.discriminator(SEED + 1, Dcgan.LR), 0, 0);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, 3, 64, 64).muli(2).subi(1);
        return () -> {
            INDArray z = Nd4j.randn(DataType.FLOAT, batch, Dcgan.Z64);
            Buffers.close(z, s.step(real, z));
        };
    }

    /**
     * Runs a workload {@code steps} times and samples the process's resident memory 20 times along the way: a
     * leak shows as growth after the first tenth (allocators and the JIT settle in that tenth). Linux only
     * (/proc/self/status); elsewhere the memory fields are -1.
     */
    public static Map<String, Object> soak(Workload w, int steps) {
        Runnable step = w.setup().get();
        int every = Math.max(1, steps / 20);
        List<Double> rss = new ArrayList<>(), committed = new ArrayList<>(), oldGen = new ArrayList<>(), unfreed = new ArrayList<>();
        double settled = -1;
        long start = System.nanoTime();
        for (int i = 1; i <= steps; i++) {
            step.run();
            if (i % every == 0 || i == steps) {
                double now = Memory.residentMb();
                rss.add(round(now, 1));
                committed.add(round(Runtime.getRuntime().totalMemory() / 1048576.0, 1));
                oldGen.add(round(Memory.oldGenerationMb(), 1));
                unfreed.add(round(NativeBuffers.detachedBytes() / 1048576.0, 1));
                if (settled < 0 && i >= steps / 10) settled = now;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workload", w.name());
        r.put("soak_steps", steps);
        r.put("seconds", round((System.nanoTime() - start) / 1e9, 1));
        r.put("rss_mb", rss);
        // VmHWM lags the per-thread counters that VmRSS sums (Linux syncs them every 64 faults): a sample can top it
        r.put("peak_rss_mb", round(Math.max(Memory.peakResidentMb(), rss.stream().mapToDouble(Double::doubleValue).max().orElse(-1)), 1));
        r.put("growth_mb_after_first_tenth", round(rss.get(rss.size() - 1) - settled, 1));
        // where a rise is: the Java heap's committed size (resident once touched, so part of rss_mb), its old
        // generation (what survived young collections), and ND4J's buffers not yet freed (garbage waiting for them)
        r.put("java_heap_committed_mb", committed);
        r.put("java_old_generation_mb", oldGen);
        r.put("unfreed_native_mb", unfreed);
        r.put("native_tracked_mb", round(org.bytedeco.javacpp.Pointer.totalBytes() / 1048576.0, 1));
        return r;
    }

    /** One of the studio's activities in the studio soak: a name and one call of it. */
    private record Activity(String name, Runnable call) {
    }

    /**
     * What a user does in one sitting, looped in this process for {@code minutes} (at least two rounds): a round is a
     * second of the Latent Lab's morph (60 frames of the shipped generator, one latent a frame, as the Lab's frame loop
     * asks), two DCGAN training steps as the trainer takes them, two booth frames of the sample photos (the live
     * detector, then SSD, every part on), a 10-step class inversion and a face-edit step. Resident memory is sampled
     * after each round (20 samples reported, evenly picked), with the native buffers nobody has freed yet
     * ({@link NativeBuffers}) and, per activity, the median of those a call leaves behind (garbage that waits for the
     * Java collector). A leak shows as growth after the first tenth. Linux only for the resident figures.
     */
    public static Map<String, Object> soakStudio(double minutes) {
        List<Activity> acts = studioActivities();
        Map<String, List<Long>> left = new LinkedHashMap<>();
        for (Activity a : acts) left.put(a.name(), new ArrayList<>());
        List<Double> rss = new ArrayList<>(), detached = new ArrayList<>();
        long start = System.nanoTime(), end = start + (long) (minutes * 60e9);
        int rounds = 0;
        while (rounds < 2 || System.nanoTime() < end) {
            for (Activity a : acts) {
                long before = NativeBuffers.detachedBytes();
                a.call().run();
                left.get(a.name()).add(NativeBuffers.detachedBytes() - before);
            }
            rounds++;
            rss.add(round(Memory.residentMb(), 1));
            detached.add(round(NativeBuffers.detachedBytes() / 1048576.0, 1));
        }
        int settled = rounds / 10;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workload", "studio");
        r.put("soak_rounds", rounds);
        r.put("seconds", round((System.nanoTime() - start) / 1e9, 1));
        r.put("rss_mb", spread(rss, 20));
        r.put("peak_rss_mb", round(Memory.peakResidentMb(), 1));
        r.put("growth_mb_after_first_tenth", round(rss.get(rss.size() - 1) - rss.get(settled), 1));
        r.put("unfreed_native_mb", spread(detached, 20));
        Map<String, Double> perCall = new LinkedHashMap<>();
        left.forEach((name, v) -> perCall.put(name, round(median(v) / 1024.0, 1)));
        r.put("left_for_collector_kb_per_call", perCall);
        Runtime rt = Runtime.getRuntime();
        r.put("java_heap_used_mb", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0, 1));
        r.put("java_heap_committed_mb", round(rt.totalMemory() / 1048576.0, 1));
        return r;
    }

    private static List<Activity> studioActivities() {
        GeneratorModel g = load(() -> GeneratorModel.load(ModelStore.DEFAULT_GENERATOR));
        java.util.Random rnd = new java.util.Random(SEED);
        float[][] ends = new float[2][g.latentDim()];
        for (float[] e : ends) for (int i = 0; i < e.length; i++) e[i] = (float) rnd.nextGaussian();
        List<float[]> morph = Walks.morph(ends[0], ends[1], Walks.Mode.SLERP, 60);
        Runnable train = dcganTrainStep(true);
        FacePipeline booth = load(() -> FacePipeline.loadBoth(faceModels()));
        List<BufferedImage> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int k = i;
            photos.add(load(() -> ImageReading.read(StudioPaths.assets().resolve("faces/sample" + k + ".jpg"))));
        }
        int[] photo = {0};
        MultiLayerNetwork logits = InputGradient.logitsNetwork(load(() -> ModelStore.loadNetwork(ModelStore.find(ModelStore.DEFAULT_CLASSIFIER))));
        float[] grey = new float[28 * 28];
        int[] cls = {0};
        Runnable edit = faceEditStep();
        return List.of(
                new Activity("morph_frame_x60", () -> morph.forEach(g::argb)),
                new Activity("dcgan_train_step_x2", () -> {
                    train.run();
                    train.run();
                }),
                new Activity("booth_frame_x2", () -> {
                    BufferedImage p = photos.get(photo[0]++ % photos.size());
                    booth.analyse(p, FaceAnalyser.Options.ALL);
                    booth.analyse(p, FaceAnalyser.Options.ALL.accurately(true));
                }),
                new Activity("class_inversion_10_steps", () -> ClassVisualisation.job(logits, grey, cls[0]++ % 10,
                        ClassVisualisation.Options.DEFAULTS.withSteps(10)).run(new JobControl())),
                new Activity("face_edit_step", edit));
    }

    /** At most n of the values, evenly spaced, the last included. */
    private static List<Double> spread(List<Double> v, int n) {
        if (v.size() <= n) return v;
        List<Double> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) out.add(v.get((int) ((long) i * v.size() / n) - 1));
        return out;
    }

    private static double median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    /**
     * The Latent Lab's default, the conditional DCGAN (ten classes; G on [z ; one-hot], projection D), one step as
     * the trainer takes it. The peer has no such workload: this row is ours alone, beside dcgan_train_step_b32.
     */
    private static Runnable conditionalTrainStep() {
        int batch = 32, k = 10;
        Dcgan.Architecture a = Dcgan.Architecture.conditional28(k);
        GanSession s = new GanSession(a.generator(SEED, Dcgan.LR), a.discriminator(SEED + 1, Dcgan.LR), 0, 0);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28).muli(2).subi(1);
        int[] classes = Noise.cycle(batch, k);
        INDArray oneHot = Noise.oneHot(classes, k);
        return () -> s.step(real, oneHot, Noise.input(Nd4j.randn(DataType.FLOAT, batch, Dcgan.Z), classes, k), oneHot);
    }

    /** The generator as the studio runs it: BatchNorm folded into the layers before it (same function). */
    private static Runnable generatorForward(int batch) {
        InferenceGenerator g = InferenceGenerator.fold(Dcgan.generator(SEED, Dcgan.LR));
        INDArray z = Nd4j.randn(DataType.FLOAT, batch, Dcgan.Z);
        return () -> g.output(z);
    }

    /** pix2pix's networks at this side as bench.py builds them: nets.unet(side) (64 filters) and nets.patchgan() on RGB → RGB. */
    private static Pix2PixNets.Spec pix2pixSpec(int side) {
        return new Pix2PixNets.Spec(side, 64, 3, 3);
    }

    /**
     * As bench.py's pix2pix_train_step: one fixed pair (A, B) of uniform [-1, 1) pictures, batch 1; G(A), one D
     * update on (A, B) vs (A, G(A)), one G update on the adversarial loss plus 100·L1 (the trainer's session).
     */
    private static Runnable pix2pixTrainStep(int side) {
        Pix2PixNets.Spec spec = pix2pixSpec(side);
        Pix2PixSession s = new Pix2PixSession(Pix2PixNets.unet(spec, SEED, Pix2PixNets.LR),
                Pix2PixNets.patchGan(spec, 64, SEED + 1, Pix2PixNets.LR), Pix2PixTrainer.LAMBDA, 0, 0);
        INDArray a = Nd4j.rand(DataType.FLOAT, 1, 3, side, side).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 3, side, side).muli(2).subi(1);
        return () -> s.step(a, b);
    }

    /** As bench.py's pix2pix_generator_forward: G(A) of one picture at inference (BatchNorm's running statistics, no dropout). */
    private static Runnable pix2pixGeneratorForward(int side) {
        ComputationGraph g = Pix2PixNets.unet(pix2pixSpec(side), SEED, Pix2PixNets.LR);
        INDArray a = Nd4j.rand(DataType.FLOAT, 1, 3, side, side).muli(2).subi(1);
        return () -> g.outputSingle(false, a);
    }

    private static Runnable classifierForward() {
        MultiLayerNetwork c = DigitClassifier.create(SEED, 1e-3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 1, 28, 28);
        return () -> c.output(x, false);
    }

    /** One gradient-ascent step on the image: img += 0.01 · d output[0,0] / d img. */
    private static Runnable invertStep(MultiLayerNetwork net, int c, int h, int w) {
        INDArray img = Nd4j.rand(DataType.FLOAT, 1, c, h, w);
        INDArray eps = Nd4j.zeros(DataType.FLOAT, 1, net.layerSize(net.getnLayers() - 1));
        eps.putScalar(0, 0, 1);
        InputGradient.Backprop backprop = InputGradient.backprop(net);
        return () -> img.addi(backprop.of(img, out -> eps).muli(0.01));
    }

    /**
     * As ../shared/bench/face_peer.cjs's face_embed_150: the 128-d descriptor of one 150×150 face (here
     * assets/faces/sample1.jpg padded to a square and scaled, as face-api prepares a face), normalisation included.
     */
    private static Runnable faceEmbed() {
        FaceRecognitionNet net = load(() -> FaceRecognitionNet.load(faceModels()));
        INDArray face = sampleFace(FaceRecognitionNet.SIZE);
        return () -> net.descriptors(face);
    }

    /** The 68-point landmark net on one 112×112 face: raw points, normalisation included. */
    private static Runnable faceLandmarks(FaceLandmarkNet.Variant variant) {
        FaceLandmarkNet net = load(() -> FaceLandmarkNet.load(faceModels(), variant));
        INDArray face = sampleFace(FaceLandmarkNet.SIZE);
        return () -> net.raw(face);
    }

    /**
     * As face_peer.cjs's face_detect_landmarks_640 (detectSingleFace(frame, SSD minConfidence 0.5)
     * .withFaceLandmarks()): SSD-MobileNetV1 on the 640×480 frame, the best face's 68 landmarks (full net).
     */
    private static Runnable faceDetectLandmarks() {
        SsdMobilenetV1 ssd = load(() -> SsdMobilenetV1.load(faceModels()));
        FaceLandmarker landmarker = load(() -> FaceLandmarker.load(faceModels(), FaceLandmarkNet.Variant.FULL));
        BufferedImage frame = sampleFrame();
        return () -> landmarker.landmarks(frame, best(ssd.detect(frame)).box());
    }

    /** The booth's fast path: tiny_face_detector at input 320, the best face's landmarks from the tiny net. */
    private static Runnable faceDetectTinyLandmarks() {
        TinyFaceDetector tiny = load(() -> TinyFaceDetector.load(faceModels()));
        FaceLandmarker landmarker = load(() -> FaceLandmarker.load(faceModels(), FaceLandmarkNet.Variant.TINY));
        BufferedImage frame = sampleFrame();
        return () -> landmarker.landmarks(frame, best(tiny.detect(frame, 320, 0.5)).box());
    }

    /** Age, gender and the seven expressions of one 112×112 face: both nets, normalisation included. */
    private static Runnable faceAttributes() {
        AgeGenderNet ageGender = load(() -> AgeGenderNet.load(faceModels()));
        FaceExpressionNet expressions = load(() -> FaceExpressionNet.load(faceModels()));
        INDArray face = sampleFace(AgeGenderNet.SIZE);
        return () -> {
            ageGender.predict(face);
            expressions.predict(face);
        };
    }

    /**
     * One step of a face edit as FaceEdit's loop takes it, every term on: sample1.jpg's face with happy=0.9, age=+20 and
     * gender=male at the default weights (expression, age/gender and recogniser backprops, the appearance cut, the
     * outside pixels), the Fourier spectrum's image and pull-back, Adam, the clip. The peer has no such workload: ours alone.
     */
    private static Runnable faceEditStep() {
        FaceEditor editor = load(() -> FaceEditor.load(faceModels()));
        FaceSubject subject = editor.subject(sampleImage()).orElseThrow(() -> new IllegalStateException("no face in sample1.jpg"));
        ImageTerm term = editor.objective(subject, Sliders.parse(List.of("happy=0.9", "age=+20", "gender=male")), Weights.DEFAULTS,
                FaceEdit.Options.DEFAULTS.jitter());
        Fourier param = Fourier.of(subject.chip());
        Adam adam = new Adam(FaceEdit.Options.DEFAULTS.lr());
        java.util.Random rnd = new java.util.Random(SEED);
        INDArray[] current = {param.image()};
        return () -> {
            ImageTerm.Value v = term.evaluate(current[0], rnd);
            INDArray pg = param.paramGradient(v.gradient()), last = current[0];
            adam.ascend(param.params(), pg);
            current[0] = Transforms.min(Transforms.max(param.image(), -1, false), 1, false);
            param.setImage(current[0]);
            Buffers.close(v.gradient(), pg, last); // as Inversion's loop frees them
        };
    }

    private static FaceDetection best(List<FaceDetection> faces) {
        return faces.stream().max(Comparator.comparingDouble(FaceDetection::score))
                .orElseThrow(() -> new IllegalStateException("no face found in the bench frame"));
    }

    /** assets/faces/sample1.jpg scaled to 640×480 by nearest pixel, as face_peer.cjs makes its frame. */
    private static BufferedImage sampleFrame() {
        BufferedImage src = sampleImage();
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                frame.setRGB(x, y, src.getRGB(x * src.getWidth() / 640, y * src.getHeight() / 480));
            }
        }
        return frame;
    }

    private interface Loader<T> {
        T load() throws IOException;
    }

    private static <T> T load(Loader<T> loader) {
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path faceModels() {
        return StudioPaths.models().resolve("face-api");
    }

    private static BufferedImage sampleImage() {
        return load(() -> ImageReading.read(StudioPaths.assets().resolve("faces/sample1.jpg")));
    }

    private static INDArray sampleFace(int size) {
        BufferedImage img = sampleImage();
        return FaceTensors.netInput(img, new FaceBox(0, 0, img.getWidth(), img.getHeight()), size);
    }

    private static Runnable sgemm(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, n); // preallocated: time the product, not malloc
        return () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }

    /**
     * Mirrors nets.conv10_112: ten 3×3 convolutions (pad 1, ReLU) on 3×112×112, max-pools after
     * layers 2, 4 and 7, global average pool, fc(128) with identity activation (no output layer,
     * so input gradients can be taken with {@link InputGradient}).
     */
    public static MultiLayerNetwork conv10(long seed) {
        int[][] chans = {{32, 32}, {64, 64}, {128, 128, 128}, {256, 256, 256}};
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        for (int block = 0; block < chans.length; block++) {
            for (int c : chans[block]) {
                b.layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(c)
                        .activation(Activation.RELU).build());
            }
            if (block < chans.length - 1) {
                b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            }
        }
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        b.layer(new DenseLayer.Builder().nOut(128).activation(Activation.IDENTITY).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutional(112, 112, 3)).build());
        net.init();
        return OneDnn.accelerate(net);
    }
}
