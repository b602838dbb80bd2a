package dev.latentstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void printsAnInfoLineThenOneJsonObjectPerWorkload() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = Main.run("bench", "--repeat", "2", "--warmup", "1", "--only", "generator_forward_b1,sgemm_1024");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc);
        List<JsonObject> lines = buf.toString(StandardCharsets.UTF_8).lines()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(3, lines.size());
        assertEquals("latent-studio", lines.get(0).get("peer").getAsString());
        assertTrue(lines.get(0).has("backend") && lines.get(0).has("threads") && lines.get(0).has("natives") && lines.get(0).has("openmp_wait"));
        assertEquals("generator_forward_b1", lines.get(1).get("workload").getAsString());
        assertEquals("sgemm_1024", lines.get(2).get("workload").getAsString());
        for (JsonObject r : lines.subList(1, 3)) {
            double min = r.get("min_ms").getAsDouble();
            assertTrue(min > 0 && min <= r.get("median_ms").getAsDouble() && r.get("median_ms").getAsDouble() <= r.get("p99_ms").getAsDouble(), r.toString());
        }
        assertTrue(!lines.get(1).has("gflops") && lines.get(2).get("gflops").getAsDouble() > 0);
    }

    @Test
    void theInfoLineSaysHowOpenMpThreadsWait() {
        assertEquals("default", dev.latentstudio.engine.Environment.openMpWait(java.util.Map.of()));
        assertEquals("GOMP_SPINCOUNT=1000", dev.latentstudio.engine.Environment.openMpWait(java.util.Map.of("GOMP_SPINCOUNT", "1000")));
        assertEquals("OMP_WAIT_POLICY=PASSIVE", dev.latentstudio.engine.Environment.openMpWait(java.util.Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        assertEquals("OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=5", dev.latentstudio.engine.Environment.openMpWait(java.util.Map.of("OMP_WAIT_POLICY", "ACTIVE", "GOMP_SPINCOUNT", "5")));
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        assertEquals(2, Main.run("bench", "--only", "nope"));
    }
}
