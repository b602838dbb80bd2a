package dev.latentstudio.engine.gan;

/**
 * Which records each training step takes: every epoch a fresh permutation drawn from (seed, epoch), so
 * the order depends only on (seed, step) and a resumed run sees exactly the batches it would have.
 */
public final class DataOrder {
    private final long seed;
    private final int size;
    private int[] perm;
    private long epoch = -1;

    public DataOrder(long seed, int size) {
        this.seed = seed;
        this.size = size;
    }

    /** The record indices of step {@code step}'s batch. */
    public int[] batch(long step, int batch) {
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            long p = step * batch + i;
            long e = p / size;
            if (e != epoch) {
                perm = Noise.permutation(seed, e, size);
                epoch = e;
            }
            idx[i] = perm[(int) (p % size)];
        }
        return idx;
    }

    /** The record indices of each class, in record order. */
    public static int[][] byClass(int[] labels, int k) {
        int[] count = new int[k];
        for (int l : labels) count[l]++;
        int[][] out = new int[k][];
        for (int c = 0; c < k; c++) out[c] = new int[count[c]];
        int[] at = new int[k];
        for (int i = 0; i < labels.length; i++) out[labels[i]][at[labels[i]]++] = i;
        return out;
    }

    /**
     * Each drawn record followed by {@code pack − 1} partners of its class drawn at random from (seed, step):
     * a packed conditional D's packs, as deterministic as the order itself.
     */
    public static int[] withPartners(int[] drawn, int pack, int[][] byClass, int[] labels, long seed, long step) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x632BE59BD9B4E019L + step * 0x9E3779B97F4A7C15L + 11);
        int[] out = new int[drawn.length * pack];
        for (int i = 0; i < drawn.length; i++) {
            int[] same = byClass[labels[drawn[i]]];
            out[i * pack] = drawn[i];
            for (int j = 1; j < pack; j++) out[i * pack + j] = same[r.nextInt(same.length)];
        }
        return out;
    }
}
