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
}
