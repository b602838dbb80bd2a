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

    /** The pix2pix workloads carry bench.py's names; they, the conditional DCGAN's step and the face edit's step each run one timed repetition (no warm-up). */
    @Test
    void theNewerWorkloadsExistAndRunOnce() {
        List<String> names = List.of("cdcgan_train_step_b32", "face_edit_step_150", "pix2pix_train_step_128", "pix2pix_generator_forward_128");
        List<Bench.Workload> work = Bench.workloads().stream().filter(w -> names.contains(w.name())).toList();
        assertEquals(names, work.stream().map(Bench.Workload::name).toList());
        for (Bench.Workload w : work) {
            Map<String, Object> r = Bench.time(w, 0, 1);
            assertEquals(w.name(), r.get("workload"));
            double min = (double) r.get("min_ms"), median = (double) r.get("median_ms"), p99 = (double) r.get("p99_ms");
            assertTrue(min > 0 && min == median && median == p99, r.toString());
        }
    }
}
