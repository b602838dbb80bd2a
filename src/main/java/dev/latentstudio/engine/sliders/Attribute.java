package dev.latentstudio.engine.sliders;

import java.util.List;
import java.util.Locale;

/**
 * A property of a picture measured from its pixels alone, the quantities the attribute sliders move.
 * Pictures are CHW floats in [-1, 1]; colour is averaged to grey, and intensity v = (x + 1) / 2 is
 * the amount of ink (digits and garments are bright on black).
 */
public enum Attribute {
    /**
     * Mean stroke width in px: 2 · ink / outline, with ink the summed intensity and the outline its total
     * variation (summed differences between neighbours). A stroke of width t and length L holds t·L
     * ink inside an outline of 2·L, so this is t whatever the digit's shape; on grey levels it moves
     * smoothly, where counting thresholded pixels jumps.
     */
    THICKNESS("thickness"),
    /** Lean to the right, px sideways per px up: −μ11/μ02 of the intensity-weighted moments. */
    SLANT("slant"),
    /** 4 standard deviations of the ink's x positions (its ±2σ extent), px. */
    WIDTH("width"),
    /** The same along y. */
    HEIGHT("height"),
    /**
     * How strong the pen was: the 90th percentile of intensity over the strokes (intensity above 0.1),
     * the strokes' core, so a thin line of a strong pen scores as high as a thick one (a mean would
     * count a thin line's soft edges against it).
     */
    INK("ink"),
    /** Share of the picture the object covers (intensity above 0.1). */
    SIZE("size"),
    /** Mean intensity over the object. */
    BRIGHTNESS("brightness"),
    /**
     * How much the object's own pattern varies (a print, folds, seams): the mean |difference| of neighbouring pixels,
     * each pair weighted by the fainter of the two, so the outline against the black counts for little. The spread of
     * intensity over the object, measured before, was mostly the outline's and the generator barely follows it (40 %
     * of samples monotonic on the garment model, this 86 %).
     */
    CONTRAST("contrast"),
    /**
     * The correlation of the picture with its mirror image (left-right): 1 for a mirror-symmetric picture. No
     * threshold, so a stroke fading in does not make it jump (1 − mean |v − mirror| over the object's pixels: 59 %
     * monotonic, cross-talk 0.22; this 63–65 %, 0.03).
     */
    SYMMETRY("symmetry");

    public static final List<Attribute> DIGITS = List.of(THICKNESS, SLANT, WIDTH, HEIGHT, INK);
    public static final List<Attribute> GARMENTS = List.of(SIZE, BRIGHTNESS, CONTRAST, SYMMETRY);

    public final String label;

    Attribute(String label) {
        this.label = label;
    }

    public static Attribute of(String name) {
        for (Attribute a : values()) if (a.label.equals(name.strip().toLowerCase(Locale.ROOT))) return a;
        throw new IllegalArgumentException("unknown attribute '" + name + "'; the attributes are "
                + String.join(", ", java.util.Arrays.stream(values()).map(a -> a.label).toList()));
    }

    /** The attribute on a c×h×w picture in [-1, 1]. */
    public double measure(float[] chw, int c, int h, int w) {
        return measure(intensity(chw, c, h, w), h, w);
    }

    /** The attribute on a picture's h×w intensities in [0, 1]. */
    private double measure(double[] v, int h, int w) {
        return switch (this) {
            case THICKNESS -> thickness(v, h, w);
            case SLANT, WIDTH, HEIGHT -> moments(v, h, w);
            case INK -> percentile(v, 0.9);
            case BRIGHTNESS -> brightness(v);
            case CONTRAST -> pattern(v, h, w);
            case SIZE -> {
                int n = 0;
                for (double x : v) if (x > OBJECT) n++;
                yield n / (double) v.length;
            }
            case SYMMETRY -> symmetry(v, h, w);
        };
    }

    /** Every attribute of every picture in an NCHW batch: [picture][attribute]. */
    public static double[][] measureAll(org.nd4j.linalg.api.ndarray.INDArray x, List<Attribute> attributes) {
        int b = (int) x.size(0), c = (int) x.size(1), h = (int) x.size(2), w = (int) x.size(3), per = c * h * w;
        float[] all = x.dup('c').data().asFloat();
        double[][] out = new double[b][attributes.size()];
        for (int j = 0; j < b; j++) {
            double[] v = intensity(java.util.Arrays.copyOfRange(all, j * per, (j + 1) * per), c, h, w); // once per picture
            for (int a = 0; a < attributes.size(); a++) out[j][a] = attributes.get(a).measure(v, h, w);
        }
        return out;
    }

    private static final double OBJECT = 0.1;

    private static double[] intensity(float[] chw, int c, int h, int w) {
        if (chw.length != c * h * w) throw new IllegalArgumentException("expected " + c + "×" + h + "×" + w + " values, got " + chw.length);
        double[] v = new double[h * w];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < v.length; i++) v[i] += (Math.max(-1, Math.min(1, chw[k * h * w + i])) + 1) / 2 / c;
        }
        return v;
    }

    private static double thickness(double[] v, int h, int w) {
        double ink = 0, outline = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double here = v[y * w + x];
                ink += here;
                // differences to the right and below; past the border the picture is black
                outline += Math.abs(here - (x + 1 < w ? v[y * w + x + 1] : 0)) + Math.abs(here - (y + 1 < h ? v[(y + 1) * w + x] : 0));
                if (x == 0) outline += here;
                if (y == 0) outline += here;
            }
        }
        return outline == 0 ? 0 : 2.0 * ink / outline;
    }

    private double moments(double[] v, int h, int w) {
        double m = 0, mx = 0, my = 0;
        for (int i = 0; i < v.length; i++) {
            m += v[i];
            mx += v[i] * (i % w);
            my += v[i] * (i / w);
        }
        if (m == 0) return 0;
        mx /= m;
        my /= m;
        double mu11 = 0, mu20 = 0, mu02 = 0;
        for (int i = 0; i < v.length; i++) {
            double dx = i % w - mx, dy = i / w - my;
            mu11 += v[i] * dx * dy;
            mu20 += v[i] * dx * dx;
            mu02 += v[i] * dy * dy;
        }
        return switch (this) {
            case SLANT -> mu02 == 0 ? 0 : -mu11 / mu02;
            case WIDTH -> 4 * Math.sqrt(mu20 / m);
            default -> 4 * Math.sqrt(mu02 / m);
        };
    }

    private static double percentile(double[] v, double q) {
        double[] object = java.util.Arrays.stream(v).filter(x -> x > OBJECT).sorted().toArray();
        return object.length == 0 ? 0 : object[(int) Math.min(object.length - 1, Math.floor(q * object.length))];
    }

    private static double brightness(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (x <= OBJECT) continue;
            s += x;
            n++;
        }
        return n == 0 ? 0 : s / n;
    }

    private static double pattern(double[] v, int h, int w) {
        double s = 0, n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = v[y * w + x];
                if (x + 1 < w) {
                    double b = v[y * w + x + 1], m = Math.min(a, b);
                    s += m * Math.abs(a - b);
                    n += m;
                }
                if (y + 1 < h) {
                    double b = v[(y + 1) * w + x], m = Math.min(a, b);
                    s += m * Math.abs(a - b);
                    n += m;
                }
            }
        }
        return n == 0 ? 0 : s / n;
    }

    private static double symmetry(double[] v, int h, int w) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = v[y * w + x], b = v[y * w + w - 1 - x];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return va <= 1e-12 || vb <= 1e-12 ? 1 : (sab - sa * sb / n) / Math.sqrt(va * vb); // a flat picture is its own mirror
    }
}
