package dev.latentstudio.engine.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a frame source from what a user types: "camera" or "camera:N", a folder, or a video file. */
public final class FrameSources {
    private FrameSources() {
    }

    /**
     * "camera" is camera 0, "camera:2" camera 2; anything else is a path: a folder plays its images, a file
     * is played as a video. {@code loop} restarts files and folders at their end.
     */
    public static FrameSource open(String spec, boolean loop) throws IOException {
        String s = spec.strip();
        if (s.equals("camera")) return CameraSource.open(0);
        if (s.startsWith("camera:")) {
            String n = s.substring("camera:".length());
            try {
                return CameraSource.open(Integer.parseInt(n));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("camera index must be a number, as in camera:0, got \"" + n + "\"");
            }
        }
        Path p = Path.of(s);
        if (Files.isDirectory(p)) return ImageFolderSource.open(p, loop);
        if (!Files.exists(p)) {
            throw new IOException("no such file or folder: " + p + " (give camera, camera:N, a folder of images or an .avi video)");
        }
        return VideoFileSource.open(p, loop);
    }
}
