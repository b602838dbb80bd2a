package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity morph between sample1's and sample2's largest faces, a handful of frames: the recogniser moves away
 * from A and toward B at every frame, the tether keeps frames closer, cancel stops it between steps.
 */
class IdentityMorphTest {
    private static FacePipeline pipeline;
    private static FacePipeline.Face a, b;

    @BeforeAll
    static void load() throws Exception {
        pipeline = FacePipeline.load(Path.of("models/face-api"), FacePipeline.Speed.ACCURATE);
        a = pipeline.largest(ImageReading.read(Path.of("assets/faces/sample1.jpg"))).orElseThrow();
        b = pipeline.largest(ImageReading.read(Path.of("assets/faces/sample2.jpg"))).orElseThrow();
    }

    @Test
    void distanceToARisesAndToBFallsFrameByFrame() {
        IdentityMorph.Options o = IdentityMorph.Options.DEFAULTS.withFrames(6);
        List<Progress> seen = new ArrayList<>();
        IdentityMorph.Result r = new IdentityMorph(pipeline.recognition(), a.descriptor(), b.descriptor(), a.aligned(), o)
                .run(new JobControl().onProgress(seen::add));
        List<IdentityMorph.Frame> f = r.frames();
        StringBuilder line = new StringBuilder();
        for (IdentityMorph.Frame x : f) line.append(String.format(Locale.ROOT, " (%.3f, %.3f, %d steps)", x.distanceToA(), x.distanceToB(), x.steps()));
        System.out.printf(Locale.ROOT, "identity morph, %d steps a frame: distances to A, B:%s; %.2f s a frame%n",
                o.stepsPerFrame(), line, r.secondsPerFrame());
        assertEquals(6, f.size());
        assertTrue(f.get(0).distanceToA() < 0.05, "frame 0 is A's own chip");
        for (int i = 1; i < f.size(); i++) {
            assertTrue(f.get(i).distanceToA() > f.get(i - 1).distanceToA(), "distance to A fell at frame " + i + ":" + line);
            assertTrue(f.get(i).distanceToB() < f.get(i - 1).distanceToB(), "distance to B rose at frame " + i + ":" + line);
        }
        // previews: the newest frame at each frame's end
        assertEquals(6, seen.stream().filter(p -> p.preview() != null).count());
        assertEquals((long) 5 * o.stepsPerFrame(), seen.get(seen.size() - 1).step());
        assertTrue(f.stream().skip(1).allMatch(x -> x.steps() >= o.stepsPerFrame()));
    }

    @Test
    void theTetherKeepsConsecutiveFramesCloser() {
        IdentityMorph.Options o = IdentityMorph.Options.DEFAULTS.withFrames(4).withExtraRounds(0);
        double free = meanChange(morph(o.withTether(0))), tethered = meanChange(morph(o));
        System.out.printf(Locale.ROOT, "mean change from frame to frame: %.2f grey levels free, %.2f tethered (%.3f)%n", free, tethered, o.tether());
        assertTrue(tethered < free, "tethered " + tethered + " against free " + free);
    }

    private static IdentityMorph.Result morph(IdentityMorph.Options o) {
        return new IdentityMorph(pipeline.recognition(), a.descriptor(), b.descriptor(), a.aligned(), o).run(new JobControl());
    }

    private static double meanChange(IdentityMorph.Result r) {
        double s = 0;
        for (int i = 1; i < r.frames().size(); i++) s += change(r.frames().get(i - 1).picture(), r.frames().get(i).picture());
        return s / (r.frames().size() - 1);
    }

    /** Mean absolute difference per pixel and channel, in grey levels. */
    static double change(java.awt.image.BufferedImage p, java.awt.image.BufferedImage q) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < p.getHeight(); y++) for (int x = 0; x < p.getWidth(); x++) {
            int u = p.getRGB(x, y), w = q.getRGB(x, y);
            for (int sh = 0; sh <= 16; sh += 8) {
                s += Math.abs(((u >> sh) & 0xff) - ((w >> sh) & 0xff));
                n++;
            }
        }
        return s / n;
    }

    @Test
    void cancelStopsWithinAFrame() {
        JobControl control = new JobControl();
        int[] steps = {0};
        control.onProgress(p -> {
            if (p.preview() == null && ++steps[0] == 3) control.cancel();
        });
        IdentityMorph m = new IdentityMorph(pipeline.recognition(), a.descriptor(), b.descriptor(), a.aligned(),
                IdentityMorph.Options.DEFAULTS.withFrames(4));
        assertThrows(CancelledException.class, () -> m.run(control));
        assertEquals(3, steps[0], "no step ran after the cancel");
    }
}
