package dev.latentstudio.engine.bench;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;

/**
 * ND4J's native buffers that nobody has closed and no workspace owns: garbage among them is freed only when the Java
 * collector finalises its small owner, which with a small heap comes seldom, so per-step garbage piles up as resident
 * memory. Read from the DeallocatorService's private table (every tracked buffer, weakly held); a diagnostic for the
 * bench and the tests, -1 where a later ND4J renames the field.
 */
public final class NativeBuffers {
    private NativeBuffers() {
    }

    /** Bytes held by tracked buffers that are not closed, not attached to a workspace, not constant and not views. */
    public static long detachedBytes() {
        Map<?, ?> refs = table();
        if (refs == null) return -1;
        long bytes = 0;
        for (Object r : refs.values()) {
            DataBuffer b = own(r);
            if (b != null) bytes += b.length() * b.getElementSize();
        }
        return bytes;
    }

    /** Count of such buffers by size in bytes: the sizes that grow per step are the garbage to find. */
    public static Map<Long, Integer> histogram() {
        Map<Long, Integer> h = new TreeMap<>();
        Map<?, ?> refs = table();
        if (refs == null) return h;
        for (Object r : refs.values()) {
            DataBuffer b = own(r);
            if (b != null) h.merge(b.length() * b.getElementSize(), 1, Integer::sum);
        }
        return h;
    }

    private static DataBuffer own(Object ref) {
        if (!(ref instanceof Reference<?> w) || !(w.get() instanceof DataBuffer b)) return null;
        if (b.wasClosed() || b.isAttached() || b.isConstant()) return null;
        DataBuffer u = b.underlyingDataBuffer();
        return u == null || u == b ? b : null;
    }

    private static Map<?, ?> table() {
        try {
            Object ds = Nd4j.getDeallocatorService();
            Field f = ds.getClass().getDeclaredField("referenceMap");
            f.setAccessible(true);
            return (Map<?, ?>) f.get(ds);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
