package dev.latentstudio.engine.face;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** The input of face-api's 112×112 face-crop nets: crops padded centred to squares, resized, mean-subtracted, /255. */
final class FaceCrops {

    static final int SIZE = 112;
    private static final INDArray MEAN_RGB = Nd4j.createFromArray(122.782f, 117.001f, 104.298f);

    private FaceCrops() {
    }

    static INDArray normalised(List<RgbImage> faces) {
        return NetInput.batchTensor(faces, SIZE, true).subi(MEAN_RGB).divi(255);
    }
}
