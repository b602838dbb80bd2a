package dev.latentstudio.app.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.inversion.InversionViewModel.Result;
import dev.latentstudio.app.inversion.InversionViewModel.State;
import dev.latentstudio.engine.model.ModelStore;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Inversion Lab's view model without a stage: FX-thread work runs on the test thread through {@link FxQueue}. */
class InversionViewModelTest {
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private final InversionViewModel vm = new InversionViewModel(jobs);

    @AfterEach
    void close() {
        jobs.close();
    }

    private <T> T await(CompletableFuture<T> f) throws Exception {
        fx.pumpUntil(f::isDone, 60);
        return f.get();
    }

    @Test
    void aShortClassVisualisationShowsProgressAndPreviewsThenLandsInTheGalleryAndExports(@TempDir Path dir) throws Exception {
        assertTrue(vm.modelsProperty().contains(ModelStore.DEFAULT_CLASSIFIER), vm.modelsProperty().toString());
        assertEquals(ModelStore.DEFAULT_CLASSIFIER, vm.modelProperty().get());
        vm.digitProperty().set(7);
        vm.stepsProperty().set(30);
        vm.previewEveryProperty().set(3);
        Set<Long> steps = new HashSet<>();
        vm.stepProperty().addListener((o, a, s) -> steps.add(s.longValue()));
        int[] previews = {0};
        vm.previewProperty().addListener((o, a, p) -> {
            if (p != null) previews[0]++;
        });

        vm.start();
        assertEquals(State.RUNNING, vm.getState());
        assertFalse(vm.canStartProperty().get(), "one inversion at a time");
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());

        assertEquals(30, steps.size(), "every step is shown: " + steps);
        assertEquals(30, vm.lossesProperty().size(), "every step charted");
        assertTrue(vm.lossesProperty().stream().allMatch(p -> Double.isFinite(p.a()) && p.b() > 0), "objective and L2 + TV");
        assertTrue(vm.metricsProperty().get().keySet().containsAll(Set.of("objective", "l2", "tv", "loss")),
                vm.metricsProperty().get().toString());
        assertTrue(previews[0] >= 10, "a preview every 3 steps (and the result): " + previews[0]);
        assertEquals(1.0, vm.progressProperty().get());

        assertEquals(1, vm.galleryProperty().size());
        Result r = vm.galleryProperty().get(0);
        assertEquals(r, vm.selectedProperty().get());
        assertEquals("digit 7", r.settings().target());
        assertEquals(30, r.settings().options().steps());
        assertEquals(10, r.frames().size(), "the GIF's frames: steps 3, 6, …, 30");
        assertEquals(28, r.picture().width());
        assertTrue(r.probability() > 0 && r.probability() <= 1, "p = " + r.probability());
        assertEquals(r.probabilities()[7], r.probability(), 1e-12);
        assertEquals(r.probability(), vm.probabilityProperty().get(), 1e-12);
        assertTrue(distinct(r.picture().argb()) > 8, "not a blank picture");

        Path png = await(vm.exportPng(dir.resolve("seven.png")));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "the PNG reads back");
        assertEquals(28 * InversionViewModel.EXPORT_SCALE, img.getWidth());
        assertEquals(r.picture().argb()[14 * 28 + 14] & 0xffffff,
                img.getRGB(14 * InversionViewModel.EXPORT_SCALE, 14 * InversionViewModel.EXPORT_SCALE) & 0xffffff);

        Path gif = await(vm.exportGif(dir.resolve("seven.gif")));
        assertEquals(10, gifFrames(gif), "one GIF frame per preview");
        assertNotNull(ImageIO.read(gif.toFile()), "the GIF reads back");
    }

    @Test
    void aMixOfTwoDigitsClimbsBothAndReportsTheirSummedProbability() throws Exception {
        vm.digitProperty().set(3);
        vm.mixProperty().set(true);
        vm.secondDigitProperty().set(8);
        vm.mixWeightProperty().set(0.5);
        double[] w = vm.weights();
        assertEquals(0.5, w[3]);
        assertEquals(0.5, w[8]);
        assertEquals("0.50·3 + 0.50·8", vm.targetText());
        vm.secondDigitProperty().set(3);
        assertFalse(vm.canStartProperty().get(), "a digit mixed with itself is no mix");
        vm.secondDigitProperty().set(8);

        vm.stepsProperty().set(10);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result r = vm.galleryProperty().get(0);
        assertEquals(r.probabilities()[3] + r.probabilities()[8], r.probability(), 1e-12);

        // a second run; picking the first in the gallery brings back its picture, curves and probability
        vm.mixProperty().set(false);
        vm.digitProperty().set(1);
        vm.stepsProperty().set(6);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertEquals(6, vm.lossesProperty().size());
        vm.selectedProperty().set(r);
        assertEquals(r.picture(), vm.previewProperty().get());
        assertEquals(10, vm.lossesProperty().size());
        assertEquals(r.losses(), vm.lossesProperty());
        assertEquals(r.probability(), vm.probabilityProperty().get(), 1e-12);
    }

    @Test
    void cancelStopsTheRunAndAddsNothing() throws Exception {
        vm.stepsProperty().set(1000);
        vm.start();
        fx.pumpUntil(() -> vm.stepProperty().get() >= 2, 120);
        vm.cancel();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 30);
        assertEquals(State.CANCELLED, vm.getState());
        assertTrue(vm.stepProperty().get() < 1000, "stopped early at step " + vm.stepProperty().get());
        assertTrue(vm.galleryProperty().isEmpty());
        assertTrue(vm.canStartProperty().get(), "ready for the next run");

        // the next run works (the classifier is kept loaded)
        vm.stepsProperty().set(5);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertEquals(1, vm.galleryProperty().size());
        assertEquals(1, vm.galleryProperty().get(0).number());
    }

    private static long distinct(int[] px) {
        return java.util.Arrays.stream(px).distinct().count();
    }

    private static int gifFrames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            reader.dispose();
            return n;
        }
    }
}
