package dev.latentstudio.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class EventPumpTest {

    @Test
    void everyEventArrivesInOrderWhileTheConsumerDrainsConcurrently() throws Exception {
        // a stand-in FX thread draining while a job thread floods it: the race that stranded events
        ExecutorService fx = Executors.newSingleThreadExecutor();
        List<Integer> got = new ArrayList<>(); // touched on the "FX" thread only
        AtomicInteger tasks = new AtomicInteger();
        EventPump<Integer> pump = new EventPump<>(r -> {
            tasks.incrementAndGet();
            fx.execute(r);
        }, got::add);
        int n = 200_000;
        Thread job = new Thread(() -> {
            for (int i = 0; i < n; i++) pump.accept(i);
        });
        job.start();
        job.join();
        fx.submit(() -> { }).get(); // everything queued before this has run
        fx.shutdown();
        assertTrue(fx.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(n, got.size(), "no event stranded");
        for (int i = 0; i < n; i++) if (got.get(i) != i) throw new AssertionError("out of order at " + i);
        assertTrue(tasks.get() < n, "bursts share a task: " + tasks.get());
    }
}
