package dev.latentstudio.engine.face;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.job.Progress;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * How good the face stack is, in two parts. The port: on the sample photos, the accurate pipeline's detections,
 * landmarks, descriptors and attributes against face-api's recorded outputs (reference.json, written by
 * scripts/record-face-reference.cjs). Identification: the distinct faces of those photos as people, each re-taken
 * several times by {@link FaceVariants}; half the people are enrolled from some of their variants, the rest stay
 * out, and every other variant is a probe that must be named (enrolled) or called unknown (left out).
 */
public final class FaceEvaluation {
    /** Thresholds reported beside the one used, to show what moving it trades. */
    static final double[] SWEEP = {0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7};

    /** {@code maxTurn}: the variants are turned by up to ± this many degrees (the studio's figures: 8). */
    public record Settings(int people, int enrolVariants, int probeVariants, double threshold, long seed, double maxTurn) {
        public Settings {
            if (people < 2) throw new IllegalArgumentException("--people must be at least 2 (one enrolled, one left out)");
            if (enrolVariants < 1 || probeVariants < 1) throw new IllegalArgumentException("variants must be at least 1");
            if (!(threshold > 0)) throw new IllegalArgumentException("the threshold must be above 0");
            if (!(maxTurn >= 0 && maxTurn <= 90)) throw new IllegalArgumentException("the turn must be 0..90 degrees");
        }
    }

    /**
     * One way of turning a photo into a descriptor: which detector enrols, which one probes (the booth enrols snapshots
     * with SSD and names live frames found by the tiny detector), and the crop the descriptor is taken on.
     */
    record Route(String enrol, String probe, FacePipeline.Crop crop) {
        String name() {
            return enrol.equals(probe) ? enrol + "/" + crop.name().toLowerCase(java.util.Locale.ROOT)
                    : enrol + "-enrol+" + probe + "-probe/" + crop.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The paths measured; the first is the studio's (enroll, recognize, align and the booth's snapshots). */
    static final List<Route> PATHS = List.of(
            new Route("ssd", "ssd", FacePipeline.Crop.CHIP), new Route("ssd", "ssd", FacePipeline.Crop.FACE_API),
            new Route("ssd", "tiny", FacePipeline.Crop.CHIP), new Route("ssd", "tiny", FacePipeline.Crop.FACE_API),
            new Route("tiny", "tiny", FacePipeline.Crop.CHIP), new Route("tiny", "tiny", FacePipeline.Crop.FACE_API));

    // reference.json, only the fields used here
    record RefBox(double x, double y, double width, double height) {
        FaceBox box() {
            return new FaceBox(x, y, width, height);
        }
    }

    record RefFace(RefBox box, double[][] landmarks68, RefBox dlibRect, float[] descriptor, double age, String gender,
                   Map<String, Double> expressions) {
    }

    record RefSample(String file, List<RefFace> ssd) {
    }

    record Reference(List<RefSample> samples) {
    }

    /** One person of the identification set: a face in a sample photo. */
    private record Person(String name, BufferedImage photo, FaceBox box) {
    }

    private final FacePipeline pipeline;
    private final FacePipeline tiny;
    private final FaceLandmarker landmarker;
    private final FaceDescriber describer;
    private final FaceAttributeReader attributes;

    private FaceEvaluation(FacePipeline pipeline, FacePipeline tiny, FaceLandmarker landmarker, FaceDescriber describer,
                           FaceAttributeReader attributes) {
        this.pipeline = pipeline;
        this.tiny = tiny;
        this.landmarker = landmarker;
        this.describer = describer;
        this.attributes = attributes;
    }

    /** The accurate pipeline over models/face-api, sharing its networks with the port checks. */
    public static FaceEvaluation load(Path models) throws IOException {
        FaceLandmarker lm = FaceLandmarker.load(models, FaceLandmarkNet.Variant.FULL);
        FaceRecognitionNet rec = FaceRecognitionNet.load(models);
        FaceAttributeReader attrs = FaceAttributeReader.load(models);
        FacePipeline p = new FacePipeline(SsdMobilenetV1.load(models), lm, rec, attrs);
        FacePipeline t = new FacePipeline(TinyFaceDetector.load(models).with(FacePipeline.LIVE_INPUT, 0.5), lm, rec, attrs);
        return new FaceEvaluation(p, t, lm, new FaceDescriber(rec), attrs);
    }

