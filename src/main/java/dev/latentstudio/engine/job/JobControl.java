package dev.latentstudio.engine.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The handle between a running job and whoever watches it: cancel, pause/resume, and the
 * listeners that receive progress events (called on the job's thread; the app marshals them).
 */
public final class JobControl {
    private volatile boolean cancelled;
    private boolean paused;
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();

    public JobControl onProgress(Consumer<Progress> listener) {
        listeners.add(listener);
        return this;
    }

    public void report(Progress p) {
        for (Consumer<Progress> l : listeners) l.accept(p);
    }

    public void cancel() {
        cancelled = true;
        synchronized (this) {
            notifyAll();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public synchronized void setPaused(boolean p) {
        paused = p;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Called by jobs between steps: blocks while paused, throws once cancelled. */
    public void checkpoint() {
        synchronized (this) {
            while (paused && !cancelled) {
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                }
            }
        }
        if (cancelled || Thread.currentThread().isInterrupted()) throw new CancelledException();
    }
}
