package dev.latentstudio.app.latentlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.latent.LatentMath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Latent Lab's view model without a stage: FX-thread work runs on the test thread through {@link FxQueue}. */
class LatentLabViewModelTest {
    private static GeneratorModel generator;
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);

    @BeforeAll
    static void buildGenerator() {
        generator = TestGenerators.untrained();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private LatentLabViewModel ready(long seed) throws InterruptedException {
        LatentLabViewModel vm = new LatentLabViewModel(jobs, seed);
        vm.setGenerator(generator);
        fx.pumpUntil(() -> vm.tilesProperty().get() != null, 60);
        return vm;
    }

    @Test
    void gridSampleIHasLatentSeedPlusI() throws Exception {
        LatentLabViewModel vm = ready(5);
        List<float[]> zs = vm.latentsProperty();
        assertEquals(LatentLabViewModel.COUNT, zs.size());
        for (int i = 0; i < zs.size(); i++) assertArrayEquals(LatentMath.gaussian(5 + i, 64), zs.get(i));
    }

    @Test
    void shuffleChangesTheLatentsTheSameWayForTheSameSeed() throws Exception {
        LatentLabViewModel a = ready(5);
        LatentLabViewModel b = new LatentLabViewModel(jobs, 5);
        b.setGenerator(generator);
        List<float[]> before = List.copyOf(a.latentsProperty());

        a.shuffle();
        b.shuffle();
        assertEquals(5 + LatentLabViewModel.COUNT, a.getSeed());
        for (int i = 0; i < LatentLabViewModel.COUNT; i++) {
            float[] z = a.latentsProperty().get(i);
            assertArrayEquals(b.latentsProperty().get(i), z, "same seed, same shuffle");
            assertArrayEquals(LatentMath.gaussian(5 + LatentLabViewModel.COUNT + i, 64), z);
            for (float[] old : before) assertFalse(Arrays.equals(old, z), "no sample of the old grid comes back");
        }
    }

    @Test
    void rendersOneTilePerSampleAndNewTilesAfterShuffle() throws Exception {
        LatentLabViewModel vm = ready(0);
        LatentLabViewModel.Tiles first = vm.tilesProperty().get();
        assertEquals(LatentLabViewModel.COUNT, first.argb().size());
        assertEquals(28, first.width());
        assertEquals(28 * 28, first.argb().get(0).length);
        long levels = first.argb().stream().flatMapToInt(Arrays::stream).distinct().count();
        assertTrue(levels >= 32, "pictures, not flat tiles: " + levels + " grey levels");
        vm.shuffle();
        fx.pumpUntil(() -> vm.tilesProperty().get() != first, 60);
        assertFalse(Arrays.equals(first.argb().get(0), vm.tilesProperty().get().argb().get(0)));
        assertNotSame(first, vm.tilesProperty().get());
    }

    @Test
    void pickSetsTheIndexAndNamesTheSeed() throws Exception {
        LatentLabViewModel vm = ready(100);
        assertEquals(-1, vm.getPicked());
        vm.pick(12);
        assertEquals(12, vm.getPicked());
        assertTrue(vm.pickedInfoProperty().get().contains("seed:112"), vm.pickedInfoProperty().get());
        assertThrows(IndexOutOfBoundsException.class, () -> vm.pick(LatentLabViewModel.COUNT));
        assertEquals(12, vm.getPicked());
        vm.shuffle();
        assertEquals(-1, vm.getPicked(), "a new grid has no pick yet");
        assertEquals("", vm.pickedInfoProperty().get());
    }

    @Test
    void aMissingGeneratorGivesAClearMessageAndNoGrid() throws Exception {
        LatentLabViewModel vm = new LatentLabViewModel(jobs, 0);
        vm.load("/no/such/generator-folder");
        fx.pumpUntil(() -> !vm.errorProperty().get().isEmpty(), 60);
        String msg = vm.errorProperty().get();
        assertTrue(msg.contains("Could not load the generator") && msg.contains("No model named"), msg);
        assertFalse(vm.readyProperty().get());
        vm.shuffle(); // nothing to shuffle: no effect, no exception
        assertTrue(vm.latentsProperty().isEmpty());
    }

    @Test
    void describeShowsQualityOnlyWhenMeasured() {
        assertEquals("test-untrained · 28×28 · quality not measured",
                LatentLabViewModel.describe(TestGenerators.card(Map.of())));
        assertEquals("test-untrained · 28×28 · IS 8.12 · 93% confident", LatentLabViewModel.describe(
                TestGenerators.card(Map.of("inception_score", 8.123, "confident_share", 0.934))));
    }
}
