package dev.latentstudio.engine.face;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * A webcam through OpenCV. With no camera at the index, OpenCV answers at once that it could not open it;
 * that is the {@link State#UNAVAILABLE} state with a message, never an exception. A camera that delivers and
 * then stops (unplugged, taken by another program) is {@link State#FAILED} after a few failed reads in a row,
 * since one dropped frame is normal for USB cameras, or once no frame has come for a few seconds (a read on a
 * vanished V4L camera can itself block for seconds before it fails).
 */
public final class CameraSource implements FrameSource {

    /** Failed reads in a row before the camera counts as gone. */
    static final int FAILED_READS_TO_GIVE_UP = 5;
    /** Time without a frame after which a failing camera counts as gone. */
    static final long SILENCE_TO_GIVE_UP_NANOS = 3_000_000_000L;

    private final String description;
    private final VideoCapture capture;
    private final Mat mat = new Mat();
    private final LongSupplier clock;
    private long lastFrameAt;
    private Status status;
    private long delivered;
    private int failedInARow;
    private boolean closed;

    CameraSource(String description, VideoCapture capture, Status initial, LongSupplier clock) {
        this.description = description;
        this.capture = capture;
        this.status = initial;
        this.clock = clock;
        this.lastFrameAt = clock.getAsLong();
    }

    /** Camera {@code index} (0 is the first); check {@link #status()} before expecting frames. */
    public static CameraSource open(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("camera index must be 0 or more, got " + index);
        }
        OpenCv.load();
        VideoCapture capture = new VideoCapture(index);
        String description = "camera " + index;
        if (!capture.isOpened()) {
            capture.release();
            return new CameraSource(description, capture, new Status(State.UNAVAILABLE, "no camera at index " + index
                    + ": OpenCV could not open it (none connected, no permission, or another program is using it)."
                    + " Use a video file (Motion-JPEG .avi) or a folder of images instead."), System::nanoTime);
        }
        return over(description, capture, System::nanoTime);
    }

    /** A capture that is already open, named {@code description}; lets tests play a file as a camera. */
    static CameraSource over(String description, VideoCapture capture, LongSupplier clock) {
        return new CameraSource(description, capture, new Status(State.READY, description + " is on"), clock);
    }

    @Override
    public synchronized Optional<Frame> next() {
        if (!status.ready()) return Optional.empty();
        while (!capture.read(mat) || mat.empty()) {
            failedInARow++;
            long silent = clock.getAsLong() - lastFrameAt;
            if (failedInARow >= FAILED_READS_TO_GIVE_UP || silent >= SILENCE_TO_GIVE_UP_NANOS) {
                status = new Status(State.FAILED, description + " stopped delivering frames after " + delivered
                        + " (" + failedInARow + " failed reads, no frame for " + silent / 1_000_000 + " ms):"
                        + " unplugged, or taken by another program?");
                release();
                return Optional.empty();
            }
        }
        failedInARow = 0;
        lastFrameAt = clock.getAsLong();
        Frame frame = new Frame(OpenCv.toImage(mat), delivered, "frame " + delivered);
        delivered++;
        return Optional.of(frame);
    }

    @Override
    public synchronized Status status() {
        return status;
    }

    @Override
    public String description() {
        return description;
    }

    /** Frames per second the driver reports (0 when it does not say). */
    public double reportedFps() {
        return closed ? 0 : capture.get(Videoio.CAP_PROP_FPS);
    }

    @Override
    public synchronized void close() {
        if (status.ready()) status = new Status(State.ENDED, description + " was closed");
        release();
    }

    private void release() {
        if (!closed) {
            closed = true;
            capture.release();
            mat.release();
        }
    }
}
