package dev.latentstudio.engine.face;

import java.util.Arrays;

/**
 * 68 facial landmarks in image pixels (iBUG 300-W order: jaw 0–16, brows 17–26, nose 27–35, eyes 36–47,
 * mouth 48–67), x, y interleaved, with the crop the landmark net saw. The two alignments are face-api's:
 * {@link #alignedRect()} frames age/gender and expressions, {@link #dlibRect()} frames the descriptor.
 */
public record FaceLandmarks68(double[] xy, FaceBox crop) {
    public static final int POINTS = 68;
    // face-api's dlib alignment constants: the face centre sits at (0.5, 0.43) of a box 1/0.45 eye-to-mouth wide
    private static final double REL_X = 0.5, REL_Y = 0.43, REL_SCALE = 0.45;

    public FaceLandmarks68 {
        if (xy.length != 2 * POINTS) throw new IllegalArgumentException("68 points expected, got " + xy.length / 2);
        xy = xy.clone();
    }

    @Override
    public double[] xy() {
        return xy.clone();
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    /**
     * Maps a landmark net's raw output (relative to its square input) to image pixels, as face-api's
     * FaceLandmark68NetBase.postProcess and FaceLandmarks: undo the centred padding (the float32 tensor maths
     * kept in float), scale by the crop, shift by the detection's corner. face-api shifts by the unfloored
     * detection box while the crop starts at the floored one; that is kept, it is part of its output.
     */
    public static FaceLandmarks68 fromRaw(float[] raw, int inputSize, FaceBox crop, double shiftX, double shiftY) {
        double w = crop.width(), h = crop.height(), scale = inputSize / Math.max(w, h);
        float sw = (float) (w * scale), sh = (float) (h * scale);
        float padX = w < h ? (float) (Math.abs(w * scale - h * scale) / 2) : 0;
        float padY = h < w ? (float) (Math.abs(w * scale - h * scale) / 2) : 0;
        double[] xy = new double[2 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            float rx = (raw[2 * i] * inputSize - padX) / sw, ry = (raw[2 * i + 1] * inputSize - padY) / sh;
            xy[2 * i] = rx * w + shiftX;
            xy[2 * i + 1] = ry * h + shiftY;
        }
        return new FaceLandmarks68(xy, crop);
    }

    /** face-api's alignedRect: the landmarks' bounding box grown by 20% in each dimension. */
    public FaceBox alignedRect() {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = 0, maxY = 0;
        for (int i = 0; i < POINTS; i++) {
            minX = Math.min(minX, x(i));
            minY = Math.min(minY, y(i));
            maxX = Math.max(maxX, x(i));
            maxY = Math.max(maxY, y(i));
        }
        double w = maxX - minX, h = maxY - minY;
        return new FaceBox(minX, minY, w, h).pad(w * 0.2, h * 0.2);
    }

    /**
     * face-api's dlib-style alignment (what its descriptors are computed on): a square of side
     * ⌊mean eye-to-mouth distance / 0.45⌋ placed so the centroid of the eye and mouth centres sits at (0.5, 0.43).
     */
    public FaceBox dlibRect() {
        double[] left = centre(36, 42), right = centre(42, 48), mouth = centre(48, 68);
        double eyeToMouth = (Math.hypot(mouth[0] - left[0], mouth[1] - left[1])
                + Math.hypot(mouth[0] - right[0], mouth[1] - right[1])) / 2;
        double size = Math.floor(eyeToMouth / REL_SCALE);
        double refX = (left[0] + right[0] + mouth[0]) / 3, refY = (left[1] + right[1] + mouth[1]) / 3;
        double x = Math.floor(Math.max(0, refX - REL_X * size)), y = Math.floor(Math.max(0, refY - REL_Y * size));
        // face-api bounds the side by its landmarks' image, which is the crop: min(size, cropWidth + x)
        return new FaceBox(x, y, Math.min(size, crop.width() + x), Math.min(size, crop.height() + y));
    }

    private double[] centre(int from, int to) {
        double sx = 0, sy = 0;
        for (int i = from; i < to; i++) {
            sx += x(i);
            sy += y(i);
        }
        return new double[]{sx / (to - from), sy / (to - from)};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceLandmarks68 l && Arrays.equals(xy, l.xy) && crop.equals(l.crop);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xy) + crop.hashCode();
    }

    @Override
    public String toString() {
        return "FaceLandmarks68[crop=" + crop + ", first=(" + x(0) + ", " + y(0) + ")]";
    }
}
