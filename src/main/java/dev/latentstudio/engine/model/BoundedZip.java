package dev.latentstudio.engine.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip whose entries are known in advance: each name has a byte limit, anything else is
 * refused before a byte of it is used. Sizes are counted while inflating (the declared sizes of a
 * hostile zip mean nothing), so a zip bomb stops at its entry's limit.
 */
public final class BoundedZip {
    private BoundedZip() {
    }

    /**
     * The entries of the zip read from {@code in}, by name. {@code where} names the file in messages;
     * {@code limits} maps each allowed entry name to its largest uncompressed size in bytes.
     */
    public static Map<String, byte[]> read(InputStream in, String where, Map<String, Long> limits) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                Long limit = limits.get(name);
                if (limit == null) {
                    throw new IOException(where + ": refused, unexpected entry '" + name + "' (expected only "
                            + String.join(", ", limits.keySet()) + ")");
                }
                if (out.containsKey(name)) throw new IOException(where + ": refused, entry '" + name + "' appears twice");
                out.put(name, readAtMost(zip, limit, where, name));
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) throw e;
            throw new IOException(where + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static byte[] readAtMost(InputStream in, long limit, String where, String name) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new IOException(where + ": refused, entry '" + name + "' is larger than its limit of "
                        + limit / (1024 * 1024) + " MB");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }
}
