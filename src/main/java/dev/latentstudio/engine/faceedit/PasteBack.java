package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.face.OpenCv;
import dev.latentstudio.engine.face.Similarity;
import dev.latentstudio.engine.image.Images;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.awt.image.BufferedImage;

/**
 * Puts an edited chip back into the photo: OpenCV's bilinear warpAffine through the inverse of the alignment (each
 * photo pixel reads the chip where the alignment sent it), blended with the feathered face mask warped the same way.
 * Only the neighbourhood the chip covers is warped and touched, so a 4K photo costs what a webcam frame does; outside
 * the mask the photo's pixels are kept exactly.
 */
public final class PasteBack {
    private final BufferedImage photo;
    private final Similarity regionToChip;
    private final int x0, y0, width, height, side;
    private final int[] original;
    private final float[] mask; // the chip mask in region pixels

    /** {@code chipMask}: [side·side] in 0..1 ({@link FaceMask}); {@code photoToChip}: the alignment. */
    public PasteBack(BufferedImage photo, Similarity photoToChip, double[] chipMask, int side) {
        if (chipMask.length != side * side) throw new IllegalArgumentException("a " + side + "×" + side + " mask expected");
        this.photo = photo;
        this.side = side;
        Similarity chipToPhoto = photoToChip.inverse();
        double[] b = chipToPhoto.bounds(side, side);
        x0 = (int) Math.max(0, Math.floor(b[0]) - 1);
        y0 = (int) Math.max(0, Math.floor(b[1]) - 1);
        int x1 = (int) Math.min(photo.getWidth(), Math.ceil(b[2]) + 2), y1 = (int) Math.min(photo.getHeight(), Math.ceil(b[3]) + 2);
        width = Math.max(0, x1 - x0);
        height = Math.max(0, y1 - y0);
        // region pixel p is photo pixel p + (x0, y0)
        regionToChip = new Similarity(photoToChip.a(), photoToChip.b(),
                photoToChip.tx() + photoToChip.a() * x0 - photoToChip.b() * y0,
                photoToChip.ty() + photoToChip.b() * x0 + photoToChip.a() * y0);
        original = width * height == 0 ? new int[0] : photo.getRGB(x0, y0, width, height, null, 0, width);
        mask = warpMask(chipMask);
    }

    /** The photo's neighbourhood that a paste changes: x, y, width, height in photo pixels. */
    public java.awt.Rectangle region() {
        return new java.awt.Rectangle(x0, y0, width, height);
    }

    /** The warped mask at photo pixel (x, y): 0 outside the neighbourhood (where the photo is never changed). */
    double maskAt(int x, int y) {
        int rx = x - x0, ry = y - y0;
        return rx < 0 || ry < 0 || rx >= width || ry >= height ? 0 : mask[ry * width + rx];
    }

    /** The neighbourhood of the photo with the chip blended in (a preview: what changes, at the photo's scale). */
    public BufferedImage regionWith(BufferedImage chip) {
        BufferedImage out = new BufferedImage(Math.max(width, 1), Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
        if (width * height > 0) out.setRGB(0, 0, width, height, blend(chip), 0, width);
        return out;
    }

    /** A copy of the whole photo with the chip blended in. */
    public BufferedImage photoWith(BufferedImage chip) {
        BufferedImage out = Images.rgbCopy(photo);
        if (width * height > 0) out.setRGB(x0, y0, width, height, blend(chip), 0, width);
        return out;
    }

    private int[] blend(BufferedImage chip) {
        if (chip.getWidth() != side || chip.getHeight() != side) throw new IllegalArgumentException("a " + side + "×" + side + " chip expected");
        BufferedImage warped = warp(chip);
        int[] w = warped.getRGB(0, 0, width, height, null, 0, width);
        int[] out = new int[original.length];
        for (int i = 0; i < out.length; i++) {
            float m = mask[i];
            if (m <= 0) {
                out[i] = original[i];
                continue;
            }
            int o = original[i], e = w[i];
            int r = mix((o >> 16) & 0xff, (e >> 16) & 0xff, m), g = mix((o >> 8) & 0xff, (e >> 8) & 0xff, m), b = mix(o & 0xff, e & 0xff, m);
            out[i] = 0xff000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    private static int mix(int photo, int chip, float m) {
        return Math.round(photo + m * (chip - photo));
    }

    private BufferedImage warp(BufferedImage chip) {
        OpenCv.load();
        Mat src = OpenCv.toMat(chip), dst = new Mat(), m = matrix();
        try {
            Imgproc.warpAffine(src, dst, m, new Size(width, height), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP,
                    Core.BORDER_REPLICATE, new Scalar(0, 0, 0));
            return OpenCv.toImage(dst);
        } finally {
            src.release();
            dst.release();
            m.release();
        }
    }

    private float[] warpMask(double[] chipMask) {
        if (width * height == 0) return new float[0];
        OpenCv.load();
        float[] v = new float[chipMask.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) chipMask[i];
        Mat src = new Mat(side, side, CvType.CV_32F), dst = new Mat(), m = matrix();
        try {
            src.put(0, 0, v);
            Imgproc.warpAffine(src, dst, m, new Size(width, height), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP,
                    Core.BORDER_CONSTANT, new Scalar(0));
            float[] out = new float[width * height];
            dst.get(0, 0, out);
            return out;
        } finally {
            src.release();
            dst.release();
            m.release();
        }
    }

    /** region → chip, as warpAffine's inverse map. */
    private Mat matrix() {
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, regionToChip.matrix());
        return m;
    }
}
