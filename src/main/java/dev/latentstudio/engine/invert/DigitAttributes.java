package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.data.Digits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The attributes a digit image has, for the cGMM: its class (0-9) and two measurable properties of
 * the pixels, stroke thickness (thin / thick) and slant (slant-left / slant-right). Both are
 * deterministic functions of the image; the middle third of each stays unlabelled, so "thick" means
 * clearly thick. Attribute indices: 0-9 the classes, then {@link #THIN}, {@link #THICK}, {@link #LEFT},
 * {@link #RIGHT}.
 * <p>
 * The cut-offs are the terciles of the 8,500 training digits, measured once with {@link #thickness}
 * (1.75, 2.20 px; median 1.97) and {@link #slant} (0.006, 0.248; median 0.125: most handwriting leans
 * right), rounded; so each of the four attributes holds about a third of them, and "slant-left" is a
 * digit that leans left at all.
 */
public final class DigitAttributes {
    public static final int THIN = 10, THICK = 11, LEFT = 12, RIGHT = 13, COUNT = 14;
    public static final List<String> NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
            "thin", "thick", "slant-left", "slant-right");
    /** Terciles of {@link #thickness} and of {@link #slant} over the training split. */
    static final double THIN_BELOW = 1.75, THICK_ABOVE = 2.20, LEFT_BELOW = 0.0, RIGHT_ABOVE = 0.25;

    private DigitAttributes() {
    }

    /**
     * Mean stroke width in pixels: 2 · ink area / ink outline length. A stroke of width t and length L
     * covers about t·L pixels inside an outline of about 2·L edges, so this is t whatever the digit's
     * shape, with no skeleton needed. Ink is a pixel brighter than mid-grey; the outline counts the
     * pixel edges between ink and background (the image border counts as background).
     */
    public static double thickness(float[] px) {
        check(px);
        int ink = 0, edges = 0, s = Digits.SIDE;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                if (!ink(px, y, x)) continue;
                ink++;
                if (!ink(px, y - 1, x)) edges++;
                if (!ink(px, y + 1, x)) edges++;
                if (!ink(px, y, x - 1)) edges++;
                if (!ink(px, y, x + 1)) edges++;
            }
        }
        return edges == 0 ? 0 : 2.0 * ink / edges;
    }

    /**
     * How far the strokes lean right, in pixels sideways per pixel up: −μ11/μ02 of the intensity-weighted
     * central moments (the slope of the regression of x on y, with y pointing down). 0 for an upright
     * digit, positive leaning right, negative leaning left, 0 for a blank image.
     */
    public static double slant(float[] px) {
        check(px);
        double m = 0, mx = 0, my = 0, s = Digits.SIDE;
        for (int i = 0; i < px.length; i++) {
            double v = weight(px[i]);
            m += v;
            mx += v * (i % Digits.SIDE);
            my += v * (i / Digits.SIDE);
        }
        if (m == 0) return 0;
        mx /= m;
        my /= m;
        double mu11 = 0, mu02 = 0;
        for (int i = 0; i < px.length; i++) {
            double v = weight(px[i]), dx = i % Digits.SIDE - mx, dy = i / Digits.SIDE - my;
            mu11 += v * dx * dy;
            mu02 += v * dy * dy;
        }
        return mu02 == 0 ? 0 : -mu11 / mu02;
    }

    /** The attribute indices of a digit with this label (CHW pixels in [-1, 1]): the class first, then thin/thick, then the slant. */
    public static int[] of(float[] px, int label) {
        if (label < 0 || label > 9) throw new IllegalArgumentException("label must be 0-9, got " + label);
        List<Integer> a = new ArrayList<>(List.of(label));
        double t = thickness(px), sl = slant(px);
        if (t < THIN_BELOW) a.add(THIN);
        else if (t > THICK_ABOVE) a.add(THICK);
        if (sl < LEFT_BELOW) a.add(LEFT);
        else if (sl > RIGHT_ABOVE) a.add(RIGHT);
        return a.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every digit's attributes, in order. */
    public static int[][] of(Digits d) {
        int[][] out = new int[d.size()][];
        for (int i = 0; i < out.length; i++) out[i] = of(d.image(i), d.labels()[i]);
        return out;
    }

    /**
     * A wanted attribute set from text such as "3", "3,thick" or "7, thin, slant-right" (case and spaces
     * ignored; "left"/"right" stand for the slants). Sorted, without repeats; contradictions are refused.
     */
    public static int[] parse(String text) {
        int[] out = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(DigitAttributes::index).distinct().sorted().toArray();
        if (out.length == 0) throw new IllegalArgumentException("name at least one attribute: " + String.join(", ", NAMES));
        List<Integer> set = Arrays.stream(out).boxed().toList();
        if (set.contains(THIN) && set.contains(THICK)) throw new IllegalArgumentException("a digit cannot be both thin and thick");
        if (set.contains(LEFT) && set.contains(RIGHT)) throw new IllegalArgumentException("a digit cannot slant both left and right");
        return out;
    }

    /** An attribute's index by name; a clear error listing the names otherwise. */
    public static int index(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("left")) n = "slant-left";
        if (n.equals("right")) n = "slant-right";
        int i = NAMES.indexOf(n);
        if (i < 0) throw new IllegalArgumentException("unknown attribute '" + name + "'; the attributes are " + String.join(", ", NAMES));
        return i;
    }

    /** "3+thick" for file names and labels. */
    public static String describe(int[] attrs) {
        return String.join("+", Arrays.stream(attrs).mapToObj(NAMES::get).toList());
    }

    private static boolean ink(float[] px, int y, int x) {
        return y >= 0 && x >= 0 && y < Digits.SIDE && x < Digits.SIDE && px[y * Digits.SIDE + x] > 0;
    }

    /** Ink intensity in [0, 1] from a pixel in [-1, 1]. */
    private static double weight(float v) {
        return (Math.max(-1, Math.min(1, v)) + 1) / 2;
    }

    private static void check(float[] px) {
        if (px.length != Digits.PIXELS) throw new IllegalArgumentException("expected a 28×28 digit, got " + px.length + " values");
    }
}
