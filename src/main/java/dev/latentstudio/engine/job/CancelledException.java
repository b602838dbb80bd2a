package dev.latentstudio.engine.job;

/** Thrown from inside a job when its control was cancelled; whatever was saved stays saved. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
