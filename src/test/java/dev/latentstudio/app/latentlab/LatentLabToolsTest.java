package dev.latentstudio.app.latentlab;

import dev.latentstudio.app.common.FrameStats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.TestGenerators;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.latent.LatentFile;
import dev.latentstudio.engine.latent.LatentMath;
import dev.latentstudio.engine.latent.LatentSpec;
import dev.latentstudio.engine.latent.Walks;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latent Lab's picks, tools and exports through their view models, without a stage. */
class LatentLabToolsTest {
    private static GeneratorModel generator;
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    @TempDir
    Path dir;

    @BeforeAll
    static void buildGenerator() {
        generator = TestGenerators.untrained();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private LatentLabViewModel ready() throws InterruptedException {
        LatentLabViewModel vm = new LatentLabViewModel(jobs, 0);
        vm.setGenerator(generator);
        fx.pumpUntil(() -> vm.tilesProperty().get() != null, 60);
        return vm;
    }

    @Test
    void picksToggleSurviveAShuffleAndAverageAsASpecTheCliReads() throws Exception {
        LatentLabViewModel vm = ready();
        vm.pick(3);
        vm.pick(7);
        vm.pick(9);
        vm.pick(7); // a second click drops it
        assertEquals(List.of("seed:3", "seed:9"), vm.picksProperty().stream().map(LatentLabViewModel.Pick::label).toList());
        assertEquals(-1, vm.pickNumbers()[7]);
        assertEquals(2, vm.pickNumbers()[9]);
        assertArrayEquals(vm.tilesProperty().get().argb().get(3), vm.picksProperty().get(0).argb(), "the pick keeps its picture");

        LatentFile.Named avg = vm.averageOfPicks();
        assertEquals("avg:3,9", avg.name());
        assertArrayEquals(LatentSpec.parse(avg.name(), 64, dir), avg.z(), 1e-6f);

        vm.shuffle();
        assertEquals(2, vm.picksProperty().size(), "picks outlive a new grid");
        assertTrue(Arrays.stream(vm.pickNumbers()).allMatch(n -> n == -1), "none of them is on the new grid");
    }

    @Test
    void savedPicksLoadAgainAndAFileOfAnotherDimensionIsRefused() throws Exception {
        LatentLabViewModel vm = ready();
        vm.pick(1);
        vm.pick(2);
        Path file = dir.resolve("picks.json");
        vm.savePicks(file);
        assertArrayEquals(LatentMath.gaussian(2, 64), LatentSpec.parse(file + "#1", 64, dir), "the CLI reads what the studio saved");

        vm.clearPicks();
        vm.loadPicks(file);
        assertEquals(2, vm.picksProperty().size());
        assertArrayEquals(LatentMath.gaussian(1, 64), vm.picksProperty().get(0).z());
        assertEquals("picks.json#seed:1", vm.picksProperty().get(0).label());
        fx.pumpUntil(() -> vm.picksProperty().get(1).argb() != null, 60); // loaded picks get their pictures rendered
        assertArrayEquals(generator.argb(LatentMath.gaussian(2, 64)), vm.picksProperty().get(1).argb());

        Path wrong = dir.resolve("wrong.json");
        LatentFile.write(wrong, null, List.of(new LatentFile.Named("x", new float[10])));
        vm.loadPicks(wrong);
        assertTrue(vm.noticeProperty().get().contains("10-dimensional"), vm.noticeProperty().get());
        assertEquals(2, vm.picksProperty().size());
        Files.writeString(dir.resolve("broken.json"), "{ not json");
        vm.loadPicks(dir.resolve("broken.json"));
        assertTrue(vm.noticeProperty().get().startsWith("Could not load latents"), vm.noticeProperty().get());
    }

    @Test
    void gridExportIsAPngOfTheGrid() throws Exception {
        LatentLabViewModel vm = ready();
        Path png = dir.resolve("grid.png");
        vm.exportGrid(png, 2);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(8 * 56 + 7 * 2, img.getWidth());
        assertEquals(img.getWidth(), img.getHeight());
        // the first tile's top-left generator pixel, enlarged
        assertEquals(vm.tilesProperty().get().argb().get(0)[0] & 0xffffff, img.getRGB(1, 1) & 0xffffff);
    }

    @Test
    void morphFramesAreTheGeneratorsPictureOfThePointAtT() throws Exception {
        LatentLabViewModel vm = ready();
        MorphViewModel m = vm.morph();
        vm.pick(10);
        vm.pick(20); // two picks: A and B follow them
        assertEquals("seed:10", m.aProperty().get().name());
        assertEquals("seed:20", m.bProperty().get().name());
        for (Walks.Mode mode : Walks.Mode.values()) {
            m.modeProperty().set(mode);
            for (double t : new double[]{0, 0.3, 1}) {
                m.tProperty().set(t);
                float[] z = mode.at(LatentMath.gaussian(10, 64), LatentMath.gaussian(20, 64), t);
                fx.pumpUntil(() -> m.frameProperty().get() != null && Arrays.equals(m.frameProperty().get().z(), z), 30);
                assertArrayEquals(generator.argb(z), m.frameProperty().get().argb());
            }
        }
        // playing moves t with the clock: a quarter loop in, t is half way
        m.secondsProperty().set(4);
        m.tProperty().set(0);
        m.playingProperty().set(true);
        m.tick(1_000_000_000L);
        m.tick(2_000_000_000L);
        assertEquals(0.5, m.tProperty().get(), 1e-9);
        m.tick(3_000_000_000L);
        assertEquals(1.0, m.tProperty().get(), 1e-9);
        m.playingProperty().set(false);
        m.tick(4_000_000_000L);
        assertEquals(1.0, m.tProperty().get(), 1e-9, "paused: t stays");
    }

    @Test
    void morphAndDanceExportLoopingGifsWithTheRightFrames() throws Exception {
        LatentLabViewModel vm = ready();
        Path morph = dir.resolve("m.gif");
        vm.morph().exportGif(morph, 8, 2);
        fx.pumpUntil(() -> vm.noticeProperty().get().startsWith("Saved the morph"), 60);
        assertEquals(14, gifFrames(morph), "8 there, 6 back");
        Path dance = dir.resolve("d.gif");
        vm.dance().exportGif(dance, 12, 2);
        fx.pumpUntil(() -> vm.noticeProperty().get().startsWith("Saved the dance"), 60);
        assertEquals(12, gifFrames(dance));
        BufferedImage first = ImageIO.read(dance.toFile());
        assertEquals(56, first.getWidth());
        Path frame = dir.resolve("f.png");
        fx.pumpUntil(() -> vm.dance().frameProperty().get() != null, 30);
        vm.exportFrame(vm.dance().frameProperty().get(), frame, 8);
        assertEquals(224, ImageIO.read(frame.toFile()).getWidth());
    }

    @Test
    void danceMovesAroundTheSphereOfTheChosenRadius() throws Exception {
        LatentLabViewModel vm = ready();
        DanceViewModel d = vm.dance();
        d.radiusProperty().set(0.5);
        float[] z0 = d.zAt(0);
        assertEquals(0.5 * 8, LatentMath.norm(z0), 1e-4);
        assertArrayEquals(z0, d.zAt(1), 1e-4f);
        d.secondsProperty().set(10);
        d.playingProperty().set(true);
        d.tick(0);
        d.tick(2_500_000_000L);
        assertEquals(0.25, d.phaseProperty().get(), 1e-9);
        fx.pumpUntil(() -> d.frameProperty().get() != null && Arrays.equals(d.frameProperty().get().z(), d.zAt(0.25)), 30);

        d.bProperty().set(d.aProperty().get()); // A and B the same: no plane to circle in
        assertEquals(null, d.zAt(0.5));
        assertTrue(d.problemProperty().get().contains("parallel"), d.problemProperty().get());
    }

    @Test
    void arithmeticShowsASumOfPickAveragesAndItsNeighbourhood() throws Exception {
        LatentLabViewModel vm = ready();
        ArithViewModel a = vm.arith();
        vm.pick(4);
        vm.pick(5);
        vm.fillFromPicks(a.aProperty()); // A = average of two picks
        vm.clearPicks();
        vm.pick(6);
        vm.fillFromPicks(a.bProperty());
        float[] expected = LatentMath.arith(LatentMath.average(List.of(LatentMath.gaussian(4, 64), LatentMath.gaussian(5, 64))),
                LatentMath.gaussian(6, 64), a.cProperty().get().z());
        assertArrayEquals(expected, a.result(), 1e-6f);
        fx.pumpUntil(() -> a.tilesProperty().get() != null && a.formulaProperty().get().startsWith("avg:4,5  −  seed:6"), 60);
        fx.pumpUntil(() -> Arrays.equals(a.tilesProperty().get().argb().get(3), generator.argb(expected)), 60);
        assertEquals(4 + ArithViewModel.NEIGHBOURS, a.tilesProperty().get().argb().size());
        assertFalse(Arrays.equals(a.tilesProperty().get().argb().get(3), a.tilesProperty().get().argb().get(4)), "neighbours differ");

        a.pickResult();
        LatentLabViewModel.Pick r = vm.picksProperty().get(vm.picksProperty().size() - 1);
        assertArrayEquals(expected, r.z());
        Path png = dir.resolve("arith.png");
        a.exportPng(png, 1);
        assertEquals(4 * 28 + 3 * 2, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void arithmeticStartsFromThePicksUntilASlotIsFilledByHand() throws Exception {
        LatentLabViewModel vm = ready();
        ArithViewModel a = vm.arith();
        assertEquals(List.of("seed:1", "seed:2", "seed:3"), slots(a), "no picks yet: the first seeds");
        vm.pick(10);
        vm.pick(20);
        assertEquals(List.of("seed:10", "seed:20", "seed:3"), slots(a));
        vm.pick(30);
        assertEquals(List.of("seed:10", "seed:20", "seed:30"), slots(a));
        vm.pick(40);
        vm.pick(10); // pick 1 dropped: the slots follow the picks as they now are
        assertEquals(List.of("seed:20", "seed:30", "seed:40"), slots(a));
        fx.pumpUntil(() -> a.formulaProperty().get().equals("seed:20  −  seed:30  +  seed:40"), 60);

        vm.fillFromPicks(a.aProperty()); // the user's own choice: the slots stop following
        vm.pick(50);
        assertEquals(List.of("avg:20,30,40", "seed:30", "seed:40"), slots(a));
    }

    private static List<String> slots(ArithViewModel a) {
        return List.of(a.aProperty().get().name(), a.bProperty().get().name(), a.cProperty().get().name());
    }

    @Test
    void aPickedSampleIsNamedByItsSeedAlone() throws Exception {
        LatentLabViewModel vm = ready();
        vm.shuffle();
        fx.pumpUntil(() -> vm.getSeed() == LatentLabViewModel.COUNT && vm.tilesProperty().get() != null, 60);
        vm.pick(27);
        assertEquals("seed:91 · pick 1 of 1", vm.pickedInfoProperty().get());
        assertEquals("seed:91", vm.picksProperty().get(0).label(), "the caption and the pick say the same");
    }

    @Test
    void theMapSpreadsTheCrowdOverTheCanvasAndNamesItsAxes() throws Exception {
        LatentLabViewModel vm = ready();
        MapViewModel map = vm.map();
        var b = map.boundsProperty().get();
        assertTrue(b.explainedX() > 0 && b.explainedY() > 0 && b.explainedX() >= b.explainedY()
                && b.explainedX() + b.explainedY() <= 1, b.toString());
        MapRenderer r = new MapRenderer();
        double w = 400, h = 300, margin = MapRenderer.THUMB / 2 + 6;
        double[] xs = map.pointsProperty().stream().mapToDouble(p -> r.toCanvasX(b, p.x(), w)).sorted().toArray();
        double[] ys = map.pointsProperty().stream().mapToDouble(p -> r.toCanvasY(b, p.y(), h)).sorted().toArray();
        for (double x : xs) assertTrue(x >= margin && x <= w - margin, "drawn inside the canvas: " + x);
        for (double y : ys) assertTrue(y >= margin && y <= h - margin, "drawn inside the canvas: " + y);
        // the middle 80% of the points cover most of each axis rather than a pile in its middle
        int lo = (int) Math.round(0.1 * (xs.length - 1)), hi = (int) Math.round(0.9 * (xs.length - 1));
        assertTrue(xs[hi] - xs[lo] > 0.5 * (w - 2 * margin), "x spread " + (xs[hi] - xs[lo]));
        assertTrue(ys[hi] - ys[lo] > 0.5 * (h - 2 * margin), "y spread " + (ys[hi] - ys[lo]));
        assertEquals(String.format(java.util.Locale.ROOT, "PC1 · %.0f%% of variance", 100 * b.explainedX()), MapRenderer.axisLabel(1, b.explainedX()));
    }

    @Test
    void draggingAPointOnTheMapMovesItThereAndRendersIt() throws Exception {
        LatentLabViewModel vm = ready();
        MapViewModel map = vm.map();
        assertEquals(LatentLabViewModel.COUNT, map.pointsProperty().size());
        vm.pick(0);
        assertEquals(LatentLabViewModel.COUNT, map.pointsProperty().size(), "a picked grid sample is one point, not two");
        assertTrue(map.pointsProperty().get(0).pick());
        MapViewModel.Point before = map.pointsProperty().get(12);
        var b = map.boundsProperty().get();
        double x = b.minX() + 0.9 * (b.maxX() - b.minX()), y = b.minY() + 0.1 * (b.maxY() - b.minY());
        map.select(12);
        map.drag(12, x, y);
        MapViewModel.Point after = map.pointsProperty().get(12);
        assertEquals(x, after.x(), 1e-9);
        assertNotEquals(LatentMath.norm(before.z()), LatentMath.norm(after.z()));
        fx.pumpUntil(() -> map.frameProperty().get() != null && map.frameProperty().get().z() == after.z(), 30);
        assertArrayEquals(generator.argb(after.z()), map.frameProperty().get().argb());
        fx.pumpUntil(() -> map.pointsProperty().get(12).argb() == map.frameProperty().get().argb(), 30);

        map.pickSelected();
        LatentLabViewModel.Pick p = vm.picksProperty().get(vm.picksProperty().size() - 1);
        assertTrue(p.label().endsWith("(moved)"), p.label());
        assertArrayEquals(after.z(), p.z());
    }

    @Test
    void switchingGeneratorsKeepsPicksOfTheSameSizeAndListsTheShippedOnes() throws Exception {
        LatentLabViewModel vm = new LatentLabViewModel(jobs, 0);
        vm.refreshGenerators();
        assertTrue(vm.generatorsProperty().stream().anyMatch(e -> e.card().name().equals("dcgan-mnist")),
                "the shipped generator is offered");
        Path one = TestGenerators.writeUntrained(dir.resolve("one"));
        Path two = TestGenerators.writeUntrained(dir.resolve("two"));
        vm.load(one.toString());
        fx.pumpUntil(() -> vm.tilesProperty().get() != null, 60);
        assertEquals(one.toAbsolutePath().normalize(), vm.generatorDirProperty().get());
        vm.pick(2);
        vm.load(two.toString());
        fx.pumpUntil(() -> two.toAbsolutePath().normalize().equals(vm.generatorDirProperty().get()), 60);
        assertEquals(1, vm.picksProperty().size(), "same latent size: the picks stay");
    }

    @Test
    void dragTokensNameGridSamplesAndPicks() throws Exception {
        LatentLabViewModel vm = ready();
        vm.pick(11);
        assertEquals("seed:4", vm.dragged(LatentLabViewModel.dragToken(false, 4)).name());
        assertArrayEquals(LatentMath.gaussian(4, 64), vm.dragged(LatentLabViewModel.dragToken(false, 4)).z());
        assertEquals("seed:11", vm.dragged(LatentLabViewModel.dragToken(true, 0)).name());
        assertEquals(null, vm.dragged(LatentLabViewModel.dragToken(true, 3)), "no fourth pick");
        assertEquals(null, vm.dragged("some text from another program"));
        assertEquals(null, vm.dragged(null));
    }

    @Test
    void aColourGeneratorOfAnotherLatentSizeResetsPicksAndSlotsAndDrawsColour() throws Exception {
        LatentLabViewModel vm = ready();
        vm.pick(1);
        vm.pick(2);
        var arch = dev.latentstudio.engine.gan.Dcgan.Architecture.colour64(4);
        var net = arch.generator(3, dev.latentstudio.engine.gan.Dcgan.LR);
        net.getLayer(net.getnLayers() - 1).getParam("W").muli(100); // contrast, as TestGenerators does for digits
        var card = new dev.latentstudio.engine.model.ModelCard("colour", "generator", arch.id(), 4, "generator.zip",
                arch.z(), 3, 64, 64, "tanh", null, "test", 0, 32, 2e-4, 3, 0, "", java.util.Map.of(), "test");
        GeneratorModel colour = new GeneratorModel(net, card);
        // JavaFX hands exceptions thrown in listeners to the thread's handler instead of the caller: catch them
        List<Throwable> thrown = new java.util.ArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> thrown.add(e));
        try {
            vm.setGenerator(colour);
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
        assertEquals(List.of(), thrown, "switching latent size throws nowhere");
        assertTrue(vm.picksProperty().isEmpty(), "64-d picks mean nothing to a 100-d generator");
        assertEquals(100, vm.morph().aProperty().get().z().length, "slots start again in the new space");
        assertEquals(100, vm.dance().cProperty().get().z().length);
        fx.pumpUntil(() -> vm.tilesProperty().get() != null && vm.tilesProperty().get().width() == 64, 120);
        int[] px = vm.tilesProperty().get().argb().get(0);
        assertEquals(64 * 64, px.length);
        assertTrue(Arrays.stream(px).anyMatch(p -> ((p >> 16) & 0xff) != (p & 0xff)), "colour, not grey");
        fx.pumpUntil(() -> vm.morph().frameProperty().get() != null && vm.morph().frameProperty().get().width() == 64, 60);
        fx.pumpUntil(() -> vm.arith().tilesProperty().get() != null && vm.arith().tilesProperty().get().width() == 64, 60);
        assertEquals(LatentLabViewModel.COUNT, vm.map().pointsProperty().size());
    }

    @Test
    void frameStatsMeasureTheTimeBetweenFrames() {
        FrameStats s = new FrameStats();
        assertEquals("", s.summary());
        for (int i = 0; i <= 100; i++) s.presented(i * 20_000_000L);
        assertEquals(50, s.fps(), 1e-9);
        assertEquals(20, s.percentileMs(0.99), 1e-9);
        assertFalse(s.summary().contains("render"), "nothing rendered is reported");
        for (int i = 0; i < 100; i++) s.rendered(i == 99 ? 9_000_000L : 3_000_000L);
        assertEquals(3, s.renderPercentileMs(0.5), 1e-9);
        assertTrue(s.summary().endsWith("render p99 9.0 ms"), s.summary());
        s.restart();
        s.presented(10_000_000_000L); // a pause is no frame time
        assertEquals(101, s.frames() - 1);
        assertEquals("", s.summary());
    }

    private static int gifFrames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            return r.getNumImages(true);
        }
    }
}
