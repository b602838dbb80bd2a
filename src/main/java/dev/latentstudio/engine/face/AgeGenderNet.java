package dev.latentstudio.engine.face;

import dev.latentstudio.engine.nn.Buffers;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * face-api's age_gender_model (src/ageGenderNet) as a DL4J ComputationGraph: TinyXception with two main blocks,
 * a 7×7/2 average pool and two fully connected heads, age (a regression, in years) and gender (two logits,
 * male and female). The graph's one output is [age, male logit, female logit] per face, which keeps it a plain
 * single-output network (one 512×3 dense layer) for input gradients. Input: 112×112 face crops as face-api prepares them.
 */
public final class AgeGenderNet {
    public static final String MODEL = "age_gender_model";
    public static final int SIZE = 112;

    /** One face: age in years, and P(male) from the softmax of the gender logits. */
    public record AgeGender(double age, double probabilityMale) {
        public String gender() {
            return probabilityMale > 0.5 ? "male" : "female";
        }

        /** The probability of the reported gender, as face-api's genderProbability. */
        public double genderProbability() {
            return probabilityMale > 0.5 ? probabilityMale : 1 - probabilityMale;
        }
    }

    private final ComputationGraph graph;

    public AgeGenderNet(TfjsWeights w) {
        TfjsGraph g = new TfjsGraph("input", 3, SIZE, SIZE);
        String x = g.pool("pool", TinyXception.trunk(g, w, "input", 2), PoolingType.AVG, 7, 2);
        graph = g.build(g.dense("fc", x, heads(w), new float[]{w.get("fc/age/bias", 1).values()[0],
                w.get("fc/gender/bias", 2).values()[0], w.get("fc/gender/bias", 2).values()[1]}));
    }

    /** The two heads as one 512×3 layer: column 0 is fc/age, columns 1 and 2 fc/gender (x·W per column is the same). */
    private static TfjsWeights.Tensor heads(TfjsWeights w) {
        float[] age = w.get("fc/age/weights", 512, 1).values(), gender = w.get("fc/gender/weights", 512, 2).values();
        float[] both = new float[512 * 3];
        for (int i = 0; i < 512; i++) {
            both[3 * i] = age[i];
            both[3 * i + 1] = gender[2 * i];
            both[3 * i + 2] = gender[2 * i + 1];
        }
        return new TfjsWeights.Tensor("fc/age+gender/weights", new long[]{512, 3}, both);
    }

    public static AgeGenderNet load(Path dir) throws IOException {
        return new AgeGenderNet(TfjsWeights.load(dir, MODEL));
    }

    /** [n, 3]: age, male logit, female logit, for a batch of 112×112 faces, NCHW RGB 0..255. One thread at a time. */
    public synchronized INDArray raw(INDArray rgb) {
        INDArray in = FaceTensors.normalise(rgb, SIZE, FaceLandmarkNet.MEAN_RGB);
        INDArray out = graph.outputSingle(false, in);
        Buffers.close(in); // ours: freed now, not when the collector comes (once per face per booth frame)
        return out;
    }

    public List<AgeGender> predict(INDArray rgb) {
        INDArray heads = raw(rgb);
        List<AgeGender> out = new ArrayList<>();
        for (int i = 0; i < heads.size(0); i++) {
            double male = heads.getDouble(i, 1), female = heads.getDouble(i, 2), top = Math.max(male, female);
            double em = Math.exp(male - top), ef = Math.exp(female - top);
            out.add(new AgeGender(heads.getDouble(i, 0), em / (em + ef)));
        }
        Buffers.close(heads);
        return out;
    }

    /** The face in {@code box} (face-api crops its aligned rect here) cut from the picture and estimated. */
    public AgeGender predict(BufferedImage img, FaceBox box) {
        return predict(FaceTensors.netInput(img, box, SIZE)).get(0);
    }

    /** The graph itself: input normalised ({@link FaceTensors#normalise} with the feature extractors' mean). */
    public ComputationGraph graph() {
        return graph;
    }
}
