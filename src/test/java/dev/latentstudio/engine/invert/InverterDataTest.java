package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A loaded classifier brings its own data: the mean image class jobs start from, its held-out pictures, its class names. */
class InverterDataTest {

    /** Mean absolute difference between a result's picture and a mean image. */
    private static double distance(Inversion.Result r, float[] mean) {
        float[] px = r.image().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        double sum = 0;
        for (int i = 0; i < mean.length; i++) sum += Math.abs(px[i] - mean[i]);
        return sum / mean.length;
    }

    @Test
    void theGarmentClassifierStartsFromTheMeanGarmentAndTheDigitClassifierFromTheMeanDigit() throws Exception {
        float[] garment = ClassVisualisation.meanImage(Dataset.FASHION.train()), digit = ClassVisualisation.meanImage(Dataset.DIGITS.train());
        ClassVisualisation.Options one = new ClassVisualisation.Options(1, 0, 0.01, 0.02, 0, 0, 1e-4, 0.1, false, false);
        double[] sneaker = new double[10];
        sneaker[7] = 1;

        ClassifierNet fashion = (ClassifierNet) InversionNet.of("fashion-cnn");
        assertEquals(Dataset.FASHION, fashion.data());
        assertEquals("Sneaker", fashion.classNames().get(7));
        Inversion.Result g = fashion.run(Technique.CLASS, Goal.classes(sneaker), InversionOptions.of(one).withPreviewEvery(1), new JobControl());
        assertTrue(distance(g, garment) < 0.5 * distance(g, digit), "one tiny step from the mean garment: "
                + distance(g, garment) + " from it, " + distance(g, digit) + " from the mean digit");

        ClassifierNet digits = (ClassifierNet) InversionNet.of(ModelStore.DEFAULT_CLASSIFIER);
        assertEquals(Dataset.DIGITS, digits.data());
        Inversion.Result d = digits.run(Technique.CLASS, Goal.classes(sneaker), InversionOptions.of(one).withPreviewEvery(1), new JobControl());
        assertTrue(distance(d, digit) < 0.5 * distance(d, garment), "the digits still start from the mean digit");

        fashion.start(null, 9_999); // one of the 10,000 test garments
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> digits.start(null, 9_999));
        assertTrue(e.getMessage().contains("0..1499"), e.getMessage());
    }
}
