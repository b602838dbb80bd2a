package dev.latentstudio.app.training;

import dev.latentstudio.app.common.Picture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.TrainingRunViewModel.State;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.gan.Checkpoint;
import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.GanStepper;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Training screen's view model without a stage: FX-thread work runs on the test thread through {@link FxQueue}. */
class TrainingViewModelTest {
    @TempDir
    Path userData;
    private String savedProperty;
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private TrainingViewModel vm;

    @BeforeEach
    void pointUserDataAtTemp() {
        savedProperty = System.getProperty("studio.data");
        System.setProperty("studio.data", userData.toString());
        vm = new TrainingViewModel(jobs);
        vm.batchProperty().set(4);
        vm.checkpointEveryProperty().set(1000);
    }

    @AfterEach
    void restore() {
        jobs.close();
        if (savedProperty == null) System.clearProperty("studio.data");
        else System.setProperty("studio.data", savedProperty);
    }

    private void pumpFor(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        fx.pumpUntil(() -> System.nanoTime() > end, 60);
    }

    @Test
    void trainsPausesResumesStopsWithACheckpointAndResumesTheRunToAListedModel() throws Exception {
        vm.outputNameProperty().set("vm-run");
        vm.stepsProperty().set(500);
        vm.previewEveryProperty().set(1000);
        assertTrue(vm.canStartProperty().get());
        vm.start();
        assertEquals(State.RUNNING, vm.getState());
        assertFalse(vm.canStartProperty().get(), "one run at a time");
        fx.pumpUntil(() -> vm.stepProperty().get() >= 10, 120);
        assertTrue(vm.progressProperty().get() > 0);
        assertFalse(Double.isNaN(vm.dLossProperty().get()));
        assertTrue(vm.imagesPerSecondProperty().get() > 0);
        assertFalse(vm.etaTextProperty().get().isEmpty());
        assertFalse(vm.lossesProperty().isEmpty());

        vm.pause();
        assertEquals(State.PAUSED, vm.getState());
        pumpFor(1500); // events already on their way arrive; then nothing moves
        long pausedAt = vm.stepProperty().get();
        pumpFor(1500);
        assertEquals(pausedAt, vm.stepProperty().get(), "no steps while paused");

        vm.resume();
        assertEquals(State.RUNNING, vm.getState());
        fx.pumpUntil(() -> vm.stepProperty().get() > pausedAt, 120);

        vm.stop();
        fx.pumpUntil(() -> vm.getState() == State.STOPPED, 120);
        Path run = userData.resolve("models").resolve("vm-run");
        assertEquals("vm-run-2", vm.freshNameProperty().get(), "the run took the name: the next start is offered a fresh one");
        assertEquals(run, vm.runDirProperty().get());
        assertTrue(Checkpoint.exists(run), "stop keeps a checkpoint");
        long saved = Checkpoint.read(run).state().step();
        assertTrue(saved > pausedAt && saved < 500, "checkpoint at the stopped step, was " + saved);
        assertTrue(vm.canResumeRunProperty().get());
        assertNull(vm.lastSavedModelProperty().get());

        // a few more steps, then the run completes into a model the studio lists
        vm.stepsProperty().set((int) saved + 12);
        vm.previewEveryProperty().set(5);
        vm.resumeRun();
        assertEquals(State.RUNNING, vm.getState());
        fx.pumpUntil(() -> vm.getState() == State.DONE || vm.getState() == State.FAILED, 180);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals(run, vm.lastSavedModelProperty().get());
        assertTrue(ModelStore.list(ModelCard.GENERATOR).stream().anyMatch(e -> e.dir().equals(run)),
                "the finished model is listed with the generators");
        Object score = ModelCard.read(run).quality().get("inception_score");
        assertTrue(score instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= 10, "quality measured: " + score);
        Picture p = vm.previewProperty().get();
        assertNotNull(p, "a preview arrived");
        assertEquals(p.width() * p.height(), p.argb().length);
        assertTrue(java.util.Arrays.stream(p.argb()).distinct().count() > 8, "the preview is a picture, not a flat fill");
        assertFalse(vm.canResumeRunProperty().get());
    }

