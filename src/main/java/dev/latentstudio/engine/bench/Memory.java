package dev.latentstudio.engine.bench;

import java.io.IOException;
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
