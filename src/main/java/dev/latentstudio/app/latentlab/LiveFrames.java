package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.FrameStats;
import dev.latentstudio.engine.gan.GeneratorModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.Executor;

/**
 * Renders one latent vector at a time on a thread of its own, for the canvases that follow a slider,
 * an animation or a drag. A request replaces one that has not started, so nothing queues: the picture
 * shown is always the newest the generator could keep up with, and the FX thread never waits on ND4J.
 */
public final class LiveFrames {

    /** A rendered picture: opaque ARGB pixels, row by row, and the vector it shows. */
    public record Frame(int[] argb, int width, int height, float[] z) {
    }

    private record Request(GeneratorModel g, float[] z) {
    }

    private final Executor fx;
    private final String name;
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final FrameStats stats = new FrameStats();
    private Request pending;
    private Thread worker;

    public LiveFrames(Executor fxThread, String name) {
        this.fx = fxThread;
        this.name = name;
    }

    /** Asks for z's picture; only the newest unstarted request is kept. */
    public synchronized void request(GeneratorModel g, float[] z) {
        pending = new Request(g, z);
        if (worker == null) {
            worker = new Thread(this::loop, "studio-frames-" + name);
            worker.setDaemon(true);
            worker.start();
        }
        notifyAll();
    }

    private void loop() {
        while (true) {
            Request r;
            synchronized (this) {
                while (pending == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                r = pending;
                pending = null;
            }
            try {
                long t0 = System.nanoTime();
                int[] px = r.g().argb(r.z());
                long took = System.nanoTime() - t0;
                Frame f = new Frame(px, r.g().card().width(), r.g().card().height(), r.z());
                fx.execute(() -> {
                    frame.set(f);
                    error.set("");
                    stats.rendered(took);
                    stats.presented(System.nanoTime());
                });
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                fx.execute(() -> error.set("Could not render: " + msg));
            }
        }
    }

    /** The newest picture (changes on the FX thread). */
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public FrameStats stats() {
        return stats;
    }
}
