package dev.latentstudio.cli;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceEvaluation;
import dev.latentstudio.engine.face.IdentityClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate-faces", mixinStandardHelpOptions = true, description = {"Measure the face stack; prints one JSON object.",
        "Port (accurate pipeline vs face-api's recorded outputs on assets/faces/sample1..6.jpg): detection_iou_min, "
                + "landmark_error_px_max, embedding_cosine_min, gender/expression agreement.",
        "Identification: the samples' distinct faces re-taken with crop jitter, rotation, brightness/contrast, flips "
                + "and low-quality JPEG; half the people enrolled, half held out: identification_accuracy, "
                + "unknown_rejection_rate (with a threshold sweep). See the \"notes\" field."})
final class EvaluateFacesCommand implements Callable<Integer> {
    @Option(names = "--people", converter = Ranges.AtLeast2.class, paramLabel = "K", defaultValue = "22", description = "People to use (the samples hold 22 faces); half are enrolled.")
    int people;
    @Option(names = "--enrol-variants", converter = Ranges.Positive.class, paramLabel = "N", defaultValue = "3", description = "Variants each enrolled person is enrolled from.")
    int enrolVariants;
    @Option(names = "--probe-variants", converter = Ranges.Positive.class, paramLabel = "N", defaultValue = "5", description = "Further variants of every person to identify.")
    int probeVariants;
    @Option(names = "--threshold", converter = Ranges.PositiveReal.class, paramLabel = "D", defaultValue = "" + IdentityClassifier.DEFAULT_THRESHOLD,
            description = "The unknown threshold recognize uses (default: ${DEFAULT-VALUE}).")
    double threshold;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, paramLabel = "SEED", defaultValue = "7", description = "Picks the people and their variants.")
    long seed;
    @Option(names = "--max-turn", converter = Ranges.Degrees90.class, paramLabel = "DEG", defaultValue = "8",
            description = "Turn each variant by up to this many degrees either way (default: ${DEFAULT-VALUE}; try 40 for tilted heads).")
    double maxTurn;
    @Option(names = "--reference", paramLabel = "FILE", description = "face-api's recorded outputs (default: src/test/resources/faces/reference.json).")
    Path reference;

    @Override
    public Integer call() throws Exception {
        FaceEvaluation.Settings s = new FaceEvaluation.Settings(people, enrolVariants, probeVariants, threshold, seed, maxTurn);
        Path ref = reference != null ? reference : StudioPaths.home().resolve("src/test/resources/faces/reference.json");
        long t0 = System.nanoTime();
        FaceEvaluation e = FaceEvaluation.load(FaceCli.models());
        Map<String, Object> out = new LinkedHashMap<>(e.run(ref, StudioPaths.assets().resolve("faces"), s,
                new ConsoleProgress(System.err)));
        out.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        out.put("notes", List.of(
                "detection_iou_min: for each face-api SSD box, the best IoU among our SSD detections (recall counts IoU >= 0.5).",
                "landmark_error_px_max, embedding_cosine_min, agreements: from face-api's own boxes and dlib squares, "
                        + "as FaceLandmarker/FaceDescriber take them, so the figures measure the port, not detector jitter; "
                        + "embedding_cosine_min_end_to_end uses our landmarks' square instead. Java's JPEG decoder differs "
                        + "from jpeg-js by a few levels per pixel, so exact agreement is not expected on these photos.",
                "identification: each reference face is taken as a distinct person (faces within one photo are distinct "
                        + "people; across photos not verified, and some pairs of different faces lie only ~0.45 apart). "
                        + "Enrolled people are enrolled from enrol_variants_per_person variants; every probe is a further "
                        + "variant of one photo, so identification is easier than with truly different photos.",
                "threshold: a face is unknown when its nearest enrolled descriptor is farther than this (Euclidean); "
                        + IdentityClassifier.DEFAULT_THRESHOLD + " is the studio's default (recognize and the booth use it); "
                        + "face-api's FaceMatcher uses 0.6, which let too many strangers through on these look-alike faces. "
                        + "threshold_sweep shows the trade: lower rejects more strangers and can name fewer enrolled faces.",
                "a probe whose face the detector misses counts as wrong in both rates; the *_detected rates leave such probes out. "
                        + "Most misses are of the samples' side-on faces (face-api's own SSD scores them only 0.76-0.89)."));
        FaceCli.print(out);
        return 0;
    }
}
