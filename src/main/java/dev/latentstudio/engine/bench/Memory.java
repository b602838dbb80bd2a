package dev.latentstudio.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory as the kernel counts it (ND4J's arrays live outside the Java heap). */
public final class Memory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Memory() {
    }

    /** Resident set now, in MiB; -1 where /proc is not there. */
    public static double residentMb() {
        return field("VmRSS:");
    }

    /** The resident set's high-water mark since the process started, in MiB; -1 where /proc is not there. */
    public static double peakResidentMb() {
        return field("VmHWM:");
    }

    /**
     * The Java heap's old generation now, in MiB (G1's "G1 Old Gen", the serial and parallel collectors' too): what
     * has survived young collections, so a Java-side leak shows here; -1 where no pool is named so.
     */
    public static double oldGenerationMb() {
        long bytes = -1;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured"))) {
                bytes = Math.max(bytes, 0) + p.getUsage().getUsed();
            }
        }
        return bytes < 0 ? -1 : bytes / 1048576.0;
    }

    static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).replace("kB", "").strip()) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an odd kernel: the caller prints -1
        }
        return -1;
    }
}
