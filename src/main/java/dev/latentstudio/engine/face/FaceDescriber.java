package dev.latentstudio.engine.face;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Landmarks → 128-d descriptor, as face-api's withFaceDescriptors: crop the landmarks' dlib-aligned square
 * ({@link FaceLandmarks68#dlibRect()}), resize to 150×150, run the recognition net. Two faces of one person
 * lie within ~0.6 Euclidean distance of each other.
 */
public final class FaceDescriber {
    private final FaceRecognitionNet net;

    public FaceDescriber(FaceRecognitionNet net) {
        this.net = net;
    }

    public static FaceDescriber load(Path dir) throws IOException {
        return new FaceDescriber(FaceRecognitionNet.load(dir));
    }

    public float[] descriptor(BufferedImage img, FaceLandmarks68 landmarks) {
        return descriptors(img, List.of(landmarks)).get(0);
    }

    /** The descriptor of the face framed by {@code square} (already aligned, e.g. another aligner's box). */
    public float[] descriptor(BufferedImage img, FaceBox square) {
        return net.descriptor(FaceTensors.netInput(img, square, FaceRecognitionNet.SIZE));
    }

    /** One descriptor per face, computed as one batch. */
    public List<float[]> descriptors(BufferedImage img, List<FaceLandmarks68> faces) {
        if (faces.isEmpty()) return List.of();
        INDArray[] inputs = new INDArray[faces.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = FaceTensors.netInput(img, faces.get(i).dlibRect(), FaceRecognitionNet.SIZE);
        }
        INDArray d = net.descriptors(inputs.length == 1 ? inputs[0] : Nd4j.concat(0, inputs));
        List<float[]> out = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) out.add(d.getRow(i).toFloatVector());
        return out;
    }

    /** Euclidean distance, face-api's measure (its default match threshold is 0.6). */
    public static double distance(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("descriptors of different sizes");
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
