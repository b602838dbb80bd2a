package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.JobControl;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * face-api's face recogniser ({@value InversionNet#FACE_RECOGNITION}): the identity portrait of the largest face in a
 * photo (or of a descriptor), and channels at its named layers; a portrait is judged by its own descriptor's distance.
 */
public final class RecogniserNet extends PhotoFaceNet<FaceRecognitionNet> {
    /** face-api's threshold: descriptors closer than this are the same person. */
    public static final double SAME_PERSON = 0.6;

    private FacePipeline pipeline;

    /** Named only; the weights load on first use. */
    public RecogniserNet() {
        super(FACE_RECOGNITION, FaceRecognitionNet::load, FaceRecognitionNet::graph, FaceRecognitionNet.SIZE);
    }

    @Override
    public List<Technique> techniques() {
        return List.of(Technique.PORTRAIT, Technique.CHANNEL);
    }

    @Override
    public InversionOptions defaults(Technique t) {
        return InversionOptions.of(t == Technique.CHANNEL ? FaceChannelVisualisation.DEFAULTS : IdentityPortrait.Options.DEFAULTS);
    }

    /** The largest face of a photo, aligned and described; empty when there is none. */
    @Override
    public synchronized Optional<Start> face(BufferedImage photo) throws IOException {
        if (pipeline == null) pipeline = FacePipeline.load(InversionNet.faceModels(), FacePipeline.Speed.ACCURATE);
        int side = FaceRecognitionNet.SIZE;
        return pipeline.largest(photo).map(f -> new Start(Nd4j.create(Images.toChw(f.aligned(), 3), new long[]{1, 3, side, side}, 'c'),
                f.descriptor(), -1));
    }

    @Override
    Inversion.Result climb(Goal g, InversionOptions o, JobControl control) throws IOException {
        return IdentityPortrait.job(net(), g.start().descriptor, o.faceOptions(), o.previewEvery()).run(control);
    }

    @Override
    public Verdict verdict(Technique t, Goal g, Inversion.Result r) throws IOException {
        if (t == Technique.CHANNEL) return channelVerdict(g, r, new double[0]);
        double d = IdentityPortrait.distance(net(), r.image(), g.start().descriptor);
        return new Verdict(d, String.format(Locale.ROOT, "distance %.3f (%s)", d, d < SAME_PERSON
                ? "the recogniser calls it the same person" : "not the same person to the recogniser"), new double[0], new int[0],
                Map.of("distance", d));
    }

    /** A channel's activation on mid-grey; a portrait's start (the mean face) and its distance, null without one. */
    @Override
    public Verdict before(Technique t, Goal g, InversionOptions o) throws IOException {
        if (t == Technique.CHANNEL) return channelBefore(g);
        float[] mean = IdentityPortrait.meanFace();
        int side = FaceRecognitionNet.SIZE;
        return mean == null ? null : Verdict.figure("distance",
                IdentityPortrait.distance(net(), Nd4j.create(mean, new long[]{1, 3, side, side}, 'c'), g.start().descriptor));
    }
}
