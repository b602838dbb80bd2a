package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.NetArchive;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.latentstudio.engine.nn.InstanceNorm;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static Pix2PixTrainer.Config cfg(Path out, long steps, Pix2PixNets.Spec spec, double perceptual) {
        return new Pix2PixTrainer.Config(out, steps, 2, Pix2PixNets.LR, Pix2PixTrainer.LAMBDA, 7, 100, 3, false, spec, 8,
                "--data fashion-edges", perceptual, null);
    }

    @Test
    void anInstanceNormRunRecordsItsNormInTheCheckpointAndTheModel(@TempDir Path tmp) throws Exception {
        Pix2PixNets.Spec in = new Pix2PixNets.Spec(32, 8, 1, 1, Pix2PixNets.Norm.INSTANCE);
        Path dir = tmp.resolve("in");
        new Pix2PixTrainer(cfg(dir, 3, in, 0), pairs).run(new JobControl());
        Pix2PixCheckpoint.Loaded c = Pix2PixCheckpoint.read(dir);
        assertEquals(Pix2PixNets.Norm.INSTANCE, c.state().spec().norm());
        assertEquals(Pix2PixNets.Norm.INSTANCE, Pix2PixNets.normOf(c.session().generator()));
        assertTrue(c.session().discriminator().getLayerWiseConfigurations().getConfs().stream()
                .anyMatch(l -> l.getLayer() instanceof InstanceNorm), "D has instance norm too");
        Pix2PixModel m = Pix2PixModel.load(dir.toString());
        assertEquals(in, m.spec());
        assertTrue(ModelCard.read(dir).command().contains("--norm instance"), ModelCard.read(dir).command());
        INDArray a = pairs.centred(new int[]{0, 1})[0];
        assertEquals(c.session().translate(a), m.translate(a), "the saved generator draws as the checkpoint's");
    }

    @Test
    void aCheckpointWrittenBeforeTheOptionsReadsAsBatchNormWithoutAPerceptualTerm(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("old");
        new Pix2PixTrainer(cfg(dir, 3, SMALL, 0), pairs).run(new JobControl());
        // state.json as the code before the options wrote it: no norm in the spec, no perceptual fields
        Path file = Pix2PixCheckpoint.file(dir), copy = tmp.resolve("copy.zip");
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(file));
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                byte[] bytes = zin.readAllBytes();
                if (e.getName().equals("state.json")) {
                    JsonObject st = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
                    assertTrue(st.getAsJsonObject("spec").has("norm"), "the new code records the norm");
                    st.getAsJsonObject("spec").remove("norm");
                    st.remove("perceptual");
                    st.remove("perceptualNet");
                    bytes = st.toString().getBytes(StandardCharsets.UTF_8);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
        Pix2PixCheckpoint.Loaded c = Pix2PixCheckpoint.read(dir);
        assertEquals(Pix2PixNets.Norm.BATCH, c.state().spec().norm());
        assertEquals(0, c.state().perceptual());
        assertNull(c.session().perceptual());
        assertEquals(Pix2PixNets.Norm.BATCH, Pix2PixModel.load(dir.toString()).spec().norm());
    }

    @Test
    void aPerceptualRunReportsTheTermAndOffLeavesTheStepAsItWas(@TempDir Path tmp) throws Exception {
        List<Map<String, Double>> reports = new ArrayList<>();
        Path p = tmp.resolve("p");
        new Pix2PixTrainer(cfg(p, 3, SMALL, 5), pairs).run(new JobControl().onProgress(r -> reports.add(r.metrics())));
        assertFalse(reports.isEmpty());
        for (Map<String, Double> m : reports) assertTrue(m.get("g_perceptual") > 0, m.toString());
        Pix2PixCheckpoint.State st = Pix2PixCheckpoint.readState(p);
        assertEquals(5, st.perceptual());
        assertEquals(PerceptualTerm.Net.FASHION_B, st.perceptualNet(), "grey pictures: the garment classifier that is not the judge");
        assertTrue(ModelCard.read(p).command().contains("--perceptual 5.0 --perceptual-net fashion-cnn-b"), ModelCard.read(p).command());

        // off (the default): no figure, and the same parameters as a run configured without the option at all
        List<Map<String, Double>> offReports = new ArrayList<>();
        Path off = tmp.resolve("off"), plain = tmp.resolve("plain");
        new Pix2PixTrainer(cfg(off, 3, SMALL, 0), pairs).run(new JobControl().onProgress(r -> offReports.add(r.metrics())));
        new Pix2PixTrainer(cfg(plain, 3, false), pairs).run(new JobControl());
        assertTrue(offReports.stream().noneMatch(m -> m.containsKey("g_perceptual")));
        INDArray offParams = NetArchive.readGraph(off.resolve(Pix2PixTrainer.WEIGHTS), false).params();
        assertEquals(NetArchive.readGraph(plain.resolve(Pix2PixTrainer.WEIGHTS), false).params(), offParams);
        assertNotEquals(NetArchive.readGraph(p.resolve(Pix2PixTrainer.WEIGHTS), false).params(), offParams, "the term changes G's steps");
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
