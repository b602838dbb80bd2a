package dev.latentstudio.engine.face;

/**
 * An axis-aligned box in image pixels (x, y: top-left corner), with the box arithmetic face-api applies
 * between its networks, written to give the same numbers.
 */
public record FaceBox(double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    /**
     * The pixels a face crop takes, as face-api's Box.clipAtImageBorders: clipped to the image, then each of
     * x, y, width and height floored separately (so the crop can end a pixel before the box does).
     */
    public FaceBox clipAtImageBorders(int imageWidth, int imageHeight) {
        double cx = Math.max(x, 0), cy = Math.max(y, 0);
        double w = Math.min(right() - cx, imageWidth - cx), h = Math.min(bottom() - cy, imageHeight - cy);
        return new FaceBox(Math.floor(cx), Math.floor(cy), Math.floor(w), Math.floor(h));
    }

    /** Grown by padX in width and padY in height, about the same centre (Box.pad). */
    public FaceBox pad(double padX, double padY) {
        return new FaceBox(x - padX / 2, y - padY / 2, width + padX, height + padY);
    }

    public boolean isEmpty() {
        return !(width > 0 && height > 0);
    }

    /** Intersection over union, 0 when the boxes do not overlap. */
    public double iou(FaceBox o) {
        double iw = Math.min(right(), o.right()) - Math.max(x, o.x);
        double ih = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        return inter / (width * height + o.width * o.height - inter);
    }
}
