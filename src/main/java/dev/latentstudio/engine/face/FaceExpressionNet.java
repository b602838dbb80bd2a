package dev.latentstudio.engine.face;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's face_expression_model (src/faceExpressionNet): the dense face feature extractor and one fully
 * connected layer, softmax over seven expressions. Takes face crops as the detector cut them.
 */
public final class FaceExpressionNet {

    public static final String MODEL = "face_expression_model";
    public static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");

    /** The seven probabilities in {@link #LABELS} order. */
    public record Expressions(float[] probabilities) {
        public int best() {
            int b = 0;
            for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[b]) b = i;
            return b;
        }

        public String bestLabel() {
            return LABELS.get(best());
        }

        public float probability(String label) {
            int i = LABELS.indexOf(label);
            if (i < 0) throw new IllegalArgumentException("no expression '" + label + "'; known: " + LABELS);
            return probabilities[i];
        }
    }

    private final DenseFeatureExtractor backbone;
    private final INDArray weights, bias;

    private FaceExpressionNet(TfjsWeights w) {
        backbone = new DenseFeatureExtractor(w);
        weights = w.get("fc/weights", 256, LABELS.size()).array();
        bias = w.get("fc/bias", LABELS.size()).array();
    }

    public static FaceExpressionNet load(Path modelDir) throws IOException {
        return new FaceExpressionNet(TfjsWeights.load(modelDir, MODEL));
    }

    public List<Expressions> predict(List<RgbImage> faces) {
        INDArray features = backbone.forward(FaceCrops.normalised(faces)).reshape(faces.size(), 256);
        INDArray p = Transforms.softmax(features.mmul(weights).addiRowVector(bias), false);
        List<Expressions> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) out.add(new Expressions(p.getRow(i).dup().toFloatVector()));
        return out;
    }

    public Expressions predict(RgbImage face) {
        return predict(List.of(face)).get(0);
    }
}
