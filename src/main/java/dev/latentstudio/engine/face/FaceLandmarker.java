package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection box → 68 landmarks in image pixels, as face-api's withFaceLandmarks: crop the box's pixels,
 * pad to a square, resize to 112×112, run the landmark net, map the points back (see {@link FaceLandmarks68}).
 * All faces of a frame go through the net as one batch.
 */
public final class FaceLandmarker {
    private final FaceLandmarkNet net;

    public FaceLandmarker(FaceLandmarkNet net) {
        this.net = net;
    }

    public static FaceLandmarker load(Path dir, FaceLandmarkNet.Variant variant) throws IOException {
        return new FaceLandmarker(FaceLandmarkNet.load(dir, variant));
    }

    public FaceLandmarks68 landmarks(BufferedImage img, FaceBox detection) {
        return landmarks(img, List.of(detection)).get(0);
    }

    /** The landmarks of each detected face, in order; an IllegalArgumentException for a box outside the image. */
    public List<FaceLandmarks68> landmarks(BufferedImage img, List<FaceBox> detections) {
        if (detections.isEmpty()) return List.of();
        INDArray[] inputs = new INDArray[detections.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = FaceTensors.netInput(img, detections.get(i), FaceLandmarkNet.SIZE);
        }
        INDArray batch = inputs.length == 1 ? inputs[0] : Nd4j.concat(0, inputs), raw = net.raw(batch);
        List<FaceLandmarks68> out = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            FaceBox d = detections.get(i);
            out.add(FaceLandmarks68.fromRaw(raw.getRow(i).toFloatVector(), FaceLandmarkNet.SIZE,
                    FaceTensors.region(img, d), d.x(), d.y()));
        }
        // a frame's inputs and outputs, freed now: the booth makes them for every frame
        Buffers.close(inputs);
        Buffers.close(batch, raw);
        return out;
    }
}