    static Reference readReference(Path file) throws IOException {
        try {
            Reference r = new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), Reference.class);
            if (r == null || r.samples() == null || r.samples().isEmpty()) throw new IOException(file + " holds no samples");
            return r;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not face-api reference JSON: " + e.getMessage(), e);
        }
    }

    private static BufferedImage photo(Path dir, String file) throws IOException {
        return ImageReading.read(dir.resolve(file));
    }

    /**
     * Everything, as one map in the order the CLI prints it. {@code reference}: reference.json; {@code photos}:
     * the folder of the sample photos it names.
     */
    public Map<String, Object> run(Path reference, Path photos, Settings s, Consumer<Progress> progress) throws IOException {
        Reference ref = readReference(reference);
        Map<String, Object> out = new LinkedHashMap<>();
        List<Person> people = new ArrayList<>();
        port(ref, photos, out, people);
        identification(people, s, out, progress);
        return out;
    }

    /** The port against the recorded outputs; collects each reference face as a person for identification. */
    private void port(Reference ref, Path photos, Map<String, Object> out, List<Person> people) throws IOException {
        double iouMin = 1, pxMax = 0, cosMin = 1, cosEndToEnd = 1, ageErr = 0;
        int faces = 0, found = 0, extra = 0, genders = 0, expressions = 0;
        for (RefSample sample : ref.samples()) {
            BufferedImage img = photo(photos, sample.file());
            List<FaceBox> ours = new ArrayList<>();
            for (FacePipeline.Face f : pipeline.faces(img, new FaceAnalyser.Options(false, false, false, false))) ours.add(f.report().box());
            List<FaceBox> refBoxes = sample.ssd().stream().map(f -> f.box().box()).toList();
            // landmarks and descriptors from the reference's own boxes and squares: measures the nets and glue,
            // not whether our detector's box moved a little (that is the IoU's job)
            List<FaceLandmarks68> marks = landmarker.landmarks(img, refBoxes);
            List<FaceReport.Attributes> attrs = attributes.attributes(img, marks);
            List<float[]> endToEnd = describer.descriptors(img, marks);
            extra += Math.max(0, ours.size() - refBoxes.size());
            for (int i = 0; i < refBoxes.size(); i++) {
                RefFace rf = sample.ssd().get(i);
                double best = 0;
                for (FaceBox b : ours) best = Math.max(best, b.iou(refBoxes.get(i)));
                iouMin = Math.min(iouMin, best);
                if (best >= 0.5) found++;
                for (int k = 0; k < FaceLandmarks68.POINTS; k++) {
                    pxMax = Math.max(pxMax, Math.hypot(marks.get(i).x(k) - rf.landmarks68()[k][0], marks.get(i).y(k) - rf.landmarks68()[k][1]));
                }
                cosMin = Math.min(cosMin, cosine(describer.descriptor(img, rf.dlibRect().box()), rf.descriptor()));
                cosEndToEnd = Math.min(cosEndToEnd, cosine(endToEnd.get(i), rf.descriptor()));
                FaceReport.Attributes a = attrs.get(i);
                if (a.gender().equals(rf.gender())) genders++;
                if (a.expression().equals(Collections.max(rf.expressions().entrySet(), Map.Entry.comparingByValue()).getKey())) expressions++;
                ageErr = Math.max(ageErr, Math.abs(a.age() - rf.age()));
                faces++;
                people.add(new Person(sample.file().replaceFirst("\\.[^.]+$", "") + "-face" + (i + 1), img, refBoxes.get(i)));
            }
        }
        out.put("reference_faces", faces);
        out.put("detection_iou_min", iouMin);
        out.put("detection_recall", found / (double) faces);
        out.put("detection_extra", extra);
        out.put("landmark_error_px_max", pxMax);
        out.put("embedding_cosine_min", cosMin);
        out.put("embedding_cosine_min_end_to_end", cosEndToEnd);
        out.put("gender_agreement", genders / (double) faces);
        out.put("expression_agreement", expressions / (double) faces);
        out.put("age_error_years_max", ageErr);
    }

    private void identification(List<Person> all, Settings s, Map<String, Object> out, Consumer<Progress> progress) {
        List<Person> people = new ArrayList<>(all);
        Random rnd = new Random(s.seed());
        Collections.shuffle(people, rnd);
        people = people.subList(0, Math.min(s.people(), people.size()));
        int enrolled = (people.size() + 1) / 2;
        // the same variants for every route, so the routes differ only in how a face becomes a descriptor
        Map<String, List<BufferedImage>> enrolImages = new LinkedHashMap<>();
        for (Person p : people.subList(0, enrolled)) {
            List<BufferedImage> v = new ArrayList<>();
            for (int k = 0; k < s.enrolVariants(); k++) v.add(FaceVariants.make(p.photo(), p.box(), rnd, s.maxTurn()).image());
            enrolImages.put(p.name(), v);
        }
        List<String> truth = new ArrayList<>();
        List<BufferedImage> probeImages = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            for (int k = 0; k < s.probeVariants(); k++) {
                truth.add(i < enrolled ? people.get(i).name() : null);
                probeImages.add(FaceVariants.make(people.get(i).photo(), people.get(i).box(), rnd, s.maxTurn()).image());
            }
        }
        long total = (long) PATHS.size() * (enrolled * s.enrolVariants() + probeImages.size());
        long[] step = {0};
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Route route : PATHS) {
            Map<String, List<float[]>> gallery = new LinkedHashMap<>();
            int enrolMisses = 0;
            for (Map.Entry<String, List<BufferedImage>> e : enrolImages.entrySet()) {
                List<float[]> ds = new ArrayList<>();
                for (BufferedImage v : e.getValue()) {
                    float[] d = descriptor(route.enrol(), route.crop(), v);
                    if (d == null) enrolMisses++;
                    else ds.add(d);
                    progress.accept(new Progress(++step[0], total, Map.of(), null, route.name() + ": enrolling " + e.getKey()));
                }
                gallery.put(e.getKey(), ds);
            }
            // probes: null descriptor = the detector missed the face, which counts against both rates
            List<float[]> probes = new ArrayList<>();
            for (BufferedImage v : probeImages) {
                probes.add(descriptor(route.probe(), route.crop(), v));
                progress.accept(new Progress(++step[0], total, Map.of(), null, route.name() + ": probing"));
            }
            double[] used = rates(gallery, truth, probes, s.threshold());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("route", route.name());
            r.put("identification_accuracy", used[0]);
            r.put("unknown_rejection_rate", used[1]);
            r.put("identification_accuracy_detected", used[2]);
            r.put("unknown_rejection_rate_detected", used[3]);
            r.put("enrol_detection_misses", enrolMisses);
            r.put("probe_detection_misses", probes.stream().filter(d -> d == null).count());
            if (routes.isEmpty()) {
                out.putAll(r);
                out.remove("route");
                out.put("threshold", s.threshold());
                List<Map<String, Object>> sweep = new ArrayList<>();
                for (double t : SWEEP) {
                    double[] q = rates(gallery, truth, probes, t);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("threshold", t);
                    m.put("identification_accuracy", q[0]);
                    m.put("unknown_rejection_rate", q[1]);
                    sweep.add(m);
                }
                out.put("threshold_sweep", sweep);
            }
            routes.add(r);
        }
        out.put("routes", routes);
        out.put("people_enrolled", enrolled);
        out.put("people_held_out", people.size() - enrolled);
        out.put("enrol_variants_per_person", s.enrolVariants());
        out.put("probe_variants_per_person", s.probeVariants());
        out.put("max_turn_degrees", s.maxTurn());
        out.put("seed", s.seed());
    }

    /**
     * At one threshold: [share of enrolled probes named right, share of held-out probes called unknown, the same
     * two counting only the probes whose face was found].
     */
    private static double[] rates(Map<String, List<float[]>> gallery, List<String> truth, List<float[]> probes, double threshold) {
        IdentityClassifier c = IdentityClassifier.train(gallery, threshold);
        int in = 0, inRight = 0, outN = 0, outRight = 0, inFound = 0, outFound = 0;
        for (int i = 0; i < probes.size(); i++) {
            float[] d = probes.get(i);
            String name = d == null ? null : c.identify(d).name();
            if (truth.get(i) != null) {
                in++;
                if (d != null) inFound++;
                if (truth.get(i).equals(name)) inRight++;
            } else {
                outN++;
                if (d != null) outFound++;
                if (IdentityClassifier.UNKNOWN.equals(name)) outRight++;
            }
        }
        return new double[]{inRight / (double) Math.max(1, in), outRight / (double) Math.max(1, outN),
                inRight / (double) Math.max(1, inFound), outRight / (double) Math.max(1, outFound)};
    }

    /**
     * The descriptor of the face nearest the variant's centre, where it was put; null when none was found there
     * (a neighbour's face further out must not stand in for a missed one).
     */
    private float[] descriptor(String detector, FacePipeline.Crop crop, BufferedImage variant) {
        double cx = variant.getWidth() / 2.0, cy = variant.getHeight() / 2.0, best = variant.getWidth() / 6.0;
        float[] d = null;
        FacePipeline p = (detector.equals("tiny") ? tiny : pipeline).withCrop(crop);
        for (FacePipeline.Face f : p.faces(variant, new FaceAnalyser.Options(false, true, false, false))) {
            FaceBox b = f.report().box();
            double off = Math.hypot(b.x() + b.width() / 2 - cx, b.y() + b.height() / 2 - cy);
            if (off < best) {
                best = off;
                d = f.descriptor();
            }
        }
        return d;
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
