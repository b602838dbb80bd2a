package dev.latentstudio.engine.face;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Loads OpenCV's natives once and moves pictures between BufferedImage and 8-bit BGR Mats. */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    /** Extracts and loads the natives bundled in the openpnp jar; later calls do nothing. */
    public static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }

    /** A copy of an 8-bit BGR (3 channels) or grey (1 channel) Mat as a BufferedImage with the same bytes. */
    public static BufferedImage toImage(Mat mat) {
        int type;
        if (mat.type() == CvType.CV_8UC3) {
            type = BufferedImage.TYPE_3BYTE_BGR;
        } else if (mat.type() == CvType.CV_8UC1) {
            type = BufferedImage.TYPE_BYTE_GRAY;
        } else {
            throw new IllegalArgumentException("expected an 8-bit BGR or grey Mat, got " + CvType.typeToString(mat.type()));
        }
        BufferedImage img = new BufferedImage(mat.cols(), mat.rows(), type);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat contiguous = mat.isContinuous() ? mat : mat.clone();
        contiguous.get(0, 0, pixels);
        return img;
    }

    /** An 8-bit BGR Mat holding the picture (alpha dropped); the caller releases it. */
    public static Mat toMat(BufferedImage img) {
        BufferedImage bgr = img;
        // a sub-image shares its parent's larger buffer, so only a whole BGR image can be copied as it is
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR
                || img.getRaster().getDataBuffer().getSize() != img.getWidth() * img.getHeight() * 3) {
            bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(img, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        Mat mat = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        mat.put(0, 0, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
        return mat;
    }
}
