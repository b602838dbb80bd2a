package dev.latentstudio.engine;

import java.nio.file.Path;

/**
 * Where the studio's log file lives: {@code studio.logDir} if set (tests point it into target/), else
 * the logs folder of the user's data. Set before the first logger is made, so Logback's configuration
 * (src/main/resources/logback.xml) reads it.
 */
public final class Logs {
    public static final String PROPERTY = "studio.logDir";
    /** The logger for failures a front has already shown in words: logback.xml sends it to the file only. */
    public static final String FAILURES = "studio.failures";

    private Logs() {
    }

    /** Call first thing in every entry point; returns the log file. */
    public static Path init() {
        if (System.getProperty(PROPERTY) == null) System.setProperty(PROPERTY, StudioPaths.userData().resolve("logs").toString());
        return file();
    }

    public static Path file() {
        String dir = System.getProperty(PROPERTY);
        return (dir == null ? StudioPaths.userData().resolve("logs") : Path.of(dir)).resolve("studio.log").toAbsolutePath();
    }
}
