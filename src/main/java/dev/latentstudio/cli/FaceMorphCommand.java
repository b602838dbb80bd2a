package dev.latentstudio.cli;

import dev.latentstudio.engine.face.FaceGallery;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.IdentityMorph;
import dev.latentstudio.engine.invert.IdentityPortrait;
import dev.latentstudio.engine.latent.Walks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "face-morph", mixinStandardHelpOptions = true, description = {"One face turning into another as the face "
        + "recogniser sees it: frame 0 is A's aligned face, each next frame is drawn by running the recogniser backwards from the "
        + "frame before toward a descriptor a step further along the way from A's to B's. A and B are photos (their largest face) "
        + "or person:NAME for an enrolled person (see `studio enroll --list`; their mean descriptor, their first face as A's start).",
        "Writes OUT.gif (there and back, looping) and OUT.png (the frames in a row) and prints one JSON line with each frame's "
                + "distance to A and to B (face-api counts below 0.6 as the same person).",
        "  ./studio face-morph me.jpg assets/faces/sample1.jpg --frames 24 -o morph"})
final class FaceMorphCommand implements Callable<Integer> {
    static final String PERSON = "person:";

    enum Walk { lerp, slerp }

    @Parameters(index = "0", paramLabel = "A", description = "A photo, or person:NAME.")
    String a;
    @Parameters(index = "1", paramLabel = "B", description = "A photo, or person:NAME.")
    String b;
    @Option(names = {"-o", "--out"}, required = true, description = "Output path without extension (.gif and .png are added).")
    Path out;
    @Option(names = "--frames", converter = Ranges.AtLeast2.class, defaultValue = "24", description = "Frames, A's and the last included (default: ${DEFAULT-VALUE}).")
    int frames;
    @Option(names = "--steps-per-frame", converter = Ranges.Positive.class, description = "Inversion steps per frame (default: 10).")
    Integer stepsPerFrame;
    @Option(names = "--extra-rounds", converter = Ranges.NonNegative.class, description = "At most this many more rounds of "
            + "those steps for a frame not yet farther from A and nearer B than the one before (default: 6).")
    Integer extraRounds;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, description = "Seed of the jitter, zoom and turn (default: 0).")
    Long seed;
    @Option(names = "--tether", converter = Ranges.NonNegativeReal.class, description = "Weight of the pull toward the frame before (default: 0.01).")
    Double tether;
    @Option(names = "--tv", converter = Ranges.NonNegativeReal.class, description = "Weight of the total variation (default: 0; the portrait's 0.002 blurs the frames).")
    Double tv;
    @Option(names = "--walk", defaultValue = "slerp", description = "slerp (great circle of the descriptors' directions) or lerp (straight line); default ${DEFAULT-VALUE}.")
    Walk walk;

    /** One end of the morph: its descriptor, its aligned chip (A's start) and what to call it. */
    private record End(String name, float[] descriptor, BufferedImage chip) {
    }

    @Override
    public Integer call() throws Exception {
        FacePipeline pipeline = FaceCli.pipeline(false);
        End from = end(a, pipeline), to = end(b, pipeline);
        IdentityMorph.Options d = IdentityMorph.Options.DEFAULTS;
        IdentityMorph.Options o = d.withFrames(frames).withStepsPerFrame(stepsPerFrame != null ? stepsPerFrame : d.stepsPerFrame())
                .withExtraRounds(extraRounds != null ? extraRounds : d.extraRounds()).withTether(tether != null ? tether : d.tether()).withWalk(walk == Walk.lerp ? Walks.Mode.LERP : Walks.Mode.SLERP)
                .withSeed(seed != null ? seed : d.portrait().seed()).withTv(tv != null ? tv : d.portrait().tv());
        IdentityMorph.Result r = ConsoleJob.run(new IdentityMorph(pipeline.recognition(), from.descriptor(), to.descriptor(), from.chip(), o), System.err);

        String base = base(out);
        Path gif = Path.of(base + ".gif"), png = Path.of(base + ".png");
        Images.writeGif(Walks.pingPong(r.pictures()), 120, gif);
        Images.writePng(Images.grid(r.pictures(), r.frames().size(), 2, 1), png);
        List<Double> toA = new ArrayList<>(), toB = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        for (IdentityMorph.Frame f : r.frames()) {
            steps.add(f.steps());
            toA.add(FaceCli.round(f.distanceToA()));
            toB.add(FaceCli.round(f.distanceToB()));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("a", from.name());
        line.put("b", to.name());
        line.put("frames", r.frames().size());
        line.put("steps_per_frame", o.stepsPerFrame());
        line.put("walk", walk.name());
        line.put("distance_to_a", toA);
        line.put("distance_to_b", toB);
        line.put("steps", steps);
        line.put("seconds_per_frame", Math.round(r.secondsPerFrame() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + gif + " and " + png);
        return 0;
    }

    /** A photo's largest face, or an enrolled person's mean descriptor with their first face (the mean face without one). */
    private static End end(String spec, FacePipeline pipeline) throws IOException {
        if (spec.startsWith(PERSON)) {
            String name = spec.substring(PERSON.length());
            FaceGallery.Person p = FaceGallery.inUserData().find(name).orElseThrow(() ->
                    new IllegalArgumentException("nobody called '" + name + "' is enrolled (see `studio enroll --list`)"));
            float[] mean = p.meanEmbedding().orElseThrow(() -> new IllegalArgumentException(p.name() + " has no enrolled faces yet"));
            return new End(PERSON + p.name(), mean, chip(p));
        }
        Path file = Path.of(spec);
        FacePipeline.Face f = pipeline.largest(FaceCli.read(file))
                .orElseThrow(() -> new IllegalArgumentException(file + ": no face found"));
        return new End(spec, f.descriptor(), f.aligned());
    }

    /** The person's first enrolled face if it is an aligned chip, else the mean face. */
    private static BufferedImage chip(FaceGallery.Person p) throws ImageReading.Unusable {
        int side = FaceRecognitionNet.SIZE;
        if (!p.thumbnails().isEmpty()) {
            BufferedImage t = ImageReading.read(p.thumbnails().get(0));
            if (t.getWidth() == side && t.getHeight() == side) return t;
        }
        float[] mean = IdentityPortrait.meanFace();
        if (mean == null) throw new IllegalArgumentException(p.name() + " has no aligned face to start from, and the mean face is missing");
        return Images.toImage(mean, 3, side, side);
    }

    /** OUT without a typed .gif or .png. */
    private static String base(Path out) {
        String s = out.toString(), lower = s.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".gif") || lower.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
    }
}
