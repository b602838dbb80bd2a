package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.gan.GeneratorModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlidersViewModelTest {
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void aConditionalSampleMovesBetweenClassesAndShowsEveryClass() throws Exception {
        GeneratorModel g = TestGenerators.untrainedConditional();
        LatentLabViewModel lab = new LatentLabViewModel(jobs, 0);
        lab.setGenerator(g);
        SlidersViewModel vm = lab.sliders();
        assertNotNull(vm.baseProperty().get());
        assertEquals(1, g.prior().classOf(vm.current()), "seed 1 is class 1");
        vm.targetClassProperty().set(7);
        assertEquals(7, g.prior().classOf(vm.current()));
        assertEquals(1f, vm.current()[64 + 7]);
        vm.classMixProperty().set(0.25);
        assertEquals(0.75f, vm.current()[64 + 1], 1e-6f);
        assertEquals(0.25f, vm.current()[64 + 7], 1e-6f);
        assertTrue(vm.describe().contains("class 7"), vm.describe());
        fx.pumpUntil(() -> vm.classRowProperty().get() != null, 60);
        LatentLabViewModel.Tiles row = vm.classRowProperty().get();
        assertEquals(10, row.argb().size());
        assertTrue(!java.util.Arrays.equals(row.argb().get(1), row.argb().get(7)), "the classes draw differently");
        vm.reset();
        assertEquals(1, g.prior().classOf(vm.current()));
        assertTrue(vm.statusProperty().get().contains("Fit"), "no directions yet: " + vm.statusProperty().get());
    }

    @Test
    void theFrameCounterForgetsTheIdleTimeBeforeANewSampleOrClass() {
        GeneratorModel g = TestGenerators.untrainedConditional();
        LatentLabViewModel lab = new LatentLabViewModel(jobs, 0);
        lab.setGenerator(g);
        SlidersViewModel vm = lab.sliders();
        long t = System.nanoTime();
        vm.stats().presented(t);
        vm.stats().presented(t + 30_000_000_000L); // a frame half a minute after the last: no frame time
        assertTrue(vm.stats().summary().contains("fps"));
        vm.targetClassProperty().set(3);
        assertEquals("", vm.stats().summary(), "a new class starts the counter afresh");
        vm.stats().presented(t + 31_000_000_000L);
        vm.stats().presented(t + 61_000_000_000L);
        assertTrue(vm.stats().summary().contains("fps"));
        vm.baseProperty().set(LatentLabViewModel.seedLatent(5, g));
        assertEquals("", vm.stats().summary(), "so does a new sample");
        vm.stats().presented(t + 62_000_000_000L);
        vm.stats().presented(t + 92_000_000_000L);
        assertTrue(vm.stats().summary().contains("fps"));
        lab.setGenerator(TestGenerators.untrainedConditional());
        assertEquals("", vm.stats().summary(), "and another model");
    }
}
