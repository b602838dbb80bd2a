package dev.latentstudio.engine.job;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * One progress event of a {@link Job}: where it is, the named figures it wants shown (losses,
 * images/s, ...) and, now and then, a preview image. Plain data so the CLI and the app can both show it.
 */
public record Progress(long step, long total, Map<String, Double> metrics, BufferedImage preview, String message) {

    public double fraction() {
        return total <= 0 ? 0 : Math.min(1.0, (double) step / total);
    }

    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
