package dev.latentstudio.app.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * Frame times of a live canvas: when each new frame was put on screen, over the last {@link #WINDOW}
 * frames. Tests and the on-screen counter read the same figures, so "holds 60 fps" is measured, not assumed.
 */
public final class FrameStats {
    public static final int WINDOW = 240;
    private final long[] intervals = new long[WINDOW];
    /** How long each frame took to render, apart from when it was asked for: a drag's intervals follow the pointer. */
    private final long[] renders = new long[WINDOW];
    private int count, renderCount;
    private long frames;
    private long last = -1;

    /** A frame was presented at {@code nanos} (System.nanoTime on the FX thread). */
    public synchronized void presented(long nanos) {
        if (last >= 0) intervals[count++ % WINDOW] = nanos - last;
        last = nanos;
        frames++;
    }

    /** A frame took {@code nanos} to render (the generator's forward pass and the pixels). */
    public synchronized void rendered(long nanos) {
        renders[renderCount++ % WINDOW] = nanos;
    }

    /** Forget the intervals (e.g. after a pause, whose gap is no frame time). */
    public synchronized void restart() {
        count = 0;
        renderCount = 0;
        last = -1;
    }

    public synchronized long frames() {
        return frames;
    }

    /** Frames per second over the window (0 with fewer than two frames). */
    public synchronized double fps() {
        double mean = mean();
        return mean > 0 ? 1e9 / mean : 0;
    }

    /** Frame-time percentile in ms over the window (q in [0, 1]); NaN with fewer than two frames. */
    public synchronized double percentileMs(double q) {
        return percentile(intervals, count, q);
    }

    /** Render-time percentile in ms over the window; NaN before a frame was rendered. */
    public synchronized double renderPercentileMs(double q) {
        return percentile(renders, renderCount, q);
    }

    private static double percentile(long[] values, int count, double q) {
        int n = Math.min(count, WINDOW);
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return s[(int) Math.min(n - 1, Math.floor(q * n))] / 1e6;
    }

    private double mean() {
        int n = Math.min(count, WINDOW);
        if (n == 0) return 0;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += intervals[i];
        return (double) sum / n;
    }

    /** "59.9 fps · median 16.7 ms · p99 18.2 ms · render p99 3.1 ms", or empty before two frames. */
    public synchronized String summary() {
        if (Math.min(count, WINDOW) == 0) return "";
        return String.format(Locale.ROOT, "%.1f fps · median %.1f ms · p99 %.1f ms", fps(), percentileMs(0.5), percentileMs(0.99))
                + (renderCount > 0 ? String.format(Locale.ROOT, " · render p99 %.1f ms", renderPercentileMs(0.99)) : "");
    }
}
