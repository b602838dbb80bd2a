package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.nn.InputGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;

/**
 * Class visualisation as a service for the studio: one loaded classifier (with its logits network and
 * the mean training digit) that makes inversion jobs for one class or a weighted mix of classes and
 * reads the classifier's probabilities of a result. The screen never handles an INDArray. Jobs must run
 * one at a time: they share the network.
 */
public final class ClassVisualiser {
    private final String model;
    private final MultiLayerNetwork classifier;
    private final MultiLayerNetwork logits;
    private final float[] mean;

    public ClassVisualiser(String model, MultiLayerNetwork classifier, float[] mean) {
        this.model = model;
        this.classifier = classifier;
        this.logits = InputGradient.logitsNetwork(classifier);
        this.mean = mean.clone();
    }

    /** Loads a classifier by name or folder (see {@link DigitClassifier#load}) and the bundled digits' mean. */
    public static ClassVisualiser load(String nameOrPath) throws IOException {
        return new ClassVisualiser(nameOrPath, DigitClassifier.load(nameOrPath), ClassVisualisation.meanImage(MnistData.train()));
    }

    public String model() {
        return model;
    }

    /** How many classes the classifier tells apart. */
    public int classes() {
        return (int) logits.layerSize(logits.getnLayers() - 1);
    }

    /**
     * The inversion climbing Σ_k w_k · logit_k (one class: a single non-zero weight), with the same
     * transforms and regularisers as {@link ClassVisualisation#job} and a preview every {@code previewEvery} steps.
     */
    public Inversion job(double[] weights, ClassVisualisation.Options o, int previewEvery) {
        if (weights.length == 0 || weights.length > classes()) {
            throw new IllegalArgumentException("expected 1.." + classes() + " class weights, got " + weights.length);
        }
        boolean any = false;
        for (double w : weights) any |= w != 0;
        if (!any) throw new IllegalArgumentException("at least one class needs a non-zero weight");
        return new Inversion("class visualisation", logits, new ClassLogits(weights), o.start(mean, 1, Digits.SIDE, Digits.SIDE),
                o.settings(previewEvery));
    }

    /** The classifier's softmax probabilities for the result's image, one per class. */
    public double[] probabilities(Inversion.Result r) {
        INDArray p = classifier.output(r.image().castTo(DataType.FLOAT), false);
        double[] out = new double[(int) p.size(1)];
        for (int k = 0; k < out.length; k++) out[k] = p.getDouble(0, k);
        return out;
    }
}
