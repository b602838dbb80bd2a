package dev.latentstudio.app.common;

import dev.latentstudio.engine.job.Progress;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands a job's newest step, and its newest preview, to the FX thread: a slow FX thread sees fewer of them, never a
 * queue (only one hand-over is ever pending; later events replace what it will show).
 */
public final class NewestProgress {
    /** What the FX thread does with the newest step and the newest preview since the last hand-over (null: none). */
    public interface Sink {
        void show(Progress step, Picture preview);
    }

    private NewestProgress() {
    }

    public static Consumer<Progress> to(Executor fx, Sink sink) {
        AtomicReference<Progress> step = new AtomicReference<>();
        AtomicReference<Picture> picture = new AtomicReference<>();
        AtomicBoolean posted = new AtomicBoolean();
        return p -> {
            if (p.preview() != null) picture.set(Picture.of(p.preview()));
            step.set(p);
            if (!posted.getAndSet(true)) fx.execute(() -> {
                posted.set(false);
                sink.show(step.get(), picture.getAndSet(null));
            });
        };
    }
}
