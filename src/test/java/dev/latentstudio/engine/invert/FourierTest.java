package dev.latentstudio.engine.invert;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.function.ToDoubleFunction;

import static dev.latentstudio.engine.invert.InversionGradientsTest.centralDifference;
import static dev.latentstudio.engine.invert.InversionGradientsTest.randomImage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fourier parameterisation: an exact round trip and an exact gradient, grey and colour, odd and even sizes. */
class FourierTest {

    @ParameterizedTest
    @CsvSource({"1, 6, 8", "1, 7, 5", "3, 8, 6", "3, 5, 9"})
    void imageToParametersAndBackIsTheSameImage(int c, int h, int w) {
        INDArray x = randomImage(11, c, h, w);
        Fourier f = Fourier.of(x);
        assertArrayEquals(new long[]{c, 2, h, w / 2 + 1}, f.params().shape());
        INDArray back = f.image();
        assertArrayEquals(x.shape(), back.shape());
        assertEquals(0, Transforms.abs(back.sub(x)).maxNumber().doubleValue(), 1e-12);
        // and in float, as the inversions hold it
        INDArray xf = x.castTo(DataType.FLOAT);
        assertEquals(0, Transforms.abs(Fourier.of(xf).image().sub(xf)).maxNumber().doubleValue(), 1e-5);
    }

    @ParameterizedTest
    @CsvSource({"1, 6, 8", "1, 7, 5", "3, 8, 6", "3, 5, 9"})
    void paramGradientMatchesCentralDifferences(int c, int h, int w) {
        Fourier f = Fourier.of(randomImage(12, c, h, w));
        INDArray y = randomImage(13, c, h, w);
        // a non-linear loss of the image: Σ y ⊙ sin(image) + ½ Σ image²
        ToDoubleFunction<INDArray> loss = p -> {
            INDArray img = f.image();
            return Transforms.sin(img).mul(y).sumNumber().doubleValue() + 0.5 * img.mul(img).sumNumber().doubleValue();
        };
        INDArray img = f.image();
        INDArray dImage = Transforms.cos(img).mul(y).add(img);
        INDArray g = f.paramGradient(dImage);
        assertArrayEquals(f.params().shape(), g.shape());
        INDArray flat = g.reshape(g.length());
        for (long i = 0; i < g.length(); i++) {
            assertEquals(centralDifference(loss, f.params(), i), flat.getDouble(i), 1e-7, "parameter " + i);
        }
    }

    @Test
    void lowFrequenciesWeighMoreThanHighOnes() {
        INDArray s = Fourier.frequencyWeight(16, 16);
        assertEquals(16 * (16 / 2 + 1), s.length());
        assertEquals(1, Math.sqrt(s.mul(s).meanNumber().doubleValue()), 1e-12, "unit root mean square");
        assertTrue(s.getDouble(0, 1) > s.getDouble(0, 4) && s.getDouble(0, 4) > s.getDouble(8, 8));
        assertEquals(s.getDouble(0, 0), s.getDouble(0, 1), 1e-12, "the constant term weighs as the lowest frequency");
        assertEquals(s.getDouble(1, 3), s.getDouble(15, 3), 1e-12, "negative row frequencies mirror positive ones");
    }

    @Test
    void colourMatrixInverts() {
        double[][] inv = Fourier.invert3(Fourier.COLOUR);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += Fourier.COLOUR[i][k] * inv[k][j];
                assertEquals(i == j ? 1 : 0, s, 1e-12);
            }
        }
    }

    @Test
    void seededNoiseIsReproducibleAndSmooth() {
        INDArray a = Fourier.noise(3, 16, 16, 0.1, 5).image(), b = Fourier.noise(3, 16, 16, 0.1, 5).image();
        assertEquals(a, b);
        // 1/f noise: neighbouring pixels agree far more than white noise's would
        INDArray x = a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 15));
        INDArray right = a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 16));
        double corr = x.sub(x.meanNumber()).mul(right.sub(right.meanNumber())).meanNumber().doubleValue()
                / (x.stdNumber().doubleValue() * right.stdNumber().doubleValue());
        assertTrue(corr > 0.5, "neighbour correlation " + corr);
    }
}
