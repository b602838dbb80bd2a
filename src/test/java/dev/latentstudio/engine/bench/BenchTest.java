package dev.latentstudio.engine.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BenchTest {

    @Test
    void conv10MapsAnImageTo128Features() {
        assertArrayEquals(new long[] {1, 128},
                Bench.conv10(1).output(Nd4j.rand(DataType.FLOAT, 1, 3, 112, 112), false).shape());
    }

    /** The pix2pix and 64×64 DCGAN workloads carry bench.py's names; they, the conditional DCGAN's step and the face edit's step each run one timed repetition (no warm-up). */
    @Test
    void theNewerWorkloadsExistAndRunOnce() {
        List<String> names = List.of("cdcgan_train_step_b32", "dcgan64_train_step_b32_w32", "face_edit_step_150", "pix2pix_train_step_128", "pix2pix_generator_forward_128");
        List<Bench.Workload> work = Bench.workloads().stream().filter(w -> names.contains(w.name())).toList();
        assertEquals(names, work.stream().map(Bench.Workload::name).toList());
        for (Bench.Workload w : work) {
            Map<String, Object> r = Bench.time(w, 0, 1);
            assertEquals(w.name(), r.get("workload"));
            double min = (double) r.get("min_ms"), median = (double) r.get("median_ms"), p99 = (double) r.get("p99_ms");
            assertTrue(min > 0 && min == median && median == p99, r.toString());
        }
    }

    /** A soak samples resident memory 20 times (here every 2nd step), reports a peak no lower than any sample and the growth from step 4 (the first tenth) on. */
    @Test
    void aSoakReportsResidentMemoryAlongTheWay() {
        Bench.Workload w = Bench.workloads().stream().filter(x -> x.name().equals("generator_forward_b1")).findFirst().orElseThrow();
        Map<String, Object> r = Bench.soak(w, 40);
        assertEquals(40, r.get("soak_steps"));
        @SuppressWarnings("unchecked")
        List<Double> rss = (List<Double>) r.get("rss_mb");
        assertEquals(20, rss.size(), r.toString());
        double peak = (double) r.get("peak_rss_mb");
        assertTrue(rss.get(0) > 50, "a JVM with ND4J holds more than 50 MB: " + r);
        assertTrue(rss.stream().allMatch(m -> m <= peak + 0.1), r.toString());
        assertEquals(rss.get(19) - rss.get(1), (double) r.get("growth_mb_after_first_tenth"), 0.11, r.toString());
        for (String series : List.of("java_heap_committed_mb", "java_old_generation_mb", "unfreed_native_mb")) {
            @SuppressWarnings("unchecked")
            List<Double> v = (List<Double>) r.get(series);
            assertEquals(20, v.size(), series + ": " + r);
            assertTrue(v.stream().allMatch(m -> m >= 0), series + ": " + r);
        }
        @SuppressWarnings("unchecked")
        List<Double> unfreed = (List<Double>) r.get("unfreed_native_mb");
        assertTrue(unfreed.get(19) > 0.5 && unfreed.get(19) < peak, "G's weights are native and not in a workspace: " + r);
    }

    /**
     * The studio soak: two rounds of every activity (a 0.001-minute soak still runs two), a resident sample after each,
     * the peak no lower than any sample, the growth from the first tenth, and what each activity leaves for the collector.
     */
    @Test
    void aStudioSoakRunsEveryActivityAndReportsMemory() {
        Map<String, Object> r = Bench.soakStudio(0.001);
        assertEquals("studio", r.get("workload"));
        assertEquals(2, r.get("soak_rounds"), r.toString());
        @SuppressWarnings("unchecked")
        List<Double> rss = (List<Double>) r.get("rss_mb");
        assertEquals(2, rss.size(), r.toString());
        double peak = (double) r.get("peak_rss_mb");
        assertTrue(rss.get(0) > 50 && rss.stream().allMatch(m -> m <= peak + 0.1), r.toString());
        assertEquals(rss.get(1) - rss.get(0), (double) r.get("growth_mb_after_first_tenth"), 0.11, r.toString());
        @SuppressWarnings("unchecked")
        List<Double> unfreed = (List<Double>) r.get("unfreed_native_mb");
        assertTrue(unfreed.size() == 2 && unfreed.get(0) > 1, "the loaded networks' weights at least: " + r);
        @SuppressWarnings("unchecked")
        Map<String, Double> perCall = (Map<String, Double>) r.get("left_for_collector_kb_per_call");
        assertEquals(List.of("morph_frame_x60", "dcgan_train_step_x2", "booth_frame_x2", "class_inversion_10_steps", "face_edit_step"),
                List.copyOf(perCall.keySet()));
        assertTrue(perCall.values().stream().allMatch(Double::isFinite), r.toString());
    }
}
