package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short edit of a sample face (sample2.jpg: sad to the expression net, P(happy) ≈ 0.004) and the job's contract. */
class FaceEditTest {
    private static FaceEditor editor;
    private static FaceSubject face;

    @BeforeAll
    static void load() throws Exception {
        editor = FaceEditor.load(StudioPaths.models().resolve("face-api"));
        face = editor.subject(StudioPaths.assets().resolve("faces/sample2.jpg"));
    }

    @Test
    void aShortHappyEditRaisesPHappyAndKeepsTheIdentity() {
        List<Progress> events = new ArrayList<>();
        FaceEdit.Result r = editor.edit(face, Sliders.parse(List.of("happy=0.9")), Weights.DEFAULTS, FaceEdit.Options.DEFAULTS.withSteps(8))
                .run(new JobControl().onProgress(events::add));
        double before = r.before().expression("happy"), after = r.after().expression("happy");
        assertTrue(before < 0.2, "sample2 was chosen as a non-happy face: " + before);
        assertTrue(after > before + 0.05, "P(happy) " + before + " → " + after);
        assertTrue(r.after().identityDistance() < 0.6, "identity distance " + r.after().identityDistance());
        // the warp moves before the paint: 0.016 here (a quarter of it warp), 0.035 for a painted-only climb of 8 steps
        assertTrue(r.meanChange() > 0 && r.meanChange() < 0.025, "mean |change| " + r.meanChange());
        assertEquals(0, r.before().identityDistance(), 1e-6);
        // progress every step, each with the pasted neighbourhood as its preview
        assertEquals(8, events.size());
        for (Progress p : events) {
            assertNotNull(p.preview());
            assertTrue(p.metrics().containsKey("expression") && p.metrics().containsKey("identity"), p.metrics().toString());
        }
        assertEquals(face.paste().region().width, events.get(0).preview().getWidth());
        BufferedImage photo = r.photo();
        assertEquals(face.photo().getWidth(), photo.getWidth());
        // the photo itself is moved and painted, so the ~200-pixel face keeps its detail; the 150-pixel chip pasted
        // back would upsample it (measured at 8 steps: 0.91 of the original's mean |Laplacian| against 0.68)
        java.awt.Rectangle box = face.paste().region();
        double had = detail(face.photo(), box), kept = detail(photo, box), upsampled = detail(face.paste().photoWith(r.chipPicture()), box);
        assertTrue(kept > 0.8 * had && upsampled < 0.8 * had, "detail " + kept + " of the photo's " + had + "; the chip pasted " + upsampled);
        assertEquals(300, r.beforeAfter().getWidth());
        assertEquals(List.of("happy"), List.copyOf(r.changes().keySet()));
        // a next run starts from this picture, the references still the original's
        FaceEdit next = editor.edit(face, Sliders.parse(List.of("happy=0.9")), Weights.DEFAULTS, FaceEdit.Options.DEFAULTS.withSteps(1));
        FaceEdit.Result again = next.continuing(r).run(new JobControl());
        assertEquals(r.before().expression("happy"), again.before().expression("happy"), 0);
        assertTrue(again.after().expression("happy") > before + 0.05, "continued from the edit: " + again.after().expression("happy"));
    }

    /** Mean |Laplacian| (grey) in the middle half of a box: the fine detail that upsampling blurs away. */
    private static double detail(BufferedImage img, java.awt.Rectangle box) {
        double s = 0;
        int n = 0;
        for (int y = box.y + box.height / 4; y < box.y + 3 * box.height / 4; y++) {
            for (int x = box.x + box.width / 4; x < box.x + 3 * box.width / 4; x++) {
                s += Math.abs(4 * grey(img, x, y) - grey(img, x - 1, y) - grey(img, x + 1, y) - grey(img, x, y - 1) - grey(img, x, y + 1));
                n++;
            }
        }
        return s / n;
    }

    private static double grey(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3.0;
    }

    @Test
    void theHoldKeepsTheUnsetExpressionsCloserToTheOriginals() {
        // sample2 reads sad (0.90) and neutral (0.09); without the hold happy=0.9 takes its mass from sad and leaves
        // neutral, so the face reads neutral among the rest; with it the two give way together (drift of their shares)
        Sliders happy = Sliders.parse(List.of("happy=0.9"));
        FaceEdit.Options o = FaceEdit.Options.DEFAULTS.withSteps(6);
        FaceEdit.Result held = editor.edit(face, happy, Weights.DEFAULTS, o).run(new JobControl());
        FaceEdit.Result free = editor.edit(face, happy, Weights.DEFAULTS.with("hold", 0), o).run(new JobControl());
        assertEquals(6, held.held().size());
        assertTrue(held.after().expression("happy") > held.before().expression("happy") + 0.05, "the hold still lets happy rise");
        assertTrue(held.heldDrift() < free.heldDrift(), "unset drift with the hold " + held.heldDrift() + ", without " + free.heldDrift());
    }

    @Test
    void cancellingStopsWithinAStep() {
        JobControl c = new JobControl();
        int[] steps = {0};
        c.onProgress(p -> {
            steps[0]++;
            c.cancel();
        });
        FaceEdit job = editor.edit(face, Sliders.parse(List.of("age=+20")), Weights.DEFAULTS, FaceEdit.Options.DEFAULTS.withSteps(50));
        assertThrows(CancelledException.class, () -> job.run(c));
        assertEquals(1, steps[0]);
    }

    @Test
    void aPhotoWithoutAFaceIsNamed(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path blank = tmp.resolve("blank.png");
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(img, "png", blank.toFile());
        IOException e = assertThrows(IOException.class, () -> editor.subject(blank));
        assertTrue(e.getMessage().contains("blank.png") && e.getMessage().contains("no face found"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> editor.edit(face, Sliders.none(), Weights.DEFAULTS, FaceEdit.Options.DEFAULTS));
        assertTrue(Files.exists(blank));
    }

    @Test
    void slidersAndWeightsParseAndRefuseWhatIsOutOfRange() {
        Sliders s = Sliders.parse(List.of("happy=0.9", "age=+20", "gender=female", "surprised=0.2"));
        assertEquals(0.9, s.expressions()[1], 0);
        assertEquals(0.2, s.expressions()[6], 0);
        assertEquals(20, s.ageDelta(), 0);
        assertEquals(0, s.pMale(), 0);
        assertEquals(1, Sliders.parse(List.of("gender=male")).pMale(), 0);
        assertTrue(Double.isNaN(Sliders.parse(List.of("happy=1")).ageDelta()));
        for (String bad : List.of("happy=1.5", "age=+90", "gender=maybe", "smile=0.5", "happy", "age=")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sliders.parse(List.of(bad)), bad);
            assertNotNull(e.getMessage());
        }
        assertEquals(3, Weights.DEFAULTS.with("identity", 3).identity(), 0);
        assertThrows(IllegalArgumentException.class, () -> Weights.DEFAULTS.with("identity", -1));
        assertThrows(IllegalArgumentException.class, () -> Weights.DEFAULTS.with("nose", 1));
    }
}
