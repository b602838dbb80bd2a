package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.image.ImageReading;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A face network that starts from a real face (the recogniser's portrait, the landmark net's moves): the largest face
 * of the user's photo, or of one of the six sample photos (assets/faces) as the held-out starts; no named classes.
 */
public abstract sealed class PhotoFaceNet<N> extends FaceNet<N> permits RecogniserNet, LandmarkNet {
    private static final int SAMPLES = 6;

    PhotoFaceNet(String model, Loader<N> loader, Function<N, ComputationGraph> graph, int side) {
        super(model, loader, graph, side);
    }

    /** The photo's largest face as this network's start; empty when there is none. */
    public abstract Optional<Start> face(BufferedImage photo) throws IOException;

    @Override
    public final List<String> classNames() {
        return List.of();
    }

    @Override
    public final int heldOutCount() {
        return SAMPLES;
    }

    @Override
    public final String pictureNoun() {
        return "sample photo";
    }

    @Override
    public final String startName(int index) {
        return "sample" + (Math.floorMod(index, SAMPLES) + 1) + ".jpg";
    }

    /** The largest face of the user's photo, or of sample photo heldOut % 6 + 1 when there is none. */
    @Override
    public final Start start(Path file, int heldOut) throws IOException {
        Path photo = file != null ? file : StudioPaths.assets().resolve("faces").resolve(startName(heldOut));
        return face(ImageReading.read(photo)).orElseThrow(() -> new IOException(photo.getFileName() + ": no face found"));
    }
}
