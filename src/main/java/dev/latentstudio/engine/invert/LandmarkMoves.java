package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FaceLandmarks68;

import java.util.List;
import java.util.Locale;

/**
 * Where the landmark move sends the 68 points (iBUG order), as a displacement of each point in photo pixels
 * (dx, dy interleaved, y down; 0 for the points left alone). The named moves, each PX in size:
 * <pre>
 * mouth_open  upper lip (50–52, 61–63) up PX/2, lower lip (56–58, 65–67) down PX/2: the lips part by PX
 * brows_up    both brows (17–26) up PX
 * eyes_wide   upper lids (37, 38, 43, 44) up PX/2, lower lids (40, 41, 46, 47) down PX/2
 * smile       mouth corners (48, 60 and 54, 64) PX outwards and up at 45°
 * </pre>
 * or one point {@code K=dx,dy} ({@code K=dx,dy,mirror}: its mirror partner too, the same move reflected left to right;
 * {@code K=dx,dy,group}: every point of its {@link #GROUPS feature group}, rigidly). Moves add up.
 */
public final class LandmarkMoves {
    public static final List<String> NAMES = List.of("mouth_open", "brows_up", "eyes_wide", "smile");
    private static final int[] UPPER_LIP = {50, 51, 52, 61, 62, 63}, LOWER_LIP = {56, 57, 58, 65, 66, 67};
    private static final int[] UPPER_LIDS = {37, 38, 43, 44}, LOWER_LIDS = {40, 41, 46, 47};

    private LandmarkMoves() {
    }

    /** No move yet: 136 zeros. */
    public static double[] none() {
        return new double[2 * FaceLandmarks68.POINTS];
    }

