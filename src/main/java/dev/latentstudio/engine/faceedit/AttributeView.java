package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.face.Point2;
import dev.latentstudio.engine.face.Similarity;
import dev.latentstudio.engine.invert.Bilinear;
import dev.latentstudio.engine.invert.Transform;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * What the attribute nets see of the chip while it is edited: the face-api input that FaceAttributeReader cuts from the
 * photo afterwards (the landmarks' aligned rect, clipped and floored, padded to a square, resized to 112 as
 * tf.image.resizeBilinear without half-pixel centres), with every input pixel that comes from inside the 150 chip read
 * from the chip through a fixed bilinear map, and the rest (the square's black padding, photo outside the chip) held
 * at what the photo gives. Values stay pictures in [-1, 1]; the nets' normalisation follows as its own transform.
 * The map is affine, so its adjoint is the bilinear map's on the chip pixels.
 */
public final class AttributeView implements Transform {
    private final Bilinear map;
    private final INDArray fromChip;  // [1, 3, s, s]: 1 where the input reads the chip, else 0
    private final INDArray fixed;     // [1, 3, s, s]: the photo's input where it does not

    /**
     * @param photo     the photo the face was found in
     * @param rect      the landmarks' aligned rect in photo pixels
     * @param photoToChip the alignment (photo pixels to chip pixels)
     * @param chip      the chip's side
     * @param size      the nets' input side
     */
    public AttributeView(BufferedImage photo, FaceBox rect, Similarity photoToChip, int chip, int size) {
        FaceBox c = FaceTensors.region(photo, rect);
        int w = (int) c.width(), h = (int) c.height(), side = Math.max(w, h), diff = side - Math.min(w, h);
        int before = diff - (int) Math.round(diff * 0.5);
        int offX = w < h ? before : 0, offY = h < w ? before : 0;
        double ratio = (double) side / size;
        double[] inside = new double[size * size];
        map = Bilinear.of(chip, chip, size, size, (y, x, yx) -> {
            double sx = ratio * x, sy = ratio * y; // square coordinates, as resizeBilinear reads them
            Point2 p = photoToChip.apply(new Point2(c.x() + sx - offX, c.y() + sy - offY));
            boolean inRegion = sx >= offX && sx <= offX + w - 1 && sy >= offY && sy <= offY + h - 1;
            boolean inChip = p.x() >= 0 && p.x() <= chip - 1 && p.y() >= 0 && p.y() <= chip - 1;
            inside[y * size + x] = inRegion && inChip ? 1 : 0;
            yx[0] = p.y();
            yx[1] = p.x();
        });
        double[] m3 = new double[3 * size * size];
        for (int ch = 0; ch < 3; ch++) System.arraycopy(inside, 0, m3, ch * size * size, size * size);
        fromChip = Nd4j.create(m3, new long[]{1, 3, size, size}, 'c');
        INDArray photoInput = FaceTensors.netInput(photo, rect, size).castTo(DataType.DOUBLE).divi(127.5).subi(1);
        fixed = photoInput.mul(fromChip.rsub(1));
    }

    /** The share of the nets' input that comes from the chip (the rest is fixed by the photo). */
    public double chipShare() {
        return fromChip.meanNumber().doubleValue();
    }

    /** The nets' input (a picture in [-1, 1], [1, 3, size, size]) for a chip [1, 3, chip, chip]. */
    public INDArray view(INDArray chip) {
        INDArray x = map.apply(chip).castTo(DataType.DOUBLE).muli(fromChip).addi(fixed);
        return x.castTo(chip.dataType());
    }

    @Override
    public Applied apply(INDArray image, Random rnd) {
        INDArray out = view(image);
        return new Applied() {
            @Override
            public INDArray image() {
                return out;
            }

            @Override
            public INDArray pullBack(INDArray gradient) {
                return map.adjoint(gradient.castTo(DataType.DOUBLE).mul(fromChip)).castTo(gradient.dataType());
            }
        };
    }
}
