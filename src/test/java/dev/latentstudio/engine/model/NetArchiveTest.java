package dev.latentstudio.engine.model;

import dev.latentstudio.cli.Main;
import dev.latentstudio.engine.Environment;
import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.TfjsWeights;
import dev.latentstudio.engine.gan.Checkpoint;
import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.GanSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile model and checkpoint archives are refused before anything in them is deserialised. */
class NetArchiveTest {
    private static final java.time.Duration SECOND = java.time.Duration.ofSeconds(1);

    @Test
    void shippedModelsLoadExactlyAsDl4jWouldLoadThem() throws Exception {
        List<ModelStore.Entry> all = ModelStore.list(null).stream().filter(e -> e.card().weights().endsWith(".zip")).toList();
        assertTrue(all.size() >= 6, "shipped DL4J models: " + all.size());
        for (ModelStore.Entry e : all) {
            Path w = e.dir().resolve(e.card().weights());
            if (e.card().kind().equals(dev.latentstudio.engine.pix2pix.Pix2PixTrainer.KIND)) {
                // pix2pix's U-Net is a ComputationGraph
                var graph = NetArchive.readGraph(w, false);
                var dl4j = ModelSerializer.restoreComputationGraph(w.toFile(), false);
                assertEquals(dl4j.getConfiguration().toJson(), graph.getConfiguration().toJson(), w.toString());
                assertEquals(dl4j.params(), graph.params(), w.toString());
                continue;
            }
            MultiLayerNetwork ours = NetArchive.read(w, false);
            MultiLayerNetwork theirs = ModelSerializer.restoreMultiLayerNetwork(w.toFile(), false);
            assertEquals(theirs.getLayerWiseConfigurations().toJson(), ours.getLayerWiseConfigurations().toJson(), w.toString());
            assertEquals(theirs.params(), ours.params(), w.toString());
        }
    }

    @Test
    void updaterStateSurvivesAWriteAndRead() throws Exception {
        MultiLayerNetwork g = Dcgan.generator(3, Dcgan.LR);
        g.getUpdater(true).getStateViewArray().assign(0.25);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NetArchive.write(g, out, true);
        MultiLayerNetwork back = NetArchive.read(out.toByteArray(), "test", true);
        assertEquals(g.params(), back.params());
        assertEquals(g.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
    }

    @Test
    void aSerialisedObjectInAnArchiveIsRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path stringZip = withExtra(shipped(), tmp.resolve("string.zip"), "preprocessor.bin", serialise("just a String"));
        IOException e = assertTimeoutPreemptively(SECOND, () -> assertThrows(IOException.class, () -> ModelStore.loadNetwork(stringZip)));
        assertTrue(e.getMessage().contains(stringZip.toString()) && e.getMessage().contains("preprocessor.bin"), e.getMessage());
    }

    @Test
    void aSerialDosPayloadCannotHangTheCommandLine(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("dos-model");
        Files.createDirectories(model);
        Files.copy(StudioPaths.models().resolve(ModelStore.DEFAULT_GENERATOR).resolve(ModelCard.FILE), model.resolve(ModelCard.FILE));
        Path zip = withExtra(shipped(), model.resolve("generator.zip"), "preprocessor.bin", serialise(serialDos()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                    () -> Main.run("sample", "-g", model.toString(), "-o", tmp.resolve("out.png").toString()));
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains(zip.toString()) && msg.contains("unexpected entry"), msg);
    }

