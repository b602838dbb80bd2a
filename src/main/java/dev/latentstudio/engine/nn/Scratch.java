package dev.latentstudio.engine.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

/**
 * Runs a network's op chain in an ND4J workspace of its own (per thread, learnt on the first call, grown when an
 * input is larger): the many intermediate arrays then reuse one block of memory instead of fresh off-heap
 * allocations, each paid for in page faults. That halved the detectors' time here (tiny at 320: 23 → 11 ms,
 * SSD: 135 → 81 ms). The price is memory kept per thread that runs a detector: about 110 MB for SSD, 35 MB
 * for tiny at 416 (80 MB once run at 608). What the body returns must be plain Java data or {@code detach()}ed.
 * The same holds for any chain of temporaries that runs per frame or per step (the Fourier image's): they would
 * otherwise each wait for the Java collector, which with a small heap comes too seldom for native memory.
 */
public final class Scratch {
    private static final WorkspaceConfiguration CONF = WorkspaceConfiguration.builder().initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL).policySpill(SpillPolicy.REALLOCATE).build();

    private Scratch() {
    }

    public static <T> T run(String workspace, Supplier<T> body) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONF, workspace)) {
            return body.get();
        }
    }
}
