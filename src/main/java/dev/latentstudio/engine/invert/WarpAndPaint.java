package dev.latentstudio.engine.invert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A picture moved by a {@link Warp} of its start plus a painted change held as a {@link Fourier} spectrum: the climb
 * can move what is there (a mouth corner up) and paint what is not (a wrinkle). One flat parameter array for the
 * optimiser: the warp's control points first (scaled by {@code flowScale}, so one optimiser step moves them by about
 * flowScale times its rate in pixels), then the spectrum (scaled by {@code paintScale}: below 1 the paint moves more
 * slowly than a spectrum of its own would, so the climb moves what it can before it paints).
 */
public final class WarpAndPaint implements Parameterisation {
    private final Warp warp;
    private final Fourier paint;
    private final double flowScale, paintScale;
    private final long nw;
    private final INDArray flat;

    private WarpAndPaint(INDArray start, int spacing, double flowScale, double paintScale) {
        if (!(flowScale > 0) || !(paintScale > 0)) {
            throw new IllegalArgumentException("the flow and paint scales must be > 0, got " + flowScale + " and " + paintScale);
        }
        warp = Warp.of(start, spacing);
        paint = Fourier.of(start.mul(0));
        this.flowScale = flowScale;
        this.paintScale = paintScale;
        nw = warp.params().length();
        flat = Nd4j.zeros(start.dataType(), nw + paint.params().length());
    }

    public static WarpAndPaint of(INDArray start, int spacing, double flowScale, double paintScale) {
        return new WarpAndPaint(start, spacing, flowScale, paintScale);
    }

    private void sync() {
        warp.params().assign(flat.get(NDArrayIndex.interval(0, nw)).mul(flowScale).reshape(warp.params().shape()));
        paint.params().assign(flat.get(NDArrayIndex.interval(nw, flat.length())).mul(paintScale).reshape(paint.params().shape()));
    }

    @Override
    public INDArray params() {
        return flat;
    }

    @Override
    public INDArray image() {
        sync();
        return warp.image().addi(paint.image());
    }

    /** The painted part alone (the image less the warped start), [1, c, H, W]. */
    public INDArray painted() {
        sync();
        return paint.image();
    }

    /** The warp's field and the paint (which holds what clipping took too: see {@link #setImage}). */
    @Override
    public Moved moved() {
        sync();
        Moved m = warp.moved();
        double[] p = Planes.values(paint.image());
        if (m.painted() != null) for (int i = 0; i < p.length; i++) p[i] += m.painted()[i];
        return new Moved(m.channels(), m.height(), m.width(), m.dy(), m.dx(), p);
    }

    @Override
    public INDArray paramGradient(INDArray imageGradient) {
        sync();
        INDArray gw = warp.paramGradient(imageGradient).reshape(nw).muli(flowScale);
        INDArray gp = paint.paramGradient(imageGradient).reshape(flat.length() - nw).muli(paintScale);
        return Nd4j.concat(0, gw.castTo(flat.dataType()), gp.castTo(flat.dataType()));
    }

    @Override
    public void setImage(INDArray image) {
        sync();
        paint.setImage(image.sub(warp.image()));
        flat.get(NDArrayIndex.interval(nw, flat.length())).assign(paint.params().reshape(flat.length() - nw).div(paintScale));
    }
}
