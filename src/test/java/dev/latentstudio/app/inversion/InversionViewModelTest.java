package dev.latentstudio.app.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.app.inversion.InversionViewModel.Result;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.invert.ClassVisualisation;
import dev.latentstudio.engine.invert.DeepDream;
import dev.latentstudio.engine.invert.FeatureInversion;
import java.nio.file.Files;
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
    void theFaceRecogniserOffersPortraitsOfASamplePhotosFaceAndChannelsAtItsLayers(@TempDir Path dir) throws Exception {
        assertTrue(vm.modelsProperty().contains(InversionViewModel.FACE_MODEL), vm.modelsProperty().toString());
        vm.objectiveProperty().set(Technique.DREAM);
        vm.modelProperty().set(InversionViewModel.FACE_MODEL);
        assertEquals(java.util.List.of(Technique.PORTRAIT, Technique.CHANNEL), vm.objectivesProperty());
        assertEquals(Technique.PORTRAIT, vm.objectiveProperty().get(), "a kind the recogniser lacks gives way");
        fx.pumpUntil(() -> vm.originalProperty().get() != null && vm.layersProperty().contains("conv32_1_conv1"), 60);
        assertEquals(150, vm.originalProperty().get().width(), "the aligned face of sample photo 1");
        vm.heldOutProperty().set(2);
        vm.stepsProperty().set(6);
        vm.previewEveryProperty().set(2);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result r = vm.galleryProperty().get(0);
        assertEquals("the face in sample3.jpg", r.settings().target());
        assertTrue(r.verdict().startsWith("distance "), r.verdict());
        assertEquals(0, r.probabilities().length);
        assertEquals(150, r.picture().width());
        Path png = dir.resolve("portrait.png");
        await(vm.exportPng(png));
        assertEquals(150, ImageIO.read(png.toFile()).getWidth(), "a face is exported at its own size");

        vm.objectiveProperty().set(Technique.CHANNEL);
        vm.layerProperty().set("conv32_1_conv1");
        vm.channelProperty().set(4);
        vm.stepsProperty().set(4);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        assertEquals("conv32_1_conv1 channel 4", vm.galleryProperty().get(1).settings().target());
        assertTrue(vm.galleryProperty().get(1).verdict().startsWith("activation"), vm.galleryProperty().get(1).verdict());

        vm.modelProperty().set(ModelStore.DEFAULT_CLASSIFIER);
        assertEquals(Technique.CHANNEL, vm.objectiveProperty().get(), "channel stays on the digits");
        assertTrue(vm.objectivesProperty().contains(Technique.CLASS) && !vm.objectivesProperty().contains(Technique.PORTRAIT));
    }

    @Test
    void aDraggedLandmarkRunsAMoveOfThatPointHeldByTheRecognisersIdentityAsTheCliDoes() throws Exception {
        vm.modelProperty().set(InversionViewModel.LANDMARKS_MODEL);
        vm.objectiveProperty().set(Technique.LANDMARKS);
        fx.pumpUntil(() -> vm.landmarksProperty().get() != null, 120);
        double[] points = vm.landmarksProperty().get();
        assertEquals(136, points.length);
        assertEquals(112, vm.originalProperty().get().width(), "the face as the landmark net sees it");
        assertTrue(vm.photoPixelsPerPicturePixelProperty().get() > 1, "sample1's face is larger than 112 px");
        assertEquals(48, vm.nearestLandmark(points[96] + 0.5, points[97] - 0.5, 3), "a press near the mouth corner picks it");
        assertEquals(-1, vm.nearestLandmark(-50, -50, 3));
        assertEquals(200, vm.identityWeightProperty().get(), "identity 200 by default, as ./studio invert landmarks");
        assertEquals(0, vm.appearanceWeightProperty().get());

        vm.dragLandmark(48, 0, 0);
        assertFalse(vm.canStartProperty().get(), "a point picked but not moved is no move");
        vm.dragLandmark(48, -4, -2);
        assertEquals(InversionViewModel.POINT_MOVE, vm.moveProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertEquals("landmark 48 by (-4.0, -2.0) px on the face in sample1.jpg", vm.targetText());
        vm.stepsProperty().set(10);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 300);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result held = vm.galleryProperty().get(0);
        double[] w = held.settings().weights();
        for (int i = 0; i < w.length; i++) assertEquals(i == 96 ? -4 : i == 97 ? -2 : 0, w[i], 0, "the target moves point 48 alone: " + i);
        assertTrue(held.metrics().get("mean_error") < Math.hypot(4, 2), "point 48 moved toward its target, "
                + Math.hypot(4, 2) + " px away at the start: " + held.verdict());
        assertTrue(held.metrics().containsKey("identity"), "the identity term is in the climb: " + held.metrics());
        assertTrue(held.verdict().contains("identity distance"), held.verdict());
        assertTrue(held.settings().describe().contains("identity 200"), held.settings().describe());

        // the next move would build on the result; this one goes back to the original face, at identity 0
        assertTrue(vm.continuingProperty().get());
        assertEquals(-1, vm.dragPointProperty().get(), "the move done is not asked again");
        vm.startFromOriginal();
        fx.pumpUntil(() -> !vm.continuingProperty().get(), 120);
        assertArrayEquals(points, vm.landmarksProperty().get(), 1e-9, "the original face's points again");
        vm.dragLandmark(48, -4, -2);
        vm.identityWeightProperty().set(0);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 300);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result free = vm.galleryProperty().get(1);
        assertFalse(free.metrics().containsKey("identity"), "weight 0: no identity term: " + free.metrics());
        assertTrue(held.metrics().get("identity_distance") < free.metrics().get("identity_distance"),
                "the hold keeps the face nearer the original's descriptor: " + held.metrics().get("identity_distance") + " with 200, "
                        + free.metrics().get("identity_distance") + " with 0");

        vm.dragLandmark(48, -4, -2); // a drag on the result's face
        vm.dragMirroredProperty().set(true);
        assertEquals("landmark 48 by (-4.0, -2.0) px and its mirror on the face in sample1.jpg", vm.targetText());
        assertEquals(4, vm.weights()[2 * 54], 0, "the other corner, reflected");
        vm.dragMirroredProperty().set(false);
        vm.dragGroupProperty().set(true);
        assertEquals("landmark 48 with its group (outer_mouth) by (-4.0, -2.0) px on the face in sample1.jpg", vm.targetText());
        for (int k = 0; k < 68; k++) {
            boolean lips = k >= 48 && k <= 59;
            assertArrayEquals(lips ? new double[]{-4, -2} : new double[2], new double[]{vm.weights()[2 * k], vm.weights()[2 * k + 1]}, 0,
                    "the outer lips move together, nothing else: " + k);
        }
        vm.moveProperty().set("smile");
        assertEquals(-6 / Math.sqrt(2), vm.weights()[96], 1e-9, "a named move again (smile 6 px): the drag no longer applies");
    }

    @Test
    void theExpressionNetVisualisesAnExpression() throws Exception {
        assertTrue(vm.modelsProperty().contains(InversionViewModel.EXPRESSION_MODEL), vm.modelsProperty().toString());
        vm.modelProperty().set(InversionViewModel.EXPRESSION_MODEL);
        assertEquals(java.util.List.of(Technique.CLASS, Technique.CHANNEL), vm.objectivesProperty());
        fx.pumpUntil(() -> vm.layersProperty().contains("fc"), 60);
        vm.digitProperty().set(InversionViewModel.EXPRESSIONS.indexOf("surprised"));
        assertEquals("surprised", vm.targetText());
        vm.stepsProperty().set(8);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result r = vm.galleryProperty().get(0);
        assertEquals(7, r.probabilities().length);
        assertEquals(112, r.picture().width());
        assertTrue(r.verdict().startsWith("p = "), r.verdict());
        assertEquals("surprised", InversionViewModel.classLabel(r.settings().model(), r.topClass()),
                "8 steps from the (happy) mean face already make it surprised: " + java.util.Arrays.toString(r.probabilities()));

        vm.modelProperty().set(InversionViewModel.AGE_GENDER_MODEL);
        assertEquals(Technique.CLASS, vm.objectiveProperty().get());
        vm.digitProperty().set(InversionViewModel.classLabels(InversionViewModel.AGE_GENDER_MODEL).indexOf("older"));
        assertEquals("older", vm.targetText());
        vm.stepsProperty().set(6);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result older = vm.galleryProperty().get(1);
        assertTrue(older.verdict().matches("age -?[0-9.]+, P\\(male\\) [0-9.]+"), older.verdict());
        assertEquals(0, older.probabilities().length, "a regression and a gender, not classes");
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
        assertEquals(30, r.settings().knobs().steps());
        assertEquals(10, r.frames().size(), "the GIF's frames: steps 3, 6, …, 30");
        assertEquals(28, r.picture().width());
        assertTrue(r.score() > 0 && r.score() <= 1, "p = " + r.score());
        assertEquals(r.probabilities()[7], r.score(), 1e-12);
        assertEquals(String.format(java.util.Locale.ROOT, "p = %.4f", r.score()), vm.verdictProperty().get());
        assertTrue(distinct(r.picture().argb()) > 8, "not a blank picture");

        Path png = await(vm.exportPng(dir.resolve("seven.png")));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "the PNG reads back");
        assertEquals(InversionViewModel.EXPORT_WIDTH, img.getWidth());
        assertEquals(r.picture().argb()[14 * 28 + 14] & 0xffffff,
                img.getRGB(InversionViewModel.EXPORT_WIDTH / 2, InversionViewModel.EXPORT_WIDTH / 2) & 0xffffff);

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
        assertEquals(r.probabilities()[3] + r.probabilities()[8], r.score(), 1e-12);

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
        assertEquals(r.verdict(), vm.verdictProperty().get());
    }

    @Test
    void reconstructionDreamAndChannelRunAtTheChosenLayerFromTheChosenPicture(@TempDir Path dir) throws Exception {
        vm.objectiveProperty().set(Technique.RECONSTRUCT);
        fx.pumpUntil(() -> vm.layersProperty().contains("conv1") && vm.originalProperty().get() != null, 60);
        assertEquals("conv2", vm.layerProperty().get(), "each kind opens at its default layer");
        assertEquals(FeatureInversion.Options.DEFAULTS.tv(), vm.tvProperty().get(), 1e-12, "and with its own defaults");
        vm.layerProperty().set("conv1");
        vm.heldOutProperty().set(4);
        vm.stepsProperty().set(60);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result rec = vm.galleryProperty().get(0);
        assertEquals("held-out digit 4 from conv1", rec.settings().target());
        assertNotNull(rec.original());
        assertTrue(rec.score() > 0.5, "conv1 keeps most of a digit: SSIM " + rec.score());
        assertTrue(rec.verdict().startsWith("SSIM "), rec.verdict());

        // the user's picture: a bad file is an error and the held-out digit stays; a good one is used
        Path junk = Files.writeString(dir.resolve("junk.png"), "not a picture");
        vm.pictureFileProperty().set(junk);
        fx.pumpUntil(() -> !vm.errorProperty().get().isEmpty(), 30);
        assertTrue(vm.errorProperty().get().contains("junk.png"), vm.errorProperty().get());
        fx.pumpUntil(() -> vm.pictureFileProperty().get() == null, 30);
        BufferedImage mine = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = mine.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(20, 8, 20, 24);
        g.dispose();
        Path good = dir.resolve("mine.png");
        ImageIO.write(mine, "png", good.toFile());
        Picture before = vm.originalProperty().get();
        vm.pictureFileProperty().set(good);
        fx.pumpUntil(() -> vm.originalProperty().get() != before, 30);
        assertEquals("", vm.errorProperty().get());

        vm.objectiveProperty().set(Technique.DREAM);
        assertEquals(DeepDream.Options.DEFAULTS.octaves(), vm.octavesProperty().get());
        vm.stepsProperty().set(8);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result dream = vm.galleryProperty().get(1);
        assertEquals("mine.png dreamt at conv2", dream.settings().target());
        assertEquals(16, dream.losses().size(), "two octaves of 8 steps, charted as one run");
        assertTrue(dream.verdict().startsWith("activation "), dream.verdict());

        vm.objectiveProperty().set(Technique.CHANNEL);
        vm.channelProperty().set(5);
        vm.stepsProperty().set(20);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result ch = vm.galleryProperty().get(2);
        assertEquals("conv2 channel 5", ch.settings().target());
        assertTrue(ch.losses().get(19).a() > ch.losses().get(0).a(), "the channel's activation climbs");

        vm.channelProperty().set(5000);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 60);
        assertEquals(State.FAILED, vm.getState());
        assertTrue(vm.errorProperty().get().contains("channels 0..63"), vm.errorProperty().get());
    }

    @Test
    void cgmmDrawsADigitWithTheAskedAttributes() throws Exception {
        vm.objectiveProperty().set(Technique.CGMM);
        fx.pumpUntil(() -> "fc1".equals(vm.layerProperty().get()), 60);
        vm.digitProperty().set(7);
        vm.slantProperty().set("slant-right");
        assertEquals("7+slant-right at fc1", vm.targetText());
        vm.stepsProperty().set(80);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 240);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result r = vm.galleryProperty().get(0);
        assertEquals(7, r.topClass(), "the classifier sees the asked digit: " + java.util.Arrays.toString(r.probabilities()));
        assertTrue(r.verdict().startsWith("p(7) = "), r.verdict());
        assertEquals(80, r.losses().size(), "only the inversion's steps are charted, not the fit's");
    }

    @Test
    void theGarmentClassifierDrawsASneakerFromTheMeanGarmentAndStartsFromItsOwnTestGarments() throws Exception {
        assertTrue(vm.modelsProperty().contains("fashion-cnn"), vm.modelsProperty().toString());
        vm.modelProperty().set("fashion-cnn");
        assertEquals(Dataset.FASHION.classNames(), InversionViewModel.classLabels("fashion-cnn"), "the class choice names garments");
        assertTrue(InversionViewModel.hasNamedClasses("fashion-cnn"));
        assertFalse(InversionViewModel.hasNamedClasses(ModelStore.DEFAULT_CLASSIFIER));
        assertEquals(java.util.List.of(Technique.CLASS, Technique.CHANNEL, Technique.RECONSTRUCT, Technique.DREAM,
                Technique.CGMM), vm.objectivesProperty(), "everything the digit classifier offers");
        assertEquals(ClassVisualisation.Options.DEFAULTS.steps(), vm.stepsProperty().get(), "the classifier's knobs, not a face net's");
        vm.digitProperty().set(7);
        vm.mixProperty().set(true);
        vm.secondDigitProperty().set(8);
        assertEquals("0.50·Sneaker + 0.50·Bag", vm.targetText());
        assertEquals(0.5, vm.weights()[8]);
        vm.mixProperty().set(false);
        assertEquals("Sneaker", vm.targetText());
        vm.stepsProperty().set(40);
        vm.start();
        fx.pumpUntil(() -> vm.getState() != State.RUNNING, 120);
        assertEquals(State.DONE, vm.getState(), vm.errorProperty().get());
        Result r = vm.galleryProperty().get(0);
        assertEquals("Sneaker", r.settings().target());
        assertEquals(7, r.topClass(), "fashion-cnn sees a sneaker: " + java.util.Arrays.toString(r.probabilities()));
        assertEquals("Sneaker", InversionViewModel.classLabel(r.settings().model(), r.topClass()));
        assertTrue(r.score() > 0.5, "p = " + r.score());

        // held-out pictures are the garment classifier's own test garments: 10,000 of them, not 1,500 digits
        assertEquals(10_000, InversionViewModel.heldOutCount("fashion-cnn"));
        assertEquals(1_500, InversionViewModel.heldOutCount(ModelStore.DEFAULT_CLASSIFIER));
        vm.heldOutProperty().set(9_999);
        vm.objectiveProperty().set(Technique.RECONSTRUCT); // loads that one garment
        fx.pumpUntil(() -> vm.originalProperty().get() != null && vm.layersProperty().contains("conv3"), 60);
        assertEquals("", vm.errorProperty().get());
        assertEquals("held-out garment 9999 from conv2", vm.targetText());
        int[] argb = vm.originalProperty().get().argb();
        float[] garment = Dataset.FASHION.test().image(9_999);
        for (int i = 0; i < argb.length; i += 37) {
            assertEquals(Math.round((garment[i] + 1) * 127.5f), argb[i] & 0xff, 1, "pixel " + i + " of test garment 9,999");
        }
        vm.modelProperty().set(ModelStore.DEFAULT_CLASSIFIER);
        assertEquals(1_499, vm.heldOutProperty().get(), "back on the digits, the index stays within their 1,500");
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