    @Test
    void theDigitsByClassTrainAConditionalModelMeasuredByClassAgreementWithTheModeSeekingTermAndPacksAsked() throws Exception {
        vm.dataSourceProperty().set(TrainingViewModel.DataSource.DIGITS_BY_CLASS);
        vm.modeSeekingProperty().set(0.3);
        vm.decayFromProperty().set(4);
        vm.packProperty().set(3);
        vm.start();
        assertTrue(vm.errorProperty().get().contains("must divide the batch of 4"), "packs of 3 in a batch of 4: " + vm.errorProperty().get());
        vm.packProperty().set(2);
        vm.outputNameProperty().set("by-class");
        vm.stepsProperty().set(6);
        vm.previewEveryProperty().set(3);
        vm.start();
        fx.pumpUntil(() -> vm.getState() == State.DONE || vm.getState() == State.FAILED, 240);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        ModelCard card = ModelCard.read(userData.resolve("models").resolve("by-class"));
        assertEquals(dev.latentstudio.engine.gan.Dcgan.CONDITIONAL28_ID, card.architecture());
        assertEquals(10, card.labels().size());
        assertTrue(card.quality().get("class_agreement") instanceof Number, "measured as a conditional model: " + card.quality());
        assertTrue(card.command().endsWith(" --mode-seeking 0.3 --pack 2"), "the session trained with the term and packs: " + card.command());
        assertTrue(card.command().contains(" --decay-from 4 "), "and the learning rate's decay: " + card.command());
    }

    @Test
    void stopWhilePausedKeepsACheckpointThatStepModeCanContinue() throws Exception {
        vm.outputNameProperty().set("paused-run");
        vm.stepsProperty().set(500);
        vm.previewEveryProperty().set(1000);
        assertFalse(vm.stepMode().canStepFromRunProperty().get(), "no run yet");
        vm.start();
        assertTrue(vm.stepMode().canStepProperty().get(), "step mode has networks of its own: it works beside a run");
        fx.pumpUntil(() -> vm.stepProperty().get() >= 10, 120);
        vm.pause();
        vm.stop();
        fx.pumpUntil(() -> vm.getState() == State.STOPPED, 120);
        Path run = userData.resolve("models").resolve("paused-run");
        long saved = Checkpoint.read(run).state().step();
        assertTrue(saved >= 10, "checkpoint at step " + saved);

        assertTrue(vm.stepMode().canStepFromRunProperty().get());
        vm.stepMode().fromRun();
        fx.pumpUntil(() -> vm.stepMode().canStepProperty().get() && vm.stepMode().snapshotProperty().get() != null, 120);
        assertEquals(saved, vm.stepMode().snapshotProperty().get().dUpdates(), "step mode starts from the run's networks");
        vm.stepMode().stepDiscriminator();
        fx.pumpUntil(() -> vm.stepMode().canStepProperty().get(), 60);
        assertEquals(saved + 1, vm.stepMode().snapshotProperty().get().dUpdates());
        assertEquals(2, vm.stepMode().lossesProperty().size());
    }

    @Test
    void stepModeStepsOnTheChosenDataAndARunOnItsOwn() throws Exception {
        long seed = vm.seedProperty().get();
        double lr = vm.learningRateProperty().get();
        int n = StepModeViewModel.BATCH;
        Dcgan.Architecture byClass = Dcgan.Architecture.conditional28(10);
        int[] garment = GanStepper.fresh(byClass, Dataset.FASHION.train(), n, seed, lr).snapshot().real().get(0);
        int[] digit = GanStepper.fresh(byClass, Dataset.DIGITS.train(), n, seed, lr).snapshot().real().get(0);

        vm.dataSourceProperty().set(TrainingViewModel.DataSource.FASHION_BY_CLASS);
        vm.outputNameProperty().set("garment-run");
        vm.stepsProperty().set(500);
        vm.previewEveryProperty().set(1000);
        vm.start();
        fx.pumpUntil(() -> vm.stepProperty().get() >= 3, 120);
        vm.stop();
        fx.pumpUntil(() -> vm.getState() == State.STOPPED, 120);

        vm.dataSourceProperty().set(TrainingViewModel.DataSource.DIGITS_BY_CLASS); // chosen after the run
        vm.stepMode().fromRun();
        fx.pumpUntil(() -> !vm.stepMode().busyProperty().get() && vm.stepMode().snapshotProperty().get() != null, 120);
        assertEquals("", vm.stepMode().errorProperty().get());
        assertArrayEquals(garment, vm.stepMode().snapshotProperty().get().real().get(0), "the run's garments, not the digits chosen now");

        vm.stepMode().reset();
        vm.stepMode().stepDiscriminator();
        fx.pumpUntil(() -> !vm.stepMode().busyProperty().get() && vm.stepMode().snapshotProperty().get() != null, 120);
        assertArrayEquals(digit, vm.stepMode().snapshotProperty().get().real().get(0), "fresh networks step on the chosen digits");

        vm.dataSourceProperty().set(TrainingViewModel.DataSource.FOLDER);
        assertNull(vm.stepMode().snapshotProperty().get(), "other data: the digit networks are dropped");
        vm.stepMode().stepDiscriminator();
        assertEquals("Choose an image folder first.", vm.stepMode().errorProperty().get());
        assertNull(vm.stepMode().snapshotProperty().get());

        vm.dataSourceProperty().set(TrainingViewModel.DataSource.DIGITS_BY_CLASS);
        vm.stepMode().stepDiscriminator(); // under way (its result waits for the FX queue)…
        vm.dataSourceProperty().set(TrainingViewModel.DataSource.FASHION_BY_CLASS); // …when the data change
        fx.pumpUntil(() -> !vm.stepMode().busyProperty().get(), 120);
        assertNull(vm.stepMode().snapshotProperty().get(), "an update for the dropped digit networks is not shown");
        vm.stepMode().stepDiscriminator();
        fx.pumpUntil(() -> !vm.stepMode().busyProperty().get() && vm.stepMode().snapshotProperty().get() != null, 120);
        assertArrayEquals(garment, vm.stepMode().snapshotProperty().get().real().get(0), "the next step builds networks for the garments");
    }