    @Test
    void theProcessRefusesJavaDeserialisationAltogether() throws Exception {
        Environment.refuseJavaDeserialisation();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialise(new HashSet<>(Set.of("x")))))) {
            assertThrows(InvalidClassException.class, in::readObject);
        }
    }

    @Test
    void aCheckpointWithAnExtraEntryIsRefused(@TempDir Path tmp) throws Exception {
        GanSession s = new GanSession(Dcgan.generator(1, Dcgan.LR), Dcgan.discriminator(2, Dcgan.LR), 0, 0);
        Checkpoint.write(tmp, s, new Checkpoint.State(1, 1, 32, Dcgan.LR, 1, 1, 0, List.of(), Dcgan.Architecture.MNIST));
        assertEquals(s.generator().params(), Checkpoint.read(tmp).session().generator().params());
        Path f = Checkpoint.file(tmp);
        Path bad = withExtra(f, tmp.resolve("bad.zip"), "extra.bin", serialise("x"));
        Files.move(bad, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException e = assertTimeoutPreemptively(SECOND, () -> assertThrows(IOException.class, () -> Checkpoint.read(tmp)));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("extra.bin"), e.getMessage());
    }

    @Test
    void aPreprocessorHiddenInsideACheckpointsNetworkIsRefused(@TempDir Path tmp) throws Exception {
        GanSession s = new GanSession(Dcgan.generator(1, Dcgan.LR), Dcgan.discriminator(2, Dcgan.LR), 0, 0);
        Checkpoint.write(tmp, s, new Checkpoint.State(1, 1, 32, Dcgan.LR, 1, 1, 0, List.of(), Dcgan.Architecture.MNIST));
        Map<String, byte[]> entries = unzip(Files.readAllBytes(Checkpoint.file(tmp)));
        Path g = Files.write(tmp.resolve("g.zip"), entries.get("generator.dl4j"));
        entries.put("generator.dl4j", Files.readAllBytes(withExtra(g, tmp.resolve("g2.zip"), "preprocessor.bin", serialise(serialDos()))));
        Files.write(Checkpoint.file(tmp), zip(entries));
        IOException e = assertTimeoutPreemptively(SECOND, () -> assertThrows(IOException.class, () -> Checkpoint.read(tmp)));
        assertTrue(e.getMessage().contains("generator.dl4j") && e.getMessage().contains("preprocessor.bin"), e.getMessage());
    }

    @Test
    void aZipBombStopsAtItsEntrysLimit() throws Exception {
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("coefficients.bin", new byte[50 << 20]); // 50 MB of zeros, ~50 kB deflated
        byte[] zip = zip(bomb);
        assertTrue(zip.length < 1 << 20);
        IOException e = assertThrows(IOException.class, () -> BoundedZip.read(new ByteArrayInputStream(zip), "bomb.zip",
                Map.of("coefficients.bin", 1L << 20)));
        assertTrue(e.getMessage().contains("bomb.zip") && e.getMessage().contains("larger than its limit"), e.getMessage());
    }

    @Test
    void anArrayHeaderThatLiesAboutItsLengthIsRefusedBeforeAllocating(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> entries = unzip(Files.readAllBytes(shipped()));
        byte[] params = entries.get("coefficients.bin").clone();
        // the data buffer's header follows the shape buffer: find its length field and claim 2^40 values
        int at = dataLengthOffset(params);
        java.nio.ByteBuffer.wrap(params).putLong(at, 1L << 40);
        entries.put("coefficients.bin", params);
        IOException e = assertThrows(IOException.class, () -> NetArchive.read(zip(entries), "liar.zip", false));
        assertTrue(e.getMessage().contains("liar.zip") && e.getMessage().contains("values where the configuration needs"), e.getMessage());

        entries.put("coefficients.bin", java.util.Arrays.copyOf(entries.get("coefficients.bin"), 1000));
        IOException cut = assertThrows(IOException.class, () -> NetArchive.read(zip(entries), "cut.zip", false));
        assertTrue(cut.getMessage().contains("cut.zip") && cut.getMessage().contains("corrupt array"), cut.getMessage());
    }

    @Test
    void aConfigurationNamingAForeignClassIsRefused() throws Exception {
        Map<String, byte[]> entries = unzip(Files.readAllBytes(shipped()));
        String json = new String(entries.get("configuration.json"), StandardCharsets.UTF_8)
                .replaceFirst("org\\.nd4j\\.linalg\\.activations\\.impl\\.ActivationIdentity", "com.sun.rowset.JdbcRowSetImpl");
        entries.put("configuration.json", json.getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> NetArchive.read(zip(entries), "gadget.zip", false));
        assertTrue(e.getMessage().contains("gadget.zip") && e.getMessage().contains("com.sun.rowset.JdbcRowSetImpl"), e.getMessage());
    }

    @Test
    void weightPathsStayInsideTheirModelFolder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.copy(shipped(), tmp.resolve("outside.zip"));
        Files.writeString(dir.resolve(ModelCard.FILE), "{\"name\":\"m\",\"kind\":\"generator\",\"weights\":\"../outside.zip\"}");
        IOException e = assertThrows(IOException.class, () -> ModelStore.loadNetwork(ModelStore.find(dir.toString())));
        assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());

        Files.createSymbolicLink(dir.resolve("link.zip"), tmp.resolve("outside.zip"));
        Files.writeString(dir.resolve(ModelCard.FILE), "{\"name\":\"m\",\"kind\":\"generator\",\"weights\":\"link.zip\"}");
        IOException link = assertThrows(IOException.class, () -> ModelStore.loadNetwork(ModelStore.find(dir.toString())));
        assertTrue(link.getMessage().contains("outside the model folder"), link.getMessage());

        Files.writeString(dir.resolve("x-weights_manifest.json"), "[{\"paths\":[\"../../../etc/passwd\"],\"weights\":[]}]");
        IOException shard = assertThrows(IOException.class, () -> TfjsWeights.load(dir, "x"));
        assertTrue(shard.getMessage().contains("outside the model folder"), shard.getMessage());
    }

    // ---- building hostile archives

    private static Path shipped() {
        return StudioPaths.models().resolve(ModelStore.DEFAULT_GENERATOR).resolve("generator.zip");
    }

    private static Path withExtra(Path zip, Path out, String name, byte[] content) throws IOException {
        Map<String, byte[]> entries = unzip(Files.readAllBytes(zip));
        entries.put(name, content);
        return Files.write(out, zip(entries));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(buf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return buf.toByteArray();
    }

    private static byte[] serialise(Object o) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(o);
        }
        return buf.toByteArray();
    }

    /** Nested sets whose hash codes take 2^100 steps to compute on reading (Wouter Coekaerts' SerialDOS). */
    private static Set<Object> serialDos() {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** Offset of the data buffer's length field: past the shape buffer (mode, long length, type, values) and the data's mode. */
    private static int dataLengthOffset(byte[] params) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new ByteArrayInputStream(params));
        in.readUTF();
        long n = in.readLong();
        in.readUTF();
        in.skipNBytes(n * 8);
        in.readUTF();
        return params.length - in.available();
    }
}
