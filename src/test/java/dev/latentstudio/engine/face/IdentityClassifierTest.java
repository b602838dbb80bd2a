package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityClassifierTest {
    private static final int DIM = 128;
    /** Per-dimension spread: centres ~1.1 apart from the origin and ~1.6 from each other, samples ~0.23 from theirs. */
    private static final double CENTRE_SD = 0.1;
    private static final double SAMPLE_SD = 0.02;
    private static final List<String> PEOPLE = List.of("Ada", "Grace", "Alan", "Barbara");

    private final Random random = new Random(11);

    private float[] centre() {
        float[] c = new float[DIM];
        for (int i = 0; i < DIM; i++) c[i] = (float) (random.nextGaussian() * CENTRE_SD);
        return c;
    }

    private float[] near(float[] c) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) v[i] = (float) (c[i] + random.nextGaussian() * SAMPLE_SD);
        return v;
    }

    private Map<String, List<float[]>> enrol(Map<String, float[]> centres, int each) {
        Map<String, List<float[]>> m = new LinkedHashMap<>();
        centres.forEach((name, c) -> {
            List<float[]> l = new ArrayList<>();
            for (int i = 0; i < each; i++) l.add(near(c));
            m.put(name, l);
        });
        return m;
    }

    private Map<String, float[]> centres(List<String> names) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, centre());
        return m;
    }

    private static double sum(Map<String, Double> p) {
        return p.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void knownFacesAreNamedAndStrangersAreUnknown() {
        Map<String, float[]> centres = centres(PEOPLE);
        IdentityClassifier c = IdentityClassifier.train(enrol(centres, 6), IdentityClassifier.DEFAULT_THRESHOLD);
        assertEquals(PEOPLE, c.names());
        for (String person : PEOPLE) {
            for (int k = 0; k < 5; k++) {
                IdentityClassifier.Identity id = c.identify(near(centres.get(person)));
                assertEquals(person, id.name());
                assertTrue(id.known());
                assertEquals(person, id.nearest());
                assertTrue(id.distance() < IdentityClassifier.DEFAULT_THRESHOLD, "distance " + id.distance());
                assertEquals(1.0, sum(id.probabilities()), 1e-9);
                assertEquals(PEOPLE.size(), id.probabilities().size());
                double mine = id.probabilities().get(person);
                assertTrue(id.probabilities().values().stream().allMatch(p -> p <= mine), id.probabilities().toString());
            }
        }
        for (int k = 0; k < 10; k++) {
            IdentityClassifier.Identity stranger = c.identify(near(centre()));
            assertEquals(IdentityClassifier.UNKNOWN, stranger.name());
            assertFalse(stranger.known());
            assertTrue(stranger.distance() > IdentityClassifier.DEFAULT_THRESHOLD);
            assertEquals(1.0, sum(stranger.probabilities()), 1e-9);
        }
    }

    @Test
    void theThresholdDecidesWhereUnknownBegins() {
        Map<String, float[]> centres = centres(PEOPLE.subList(0, 2));
        Map<String, List<float[]>> data = enrol(centres, 4);
        float[] probe = near(centres.get("Ada"));
        double d = IdentityClassifier.train(data, 10).identify(probe).distance();
        assertEquals("Ada", IdentityClassifier.train(data, d * 1.01).identify(probe).name());
        assertEquals(IdentityClassifier.UNKNOWN, IdentityClassifier.train(data, d * 0.99).identify(probe).name());
    }

    @Test
    void onePersonEnrolledStillWorks() {
        float[] ada = centre();
        IdentityClassifier c = IdentityClassifier.train(Map.of("Ada", List.of(near(ada), near(ada))), 0.6);
        IdentityClassifier.Identity id = c.identify(near(ada));
        assertEquals("Ada", id.name());
        assertEquals(Map.of("Ada", 1.0), id.probabilities());
        assertEquals(IdentityClassifier.UNKNOWN, c.identify(near(centre())).name());
    }

    @Test
    void oneDescriptorEachIsEnoughToSeparateTwo() {
        Map<String, float[]> centres = centres(PEOPLE.subList(0, 2));
        IdentityClassifier c = IdentityClassifier.train(enrol(centres, 1), 0.6);
        for (String person : centres.keySet()) assertEquals(person, c.identify(near(centres.get(person))).name());
    }

    @Test
    void trainingIsRepeatable() {
        Map<String, List<float[]>> data = enrol(centres(PEOPLE), 3);
        float[] probe = near(centre());
        assertEquals(IdentityClassifier.train(data, 0.6).identify(probe).probabilities(),
                IdentityClassifier.train(data, 0.6).identify(probe).probabilities());
    }

    @Test
    void trainsOnTheGallery(@TempDir Path dir) throws IOException {
        Map<String, float[]> centres = centres(List.of("Ada", "Grace"));
        FaceGallery g = new FaceGallery(dir);
        for (String name : centres.keySet()) {
            String id = g.add(name).id();
            for (int i = 0; i < 3; i++) g.addEmbedding(id, near(centres.get(name)), null);
        }
        g.add("Not Yet Photographed");
        IdentityClassifier c = IdentityClassifier.train(g.load(), 0.6);
        assertEquals(List.of("Ada", "Grace"), c.names());
        assertEquals("Grace", c.identify(near(centres.get("Grace"))).name());
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> IdentityClassifier.train(Map.of(), 0.6));
        assertThrows(IllegalArgumentException.class, () -> IdentityClassifier.train(Map.of("Ada", List.of()), 0.6));
        Map<String, List<float[]>> mixed = new LinkedHashMap<>();
        mixed.put("Ada", List.of(new float[128]));
        mixed.put("Grace", List.of(new float[64]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdentityClassifier.train(mixed, 0.6));
        assertTrue(e.getMessage().contains("Grace") && e.getMessage().contains("64"), e.getMessage());
        IdentityClassifier c = IdentityClassifier.train(Map.of("Ada", List.of(new float[128])), 0.6);
        assertThrows(IllegalArgumentException.class, () -> c.identify(new float[127]));
        float[] nan = new float[128];
        nan[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> c.identify(nan));
        assertThrows(IllegalArgumentException.class, () -> IdentityClassifier.train(Map.of("Ada", List.of(new float[128])), 0));
    }
}