    @Test
    void namesAreCheckedAndAnExistingRunIsNotOverwritten() throws Exception {
        vm.outputNameProperty().set("a/b");
        assertFalse(vm.nameProblemProperty().get().isEmpty());
        assertFalse(vm.canStartProperty().get());
        vm.outputNameProperty().set("..");
        assertFalse(vm.canStartProperty().get());
        vm.outputNameProperty().set(" ");
        assertFalse(vm.canStartProperty().get());
        vm.outputNameProperty().set("taken");
        assertTrue(vm.canStartProperty().get());

        assertEquals("", vm.freshNameProperty().get());
        Files.createDirectories(StudioPaths.userModels().resolve("taken"));
        Files.createDirectories(StudioPaths.userModels().resolve("taken-2"));
        vm.outputNameProperty().set("taken ");
        assertEquals("taken-3", vm.freshNameProperty().get(), "the name is taken: a free one is offered");
        vm.start();
        assertEquals(State.IDLE, vm.getState());
        assertTrue(vm.errorProperty().get().contains("already exists") && vm.errorProperty().get().contains("'taken-3'"),
                vm.errorProperty().get());
        vm.useFreshName();
        assertEquals("taken-3", vm.outputNameProperty().get());
        assertEquals("", vm.freshNameProperty().get());
        vm.outputNameProperty().set("taken-2");
        assertEquals("taken-3", vm.freshNameProperty().get(), "a numbered name counts on");
    }

    @Test
    void aBadFolderIsReportedAndCannotBeTrainedOn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.png"), "this is text, not a picture");
        Files.createFile(dir.resolve("empty.jpg"));
        vm.folder().choose(dir);
        assertEquals(TrainingViewModel.DataSource.FOLDER, vm.dataSourceProperty().get());
        assertFalse(vm.canStartProperty().get(), "nothing to start while reading");
        fx.pumpUntil(() -> !vm.folder().loadingProperty().get(), 60);

        String report = vm.folder().reportProperty().get();
        assertTrue(report.contains("notes.png") && report.contains("empty.jpg"), report);
        assertTrue(vm.errorProperty().get().startsWith("Nothing in this folder can be trained on"), vm.errorProperty().get());
        assertNull(vm.folder().dataProperty().get());
        assertFalse(vm.canStartProperty().get());

        vm.dataSourceProperty().set(TrainingViewModel.DataSource.DIGITS);
        assertTrue(vm.canStartProperty().get(), "the digits are always there");
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aFolderWithSomeGoodImagesReportsTheSkippedOnesAndTrainsTheColourDcgan(@TempDir Path dir) throws Exception {
        for (int k = 0; k < 2; k++) {
            BufferedImage img = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 80; y++) for (int x = 0; x < 80; x++) img.setRGB(x, y, (x * 3) << 16 | (y * 3) << 8 | k * 200);
            ImageIO.write(img, "png", dir.resolve("good" + k + ".png").toFile());
        }
        Files.writeString(dir.resolve("bad.png"), "not a png");
        vm.folder().choose(dir);
        fx.pumpUntil(() -> !vm.folder().loadingProperty().get(), 60);

        assertNotNull(vm.folder().dataProperty().get());
        assertEquals(2, vm.folder().dataProperty().get().size());
        String report = vm.folder().reportProperty().get();
        assertTrue(report.contains("skipped bad.png") && report.endsWith("2 loaded, 1 skipped"), report);
        assertEquals("", vm.errorProperty().get());

