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
 * Landmarks → age, gender and expression, as face-api's withAgeAndGender().withFaceExpressions(): both nets see
 * the landmarks' aligned rect ({@link FaceLandmarks68#alignedRect()}) cut from the picture, padded to a square
 * and scaled to 112×112. All faces of a frame go through each net as one batch.
 */
public final class FaceAttributeReader {
    private final AgeGenderNet ageGender;
    private final FaceExpressionNet expressions;

    public FaceAttributeReader(AgeGenderNet ageGender, FaceExpressionNet expressions) {
        this.ageGender = ageGender;
        this.expressions = expressions;
    }

    public static FaceAttributeReader load(Path dir) throws IOException {
        return new FaceAttributeReader(AgeGenderNet.load(dir), FaceExpressionNet.load(dir));
    }

    public FaceReport.Attributes attributes(BufferedImage img, FaceLandmarks68 landmarks) {
        return inBoxes(img, List.of(landmarks.alignedRect())).get(0);
    }

    /** One result per face, in order. */
    public List<FaceReport.Attributes> attributes(BufferedImage img, List<FaceLandmarks68> faces) {
        return inBoxes(img, faces.stream().map(FaceLandmarks68::alignedRect).toList());
    }

    /** The attributes of the faces framed by these boxes (e.g. detections, when landmarks were not measured). */
    public List<FaceReport.Attributes> inBoxes(BufferedImage img, List<FaceBox> boxes) {
        if (boxes.isEmpty()) return List.of();
        INDArray[] inputs = new INDArray[boxes.size()];
        for (int i = 0; i < inputs.length; i++) inputs[i] = FaceTensors.netInput(img, boxes.get(i), AgeGenderNet.SIZE);
        INDArray batch = inputs.length == 1 ? inputs[0] : Nd4j.concat(0, inputs);
        List<AgeGenderNet.AgeGender> ag = ageGender.predict(batch);
        List<FaceExpressionNet.Expressions> ex = expressions.predict(batch);
        List<FaceReport.Attributes> out = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            FaceExpressionNet.Expressions e = ex.get(i);
            out.add(new FaceReport.Attributes(ag.get(i).age(), ag.get(i).gender(), ag.get(i).genderProbability(),
                    e.bestLabel(), e.probabilities()[e.best()], seven(e.probabilities())));
        }
        Buffers.close(inputs); // a frame's net inputs, freed now rather than at a collection
        Buffers.close(batch);
        return out;
    }

    private static List<Double> seven(float[] p) {
        List<Double> out = new ArrayList<>(p.length);
        for (float v : p) out.add((double) v);
        return out;
    }
}
