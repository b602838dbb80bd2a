package dev.latentstudio.app.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.booth.BoothViewModel;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.app.common.TrainingRunViewModel.State;
import dev.latentstudio.app.partner.TranslateViewModel.Result;
import dev.latentstudio.engine.model.ModelStore;
import dev.latentstudio.engine.pix2pix.Pix2PixCheckpoint;
import dev.latentstudio.engine.pix2pix.Pix2PixTrainer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Partner screen's view models without a stage: FX-thread work runs on the test thread through {@link FxQueue}. */
class PartnerViewModelTest {
    @TempDir
    Path dir;
    private String savedData;
    private String savedHome;
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private Path userModels;

    @BeforeEach
    void pointUserDataAtTemp() {
        savedData = System.getProperty("studio.data");
        savedHome = System.getProperty("studio.home");
        System.setProperty("studio.data", dir.resolve("user").toString());
        userModels = dir.resolve("user").resolve("models");
    }

    @AfterEach
    void restore() {
        jobs.close();
        restore("studio.data", savedData);
        restore("studio.home", savedHome);
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    private PartnerViewModel tinyTraining(String name, int steps) {
        PartnerViewModel vm = new PartnerViewModel(jobs, TinyPix2Pix::pairs);
        PartnerTrainingViewModel t = vm.training();
        t.sizeProperty().set(32);
        t.filtersProperty().set(4);
        t.dFiltersProperty().set(4);
        t.batchProperty().set(1);
        t.stepsProperty().set(steps);
        t.evaluateProperty().set(false);
        t.outputNameProperty().set(name);
        return vm;
    }

    private void pumpFor(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        fx.pumpUntil(() -> System.nanoTime() > end, 60);
    }

    private static long distinct(Picture p) {
        return Arrays.stream(p.argb()).distinct().count();
    }

    /** The range of grey levels (the green channel) a picture spans. */
    static int spread(Picture p) {
        int lo = 255, hi = 0;
        for (int v : p.argb()) {
            lo = Math.min(lo, v >> 8 & 0xff);
            hi = Math.max(hi, v >> 8 & 0xff);
        }
        return hi - lo;
    }

    private void translated(TranslateViewModel t) throws InterruptedException {
        fx.pumpUntil(() -> !t.busyProperty().get(), 120);
    }

    @Test
    void trainsTwoStepsIntoAModelTheTranslateTabChoosesThenTranslatesADroppedPicture() throws Exception {
        PartnerViewModel vm = tinyTraining("tiny", TinyPix2Pix.STEPS);
        PartnerTrainingViewModel t = vm.training();
        t.previewEveryProperty().set(1);
        assertTrue(vm.translate().modelsProperty().stream().noneMatch(c -> c.yours()), "no model of the user's yet");
        assertTrue(t.canStartProperty().get());
        t.start();
        assertEquals(State.RUNNING, t.getState());
        assertFalse(t.canStartProperty().get(), "one run at a time");
        fx.pumpUntil(() -> t.getState() == State.DONE || t.getState() == State.FAILED, 240);
        assertEquals(State.DONE, t.getState(), t.errorProperty().get());
        assertEquals(TinyPix2Pix.STEPS, t.stepProperty().get());
        assertEquals(1.0, t.progressProperty().get());
        assertFalse(t.lossesProperty().isEmpty(), "D and G-adversarial points");
        assertFalse(t.l1Property().isEmpty(), "L1 points");
        PartnerTrainingViewModel.Figures f = t.figuresProperty().get();
        assertTrue(Double.isFinite(f.gL1()) && f.gL1() > 0, "L1 " + f.gL1());
        assertTrue(Double.isFinite(f.dLoss()) && Double.isFinite(f.gAdversarial()) && f.dReal() >= 0 && f.dReal() <= 1);
        assertEquals("", f.eta(), "no time left once done");
        assertTrue(t.reportProperty().get().contains("edges → garments"), t.reportProperty().get());
        Picture preview = t.previewProperty().get();
        assertNotNull(preview, "a preview arrived");
        assertTrue(distinct(preview) > 8, "the preview is A | G(A) | B pictures, not a flat fill");
        assertTrue(t.frameCountProperty().get() >= 1);

        Path model = userModels.resolve("tiny");
        assertEquals(model, t.lastSavedModelProperty().get());
        assertTrue(ModelStore.list(Pix2PixTrainer.KIND).stream().anyMatch(e -> e.dir().equals(model)), "listed as a pix2pix model");
        TranslateViewModel.Choice chosen = vm.translate().modelProperty().get();
        assertNotNull(chosen, "the finished model is offered and chosen in the Translate tab");
        assertEquals(model.toAbsolutePath().normalize(), chosen.dir());
        assertTrue(chosen.yours());

        Path gif = dir.resolve("previews.gif");
        t.saveGif(gif);
        fx.pumpUntil(() -> t.statusTextProperty().get().startsWith("Saved") || !t.errorProperty().get().isEmpty(), 60);
        assertEquals("", t.errorProperty().get());
        assertNotNull(ImageIO.read(gif.toFile()), "a readable GIF");

        // a picture dropped on the canvas: what the model sees and what it draws, at its side
        TranslateViewModel tr = vm.translate();
        tr.drop(TinyPix2Pix.outline(dir.resolve("outline.png")));
        assertTrue(tr.busyProperty().get(), "translation runs as a job, not in the call");
        translated(tr);
        assertEquals("", tr.errorProperty().get());
        Result r = tr.resultProperty().get();
        assertNotNull(r);
        assertEquals(32, r.output().width());
        assertEquals(32, r.output().height());
        assertEquals(32, r.input().width());
        assertTrue(distinct(r.input()) > 2, "the model's input is the outline, not blank");
        assertTrue(distinct(r.output()) > 2 && spread(r.output()) > 2, "the partner is not a flat fill: "
                + distinct(r.output()) + " colours, grey levels spread over " + spread(r.output()));
        // it follows its input: another picture, another partner
        tr.translatePicture(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "a black square");
        translated(tr);
        Result black = tr.resultProperty().get();
        assertEquals("a black square", black.origin());
        assertFalse(Arrays.equals(r.output().argb(), black.output().argb()), "the partner depends on the picture");

        // an unreadable file: the guarded reader's words, naming the file; the last result stays
        Path bad = dir.resolve("not-a-picture.png");
        Files.writeString(bad, "this is text, not a PNG");
        tr.drop(bad);
        translated(tr);
        String error = tr.errorProperty().get();
        assertTrue(error.contains("not-a-picture.png") && error.contains("not an image"), error);
        assertSame(black, tr.resultProperty().get());

        Path png = dir.resolve("partner.png");
        tr.exportPng(png);
        fx.pumpUntil(() -> Files.exists(png), 30);
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertTrue(sheet.getWidth() > 2 * sheet.getHeight() - 10 && sheet.getHeight() >= TranslateViewModel.EXPORT_SIDE,
                "both pictures side by side, enlarged: " + sheet.getWidth() + "×" + sheet.getHeight());
    }

    @Test
    void pausesResumesStopsWithACheckpointAndResumesFromTheRunFolder() throws Exception {
        PartnerViewModel vm = tinyTraining("held", 3000);
        PartnerTrainingViewModel t = vm.training();
        t.previewEveryProperty().set(10_000);
        t.checkpointEveryProperty().set(10_000);
        t.start();
        fx.pumpUntil(() -> t.stepProperty().get() >= 5, 180);
        assertTrue(t.figuresProperty().get().imagesPerSecond() > 0);
        assertFalse(t.figuresProperty().get().eta().isEmpty());

        t.pause();
        assertEquals(State.PAUSED, t.getState());
        pumpFor(1500); // events already on their way arrive; then nothing moves
        long pausedAt = t.stepProperty().get();
        pumpFor(1500);
        assertEquals(pausedAt, t.stepProperty().get(), "no steps while paused");

        t.resume();
        assertEquals(State.RUNNING, t.getState());
        fx.pumpUntil(() -> t.stepProperty().get() > pausedAt, 120);

        t.stop();
        fx.pumpUntil(() -> t.getState() == State.STOPPED, 120);
        Path run = userModels.resolve("held");
        assertTrue(Pix2PixCheckpoint.exists(run), "stop keeps a checkpoint");
        long saved = Pix2PixCheckpoint.read(run).state().step();
        assertTrue(saved > pausedAt && saved < 3000, "checkpoint at the stopped step, was " + saved);
        assertTrue(t.canResumeRunProperty().get());
        assertNull(t.lastSavedModelProperty().get());

        // later, in a new session: pick the run's folder and continue it
        PartnerTrainingViewModel later = tinyTraining("other", 3000).training();
        later.chooseRun(dir);
        assertTrue(later.errorProperty().get().contains("no pix2pix checkpoint"), later.errorProperty().get());
        assertFalse(later.canResumeRunProperty().get());
        later.chooseRun(run);
        assertTrue(later.canResumeRunProperty().get(), later.errorProperty().get());
        later.stepsProperty().set((int) saved + 3);
        later.resumeRun();
        fx.pumpUntil(() -> later.getState() == State.DONE || later.getState() == State.FAILED, 180);
        assertEquals(State.DONE, later.getState(), later.errorProperty().get());
        assertEquals(run, later.lastSavedModelProperty().get());
    }

    @Test
    void withNoPix2PixModelTheTabSaysWhatToDoAndStartsNothing() throws Exception {
        Path home = Files.createDirectories(dir.resolve("bare-home").resolve("models"));
        System.setProperty("studio.home", home.getParent().toString());
        TranslateViewModel t = new PartnerViewModel(jobs).translate();
        assertTrue(t.modelsProperty().isEmpty());
        assertFalse(t.hasModelsProperty().get());
        assertNull(t.modelProperty().get());
        t.drop(TinyPix2Pix.outline(dir.resolve("outline.png")));
        assertEquals(TranslateViewModel.noModelText(), t.errorProperty().get());
        assertFalse(t.busyProperty().get());
        assertEquals(0, jobs.getRunning(), "no job for a picture that no model can translate");
    }

    @Test
    void snapshotsWithoutACameraSayWhyAndAFolderOrTheBoothsFrameAreTranslated() throws Exception {
        TinyPix2Pix.train(userModels.resolve("tiny"), 2);
        TranslateViewModel t = new PartnerViewModel(jobs).translate();
        t.choose(userModels.resolve("tiny"));
        assertNotNull(t.modelProperty().get());

        t.cameraProperty().set("camera:9");
        t.snapshot();
        translated(t);
        assertTrue(t.errorProperty().get().contains("no camera at index 9"), t.errorProperty().get());
        assertNull(t.resultProperty().get());

        Path folder = Files.createDirectories(dir.resolve("frames"));
        TinyPix2Pix.outline(folder.resolve("a.png"));
        t.cameraProperty().set(folder.toString());
        t.snapshot();
        translated(t);
        assertEquals("", t.errorProperty().get());
        assertNotNull(t.resultProperty().get());
        assertTrue(t.resultProperty().get().origin().startsWith("snapshot of"), t.resultProperty().get().origin());

        // the booth's Partner button: nothing on screen yet is a message; its frame goes to this translate
        BoothViewModel booth = new BoothViewModel(jobs, () -> {
            throw new AssertionError("the face networks are not needed");
        }, folder);
        booth.setPartner("Partner", frame -> t.translatePicture(frame, "the booth's frame"));
        assertEquals("Partner", booth.partnerScreenProperty().get());
        assertFalse(booth.sendToPartner());
        assertFalse(booth.errorProperty().get().isEmpty());
        t.translatePicture(ImageIO.read(folder.resolve("a.png").toFile()), "the booth's frame");
        translated(t);
        assertEquals("the booth's frame", t.resultProperty().get().origin());
    }

    /** As on the Training screen: a taken output name is never overwritten, and the first free one is offered. */
    @Test
    void aTakenOutputNameIsRefusedAndTheFirstFreeOneOffered() throws Exception {
        PartnerViewModel vm = tinyTraining("my-pairs", 1);
        PartnerTrainingViewModel t = vm.training();
        assertEquals("", t.freshNameProperty().get(), "a free name needs no other");
        Files.createDirectories(userModels.resolve("my-pairs"));
        Files.writeString(userModels.resolve("my-pairs").resolve("notes.txt"), "the user's own");
        t.outputNameProperty().set("my-pairs ");
        assertEquals("my-pairs-2", t.freshNameProperty().get());
        t.start();
        assertEquals(State.IDLE, t.getState(), "nothing started into a taken folder");
        assertTrue(t.errorProperty().get().contains("already exists") && t.errorProperty().get().contains("'my-pairs-2'"),
                t.errorProperty().get());
        assertEquals("the user's own", Files.readString(userModels.resolve("my-pairs").resolve("notes.txt")));
        t.useFreshName();
        assertEquals("my-pairs-2", t.outputNameProperty().get());
        assertEquals("", t.freshNameProperty().get());
    }
}
