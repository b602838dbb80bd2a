package dev.latentstudio.engine.face;

import dev.latentstudio.engine.face.TfOps.Padding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's age_gender_model (src/ageGenderNet): TinyXception with two main blocks, a 7×7 average pool and two
 * fully connected heads, age (a regression in years) and gender (softmax over male, female). Takes face crops
 * as the detector cut them (any size; padded centred to a square and scaled to 112×112).
 */
public final class AgeGenderNet {

    public static final String MODEL = "age_gender_model";

    /** One face's estimate; {@code probabilityMale} is the softmax's first output. */
    public record AgeGender(double age, double probabilityMale) {
        public String gender() {
            return probabilityMale > 0.5 ? "male" : "female";
        }

        /** The probability of the reported gender, as face-api's genderProbability. */
        public double genderProbability() {
            return probabilityMale > 0.5 ? probabilityMale : 1 - probabilityMale;
        }
    }

    private final TinyXception backbone;
    private final INDArray ageWeights, ageBias, genderWeights, genderBias;

    private AgeGenderNet(TfjsWeights w) {
        backbone = new TinyXception(w, 2);
        ageWeights = w.get("fc/age/weights", 512, 1).array();
        ageBias = w.get("fc/age/bias", 1).array();
        genderWeights = w.get("fc/gender/weights", 512, 2).array();
        genderBias = w.get("fc/gender/bias", 2).array();
    }

    public static AgeGenderNet load(Path modelDir) throws IOException {
        return new AgeGenderNet(TfjsWeights.load(modelDir, MODEL));
    }

    public List<AgeGender> predict(List<RgbImage> faces) {
        INDArray[] heads = heads(faces);
        INDArray gender = Transforms.softmax(heads[1], false);
        List<AgeGender> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) out.add(new AgeGender(heads[0].getFloat(i, 0), gender.getFloat(i, 0)));
        return out;
    }

    public AgeGender predict(RgbImage face) {
        return predict(List.of(face)).get(0);
    }

    /** The two heads before the softmax: age [n, 1] and gender logits [n, 2] (male, female). */
    INDArray[] heads(List<RgbImage> faces) {
        INDArray features = backbone.forward(FaceCrops.normalised(faces));
        INDArray pooled = TfOps.avgPool(features, 7, 2, Padding.VALID).reshape(faces.size(), 512);
        return new INDArray[]{pooled.mmul(ageWeights).addiRowVector(ageBias), pooled.mmul(genderWeights).addiRowVector(genderBias)};
    }
}
