package dev.latentstudio.engine.face;

import java.util.Optional;

/**
 * Where the booth's pictures come from: a webcam, a video file or a folder of images.
 * {@link #next()} gives the next frame, or empty when there is none; {@link #status()} then says why
 * (no camera, the end of a clip, a camera that stopped delivering) in words to show the visitor.
 * A missing camera is a normal state, not an exception: the booth shows the message and offers a file.
 */
public interface FrameSource extends AutoCloseable {

    enum State {
        /** frames are coming */
        READY,
        /** the source could not be opened (e.g. no camera at that index); nothing will come */
        UNAVAILABLE,
        /** a file or folder was played to its end */
        ENDED,
        /** it delivered frames, then stopped (a camera unplugged or taken by another program, a damaged file) */
        FAILED
    }

    record Status(State state, String message) {
        public boolean ready() {
            return state == State.READY;
        }
    }

    /** The next frame, or empty once the source is no longer {@link State#READY}. */
    Optional<Frame> next();

    Status status();

    /** What this source is, for a status line: "camera 0", "video clip.avi (MJPG, 640x480, 25 fps, 120 frames)". */
    String description();

    /** Releases the camera or file; safe to call twice. */
    @Override
    void close();
}