        vm.outputNameProperty().set("from-folder");
        vm.start(); // batch 4 > 2 pictures
        assertEquals(State.IDLE, vm.getState());
        assertTrue(vm.errorProperty().get().contains("fewer than one batch of 4"), vm.errorProperty().get());
        assertFalse(Files.exists(StudioPaths.userModels().resolve("from-folder")), "nothing written");

        vm.batchProperty().set(2);
        vm.widthProperty().set(4); // a tiny 64×64 DCGAN: seconds, not minutes
        vm.stepsProperty().set(3);
        vm.previewEveryProperty().set(1);
        vm.start();
        fx.pumpUntil(() -> vm.getState() == State.DONE || vm.getState() == State.FAILED, 300);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertTrue(vm.previewProperty().get().width() >= 8 * 64, "an 8×8 grid of 64×64 samples");
        ModelStore.Entry e = ModelStore.find(vm.lastSavedModelProperty().get().toString());
        assertEquals("dcgan-64", e.card().architecture());
        assertEquals(3, e.card().channels());
        assertTrue(ModelStore.list(ModelCard.GENERATOR).stream().anyMatch(m -> m.dir().equals(e.dir())));
    }

    @Test
    void aFolderOfClassSubFoldersTrainsTheConditional64Dcgan(@TempDir Path dir) throws Exception {
        for (String cls : new String[]{"red", "blue"}) {
            Path sub = Files.createDirectories(dir.resolve(cls));
            for (int k = 0; k < 2; k++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) img.setRGB(x, y, cls.equals("red") ? (200 + k) << 16 : 200 + k);
                ImageIO.write(img, "png", sub.resolve("p" + k + ".png").toFile());
            }
        }
        vm.folder().choose(dir);
        fx.pumpUntil(() -> !vm.folder().loadingProperty().get(), 60);
        assertNull(vm.folder().classNamesOrNull(), "as a plain folder the sub-folders are skipped");
        assertTrue(vm.folder().reportProperty().get().contains("sub-folder"), vm.folder().reportProperty().get());

        vm.dataSourceProperty().set(TrainingViewModel.DataSource.FOLDER_BY_CLASS); // reads it again, by class
        fx.pumpUntil(() -> vm.folder().dataProperty().get() != null && !vm.folder().loadingProperty().get(), 60);
        assertEquals(java.util.List.of("blue", "red"), vm.folder().classNamesOrNull());
        vm.outputNameProperty().set("by-class");
        vm.batchProperty().set(2);
        vm.widthProperty().set(4);
        vm.stepsProperty().set(2);
        vm.start();
        fx.pumpUntil(() -> vm.getState() == State.DONE || vm.getState() == State.FAILED, 300);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        ModelStore.Entry e = ModelStore.find(vm.lastSavedModelProperty().get().toString());
        assertEquals("cdcgan-64", e.card().architecture());
        assertEquals(java.util.List.of("blue", "red"), e.card().labels());
    }

    @Test
    void stepModeRecordsEveryUpdateAndShowsScoresPerImage() throws Exception {
        assertTrue(vm.stepMode().canStepProperty().get());
        vm.stepMode().stepDiscriminator();
        assertFalse(vm.stepMode().canStepProperty().get(), "one update at a time");
        fx.pumpUntil(() -> vm.stepMode().snapshotProperty().get() != null, 120);
        var s = vm.stepMode().snapshotProperty().get();
        assertEquals(1, s.dUpdates());
        assertEquals(StepModeViewModel.BATCH, s.realScores().length);
        assertEquals(StepModeViewModel.BATCH, s.fakes().size());
        assertEquals(2, vm.stepMode().lossesProperty().size(), "the state before and after the update");

        vm.stepMode().stepGenerator();
        fx.pumpUntil(() -> vm.stepMode().canStepProperty().get(), 60);
        assertEquals(1, vm.stepMode().snapshotProperty().get().gUpdates());

        vm.stepMode().stepRounds();
        fx.pumpUntil(() -> vm.stepMode().canStepProperty().get(), 120);
        var after = vm.stepMode().snapshotProperty().get();
        assertEquals(1 + StepModeViewModel.ROUNDS, after.dUpdates());
        assertEquals(1 + StepModeViewModel.ROUNDS, after.gUpdates());
        assertEquals(3 + 2 * StepModeViewModel.ROUNDS, vm.stepMode().lossesProperty().size());
        assertEquals("", vm.stepMode().errorProperty().get());

        vm.stepMode().reset();
        assertNull(vm.stepMode().snapshotProperty().get());
        assertTrue(vm.stepMode().lossesProperty().isEmpty());
    }
}
