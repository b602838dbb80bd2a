package dev.latentstudio.engine.face;

/** A face found in a picture: the detector's score and the box in the picture's pixels (x, y top-left). */
public record FaceDetection(double score, double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    /** Intersection over union of the two boxes; 0 when either is empty. */
    public double iou(FaceDetection o) {
        double iw = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        double ih = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        double inter = iw * ih, union = width * height + o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
