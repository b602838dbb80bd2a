package dev.latentstudio.engine.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * A video file through OpenCV. The bundled OpenCV has no FFmpeg or GStreamer, so it reads only its built-in
 * Motion-JPEG AVI; any other file fails to open (or opens and yields no frame), and {@link #open} then says
 * which format is needed and how to convert, rather than returning a source that shows nothing.
 */
public final class VideoFileSource implements FrameSource {

    static final String FORMAT_LIMIT = "this build of OpenCV reads only Motion-JPEG video in an AVI file"
            + " (fourcc MJPG; it has no FFmpeg or GStreamer). Convert it, e.g."
            + " `ffmpeg -i INPUT -c:v mjpeg -q:v 3 -an OUTPUT.avi`, or use a folder of images";

    private final Path file;
    private final boolean loop;
    private final String description;
    private final VideoCapture capture;
    private final Mat mat = new Mat();
    private Frame pending;
    private Status status;
    private long delivered;
    private boolean closed;

    private VideoFileSource(Path file, boolean loop, VideoCapture capture, Frame first) {
        this.file = file;
        this.loop = loop;
        this.capture = capture;
        this.pending = first;
        this.description = describe(file, capture, first);
        this.status = new Status(State.READY, "playing " + description);
    }

    /** Opens the file and reads its first frame, so an unreadable file fails here, with the reason. */
    public static VideoFileSource open(Path file, boolean loop) throws IOException {
        if (!Files.exists(file)) throw new IOException("video file does not exist: " + file);
        if (!Files.isRegularFile(file)) throw new IOException("not a video file: " + file);
        if (!Files.isReadable(file)) throw new IOException("cannot read " + file + " (no permission)");
        if (Files.size(file) == 0) throw new IOException("video file is empty (0 bytes): " + file);
        OpenCv.load();
        // asking for the one reader this build has keeps OpenCV from trying (and loudly failing) image-sequence backends
        VideoCapture capture = new VideoCapture(file.toAbsolutePath().toString(), Videoio.CAP_OPENCV_MJPEG);
        Mat first = new Mat();
        try {
            if (!capture.isOpened() || !capture.read(first) || first.empty()) {
                capture.release();
                throw new IOException("cannot play " + file.getFileName() + ": " + FORMAT_LIMIT);
            }
            return new VideoFileSource(file, loop, capture, new Frame(OpenCv.toImage(first), 0, "frame 0"));
        } finally {
            first.release();
        }
    }

    @Override
    public synchronized Optional<Frame> next() {
        if (!status.ready()) return Optional.empty();
        if (pending != null) {
            Frame f = pending;
            pending = null;
            delivered = 1;
            return Optional.of(f);
        }
        if (!readFrame()) {
            if (!loop) {
                finish(new Status(State.ENDED, "end of " + file.getFileName() + " after " + delivered + " frames"));
                return Optional.empty();
            }
            capture.set(Videoio.CAP_PROP_POS_FRAMES, 0);
            if (!readFrame()) {
                finish(new Status(State.FAILED, file.getFileName() + " could not be played again from the start"));
                return Optional.empty();
            }
        }
        long position = Math.round(capture.get(Videoio.CAP_PROP_POS_FRAMES)) - 1;
        Frame f = new Frame(OpenCv.toImage(mat), delivered, "frame " + Math.max(0, position));
        delivered++;
        return Optional.of(f);
    }

    private boolean readFrame() {
        return capture.read(mat) && !mat.empty();
    }

    @Override
    public synchronized Status status() {
        return status;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (status.ready()) status = new Status(State.ENDED, file.getFileName() + " was closed");
        release();
    }

    private void finish(Status end) {
        status = end;
        release();
    }

    private void release() {
        if (!closed) {
            closed = true;
            capture.release();
            mat.release();
        }
    }

    private static String describe(Path file, VideoCapture capture, Frame first) {
        int code = (int) capture.get(Videoio.CAP_PROP_FOURCC);
        StringBuilder fourcc = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            char c = (char) (code >> 8 * i & 0xFF);
            if (c > ' ' && c < 127) fourcc.append(c);
        }
        double fps = capture.get(Videoio.CAP_PROP_FPS);
        long count = Math.round(capture.get(Videoio.CAP_PROP_FRAME_COUNT));
        return "video " + file.getFileName() + " (" + (fourcc.isEmpty() ? "" : fourcc + ", ") + first.width() + "x"
                + first.height() + (fps > 0 ? String.format(", %.0f fps", fps) : "")
                + (count > 0 ? ", " + count + " frames" : "") + ")";
    }
}
