package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.NetArchive;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Pix2PixTrainerTest {
    private static final Pix2PixNets.Spec SMALL = new Pix2PixNets.Spec(32, 8, 1, 1);
    private static Pairs pairs;

    @BeforeAll
    static void data() throws Exception {
        pairs = Pairs.edgesToGarments(Dataset.FASHION.test().slice(0, 40), 32);
    }

    private static Pix2PixTrainer.Config cfg(Path out, long steps, boolean resume) {
        return new Pix2PixTrainer.Config(out, steps, 2, Pix2PixNets.LR, Pix2PixTrainer.LAMBDA, 7, 100, 3, resume, SMALL, 8, "--data fashion-edges");
    }

    @Test
    void anInterruptedRunResumesToExactlyTheUninterruptedResult(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight"), cut = tmp.resolve("cut");
        List<Long> steps = new ArrayList<>();
        new Pix2PixTrainer(cfg(straight, 6, false), pairs).run(new JobControl().onProgress(p -> steps.add(p.step())));
        assertEquals(List.of(3L, 5L, 6L), steps);

        JobControl stop = new JobControl();
        stop.onProgress(p -> { if (p.step() == 3) stop.cancel(); });
        assertThrows(CancelledException.class, () -> new Pix2PixTrainer(cfg(cut, 6, false), pairs).run(stop));
        assertEquals(3, Pix2PixCheckpoint.read(cut).state().step());
        new Pix2PixTrainer(cfg(cut, 6, true), pairs).run(new JobControl());

        ComputationGraph a = NetArchive.readGraph(straight.resolve(Pix2PixTrainer.WEIGHTS), false);
        ComputationGraph b = NetArchive.readGraph(cut.resolve(Pix2PixTrainer.WEIGHTS), false);
        assertEquals(a.params(), b.params());
        ModelCard card = ModelCard.read(cut);
        assertEquals(Pix2PixTrainer.KIND, card.kind());
        assertEquals(32, card.width());
    }

    @Test
    void previewsShowATripletPerPairAndAFinishedRunIsNotOverwritten(@TempDir Path tmp) throws Exception {
        List<java.awt.image.BufferedImage> previews = new ArrayList<>();
        new Pix2PixTrainer(cfg(tmp, 3, false), pairs).run(new JobControl().onProgress(p -> { if (p.preview() != null) previews.add(p.preview()); }));
        assertEquals(1, previews.size());
        // 4 rows of three 64-pixel tiles (32 doubled) with 2-pixel gaps
        assertEquals(3 * 64 + 2 * 2, previews.get(0).getWidth());
        assertEquals(4 * 64 + 3 * 2, previews.get(0).getHeight());
        Exception e = assertThrows(java.io.IOException.class, () -> new Pix2PixTrainer(cfg(tmp, 3, false), pairs).run(new JobControl()));
        assertTrue(e.getMessage().contains("already holds"), e.getMessage());
        assertTrue(Files.isRegularFile(tmp.resolve(Pix2PixTrainer.WEIGHTS)));
    }

    @Test
    void edgePairsAreWhiteOutlinesOfTheGarment() {
        Pairs.Pair p = pairs.pair(0);
        int l = pairs.loadSide();
        assertEquals(36, l);
        assertEquals(l * l, p.a().length);
        int edge = 0, inkOnEdge = 0;
        for (int i = 0; i < p.a().length; i++) {
            if (p.a()[i] > 0) {
                edge++;
                if (p.b()[i] > -0.9) inkOnEdge++;
            }
        }
        assertTrue(edge > 20 && edge < l * l / 2, "edge pixels: " + edge);
        assertTrue(inkOnEdge > edge / 3, "edges lie on the garment: " + inkOnEdge + " of " + edge);
        assertNotNull(pairs.batch(new int[]{0, 1}, new java.util.SplittableRandom(1))[1]);
    }
}
