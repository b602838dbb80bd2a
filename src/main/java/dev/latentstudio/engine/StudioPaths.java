package dev.latentstudio.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the studio finds what it ships (assets/, models/) and where it keeps what users make.
 * The launcher sets {@code studio.home}; otherwise the working folder or one of its parents that
 * holds assets/ is taken, so tests and `mvn javafx:run` work from the repository root.
 */
public final class StudioPaths {
    private StudioPaths() {
    }

    public static Path home() {
        String prop = System.getProperty("studio.home");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath().normalize();
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("assets")) && Files.isDirectory(q.resolve("models"))) return q;
        }
        return p;
    }

    public static Path assets() {
        return home().resolve("assets");
    }

    public static Path models() {
        return home().resolve("models");
    }

    /**
     * The user's own models, galleries and exports: the {@code studio.data} property, else
     * $LATENT_STUDIO_DATA, else ~/.latent-studio. The property lets tests train into a temp folder.
     */
    public static Path userData() {
        String prop = System.getProperty("studio.data");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath();
        String env = System.getenv("LATENT_STUDIO_DATA");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".latent-studio");
    }

    public static Path userModels() {
        return userData().resolve("models");
    }

    /**
     * {@code dir/relative}, refused when it would lie outside {@code dir} ("../", an absolute path, or a
     * symbolic link out of it): a model card or weights manifest is untrusted and names files by itself.
     */
    public static Path inside(Path dir, String relative) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        Path p = base.resolve(relative).normalize();
        boolean escapes = !p.startsWith(base) || p.equals(base);
        if (!escapes && Files.exists(p)) escapes = !p.toRealPath().startsWith(base.toRealPath());
        if (escapes) throw new IOException(dir + ": refused, '" + relative + "' points outside the model folder");
        return p;
    }
}