    /** {@code d} plus the named move of {@code px} pixels; an error naming the moves for an unknown one. */
    public static double[] plus(double[] d, String name, double px) {
        double[] out = check(d).clone();
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "mouth_open" -> {
                for (int k : UPPER_LIP) out[2 * k + 1] -= px / 2;
                for (int k : LOWER_LIP) out[2 * k + 1] += px / 2;
            }
            case "brows_up" -> {
                for (int k = 17; k <= 26; k++) out[2 * k + 1] -= px;
            }
            case "eyes_wide" -> {
                for (int k : UPPER_LIDS) out[2 * k + 1] -= px / 2;
                for (int k : LOWER_LIDS) out[2 * k + 1] += px / 2;
            }
            case "smile" -> {
                double a = px / Math.sqrt(2);
                for (int k : new int[]{48, 60}) {
                    out[2 * k] -= a;
                    out[2 * k + 1] -= a;
                }
                for (int k : new int[]{54, 64}) {
                    out[2 * k] += a;
                    out[2 * k + 1] -= a;
                }
            }
            default -> throw new IllegalArgumentException("no move '" + name + "'; known: " + NAMES + ", or a point K=dx,dy[,mirror][,group] (K 0..67)");
        }
        return out;
    }

    /** {@code d} plus point {@code k} moved by (dx, dy). */
    public static double[] plus(double[] d, int k, double dx, double dy) {
        if (k < 0 || k >= FaceLandmarks68.POINTS) throw new IllegalArgumentException("landmark index must be 0..67, got " + k);
        double[] out = check(d).clone();
        out[2 * k] += dx;
        out[2 * k + 1] += dy;
        return out;
    }

    /**
     * {@code d} plus point {@code k} moved by (dx, dy) and, when {@code mirrored}, its {@link #partner} by (−dx, dy): a
     * dragged mouth corner takes the other with it. A point on the face's midline has no partner but itself. When
     * {@code grouped}, every point of k's {@link #group} moves by the same (dx, dy), and with {@code mirrored} every
     * point of the partner's group by (−dx, dy) when that is another group (a brow takes the other brow; the mouth,
     * nose and jaw are their own mirror and move once).
     */
    public static double[] plus(double[] d, int k, double dx, double dy, boolean mirrored, boolean grouped) {
        int p = partner(k);
        int[] own = grouped ? group(k).points() : new int[]{k}, other = grouped ? group(p).points() : new int[]{p};
        double[] out = check(d).clone();
        for (int i : own) out = plus(out, i, dx, dy);
        if (mirrored && other[0] != own[0]) for (int i : other) out = plus(out, i, -dx, dy);
        return out;
    }

    /** A feature group of the iBUG 68 points, {@code from}..{@code to} inclusive; right and left as the person's own. */
    public record Group(String name, int from, int to) {
        public int[] points() {
            return java.util.stream.IntStream.rangeClosed(from, to).toArray();
        }

        public boolean contains(int k) {
            return k >= from && k <= to;
        }
    }

    /** The iBUG 68 feature groups, in index order, together every point once. */
    public static final List<Group> GROUPS = List.of(new Group("jaw", 0, 16), new Group("right_brow", 17, 21),
            new Group("left_brow", 22, 26), new Group("nose", 27, 35), new Group("right_eye", 36, 41), new Group("left_eye", 42, 47),
            new Group("outer_mouth", 48, 59), new Group("inner_mouth", 60, 67));

    /** The feature group point {@code k} belongs to. */
    public static Group group(int k) {
        for (Group g : GROUPS) if (g.contains(k)) return g;
        throw new IllegalArgumentException("landmark index must be 0..67, got " + k);
    }

    /**
     * The point's mirror image across the face's midline in the iBUG 68 order (jaw 0↔16, brows 17↔26, nostrils 31↔35,
     * eyes 36↔45, lips 48↔54, 60↔64, …); a midline point (8, 27–30, 33, 51, 57, 62, 66) is its own.
     */
    public static int partner(int k) {
        if (k < 0 || k >= FaceLandmarks68.POINTS) throw new IllegalArgumentException("landmark index must be 0..67, got " + k);
        return PARTNERS[k];
    }

    // each pair once; every other point is on the midline
    private static final int[][] PAIRS = {{0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9},
            {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22}, {31, 35}, {32, 34},
            {36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46},
            {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, {60, 64}, {61, 63}, {65, 67}};
    private static final int[] PARTNERS = new int[FaceLandmarks68.POINTS];

    static {
        for (int k = 0; k < PARTNERS.length; k++) PARTNERS[k] = k;
        for (int[] p : PAIRS) {
            PARTNERS[p[0]] = p[1];
            PARTNERS[p[1]] = p[0];
        }
    }

    /** {@code d} plus a move written as {@code NAME=PX} or {@code K=dx,dy}, the latter followed by {@code ,mirror} and/or {@code ,group}. */
    public static double[] plus(double[] d, String move) {
        int eq = move.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("a move is NAME=PX or K=dx,dy[,mirror][,group], got '" + move + "'");
        String what = move.substring(0, eq).trim(), amount = move.substring(eq + 1).trim();
        try {
            if (what.chars().allMatch(Character::isDigit)) {
                List<String> xy = java.util.Arrays.stream(amount.split(",")).map(x -> x.trim().toLowerCase(Locale.ROOT)).toList();
                List<String> flags = xy.subList(Math.min(2, xy.size()), xy.size());
                if (xy.size() < 2 || xy.size() > 4 || !List.of("mirror", "group").containsAll(flags) || flags.size() != new java.util.HashSet<>(flags).size()) {
                    throw new IllegalArgumentException("a point move is K=dx,dy followed by ,mirror and/or ,group, got '" + move + "'");
                }
                return plus(d, Integer.parseInt(what), Double.parseDouble(xy.get(0)), Double.parseDouble(xy.get(1)), flags.contains("mirror"),
                        flags.contains("group"));
            }
            return plus(d, what, Double.parseDouble(amount));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in the move '" + move + "'");
        }
    }

    /** The points a displacement moves. */
    public static boolean[] moved(double[] d) {
        check(d);
        boolean[] m = new boolean[FaceLandmarks68.POINTS];
        for (int k = 0; k < m.length; k++) m[k] = d[2 * k] != 0 || d[2 * k + 1] != 0;
        return m;
    }

    private static double[] check(double[] d) {
        if (d == null || d.length != 2 * FaceLandmarks68.POINTS) {
            throw new IllegalArgumentException("a landmark move has 136 numbers (dx, dy per point), got " + (d == null ? "none" : d.length));
        }
        return d;
    }
}
