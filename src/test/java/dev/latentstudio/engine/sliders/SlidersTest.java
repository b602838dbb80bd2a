package dev.latentstudio.engine.sliders;

import dev.latentstudio.engine.gan.Generator;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.latent.LatentPrior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlidersTest {

    /** A 28×28 vertical bar whose thickness follows z·u and whose height follows z·v (u ⟂ v); z ∈ R^6. */
    static class BarGenerator implements Generator {
        static final double[] U = {0.6, 0.8, 0, 0, 0, 0}, V = {0, 0, 0, 1, 0, 0};

        @Override
        public String name() {
            return "bars";
        }

        @Override
        public LatentPrior prior() {
            return LatentPrior.gaussian(6);
        }

        @Override
        public List<String> classNames() {
            return List.of();
        }

        @Override
        public INDArray generate(INDArray latents) {
            int n = (int) latents.size(0);
            double[][] z = latents.toDoubleMatrix();
            float[] out = new float[n * 28 * 28];
            for (int i = 0; i < n; i++) {
                // at least 2 px wide: a narrower bar would only be a fainter 2-px one (thickness ignores the pen)
                double t = 4 + 2 * Math.tanh(dot(z[i], thicknessWay(z[i])) / 3), half = 7 + 4 * Math.tanh(dot(z[i], V) / 3);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        double cover = Math.max(0, Math.min(1, t / 2 - Math.abs(x + 0.5 - 14) + 0.5));
                        double rows = Math.max(0, Math.min(1, half - Math.abs(y + 0.5 - 14) + 0.5));
                        out[i * 784 + y * 28 + x] = (float) (2 * cover * rows - 1);
                    }
                }
            }
            return Nd4j.create(out, new long[]{n, 1, 28, 28}, 'c');
        }

        @Override
        public INDArray firstHidden(INDArray latents) {
            return latents.dup();
        }

        /** The way z thickens the bar: u; a conditional subclass turns it for some classes. */
        double[] thicknessWay(double[] latent) {
            return U;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < 6; i++) s += a[i] * b[i]; // z's part of the latent
            return s;
        }
    }

    /** Two classes: a "0" thickens along u, a "1" along w ⟂ u (height follows v in both). */
    static final class ClassBarGenerator extends BarGenerator {
        @Override
        public LatentPrior prior() {
            return new LatentPrior(6, 2);
        }

        @Override
        public List<String> classNames() {
            return List.of("0", "1");
        }

        static final double[] W = {0, 0, 0, 0, 0.8, 0.6};

        @Override
        double[] thicknessWay(double[] latent) {
            return latent[7] > latent[6] ? W : U; // the class weights
        }
    }

    private static float[] bar(double width, int top, int bottom, double slant) {
        float[] px = new float[784];
        java.util.Arrays.fill(px, -1f);
        for (int y = top; y < bottom; y++) {
            // whole pixels across (odd widths centred on a pixel centre); leaning right: x grows going up
            double centre = (Math.round(width) % 2 == 0 ? 14 : 14.5) + slant * (14 - y);
            for (int x = 0; x < 28; x++) {
                double cover = Math.max(0, Math.min(1, width / 2 - Math.abs(x + 0.5 - centre) + 0.5));
                px[y * 28 + x] = (float) (2 * cover - 1);
            }
        }
        return px;
    }

    @Test
    void attributesOfSyntheticStrokes() {
        for (int w : new int[]{2, 3, 4}) {
            // w·L ink pixels inside 2L + 2w edges: w·L/(L + w), the width itself for a long stroke
            double t = Attribute.THICKNESS.measure(bar(w, 4, 24, 0), 1, 28, 28);
            assertEquals(w * 20.0 / (20 + w), t, 1e-9, "a bar " + w + " px wide, 20 long");
        }
        assertEquals(0, Attribute.SLANT.measure(bar(3, 4, 24, 0), 1, 28, 28), 1e-9, "an upright bar");
        assertEquals(0.3, Attribute.SLANT.measure(bar(3, 4, 24, 0.3), 1, 28, 28), 0.03, "a bar leaning right by 0.3 px per px");
        assertEquals(-0.2, Attribute.SLANT.measure(bar(3, 4, 24, -0.2), 1, 28, 28), 0.03, "leaning left");
        // a 20-px bar: uniform ink over y ∈ [4, 24) has σ = 20/√12, so 4σ ≈ 23.1
        assertEquals(4 * 20 / Math.sqrt(12), Attribute.HEIGHT.measure(bar(3, 4, 24, 0), 1, 28, 28), 0.1);
        assertTrue(Attribute.WIDTH.measure(bar(4, 4, 24, 0), 1, 28, 28) > Attribute.WIDTH.measure(bar(2, 4, 24, 0), 1, 28, 28));
        assertEquals(1, Attribute.INK.measure(bar(3, 4, 24, 0), 1, 28, 28), 1e-6, "full-strength strokes");
        float[] faint = bar(3, 4, 24, 0);
        for (int i = 0; i < faint.length; i++) faint[i] = (faint[i] + 1) / 2 - 1; // half the intensity
        assertEquals(0.5, Attribute.INK.measure(faint, 1, 28, 28), 1e-6, "a lighter pen");
        assertEquals(3 * 20.0 / 23, Attribute.THICKNESS.measure(faint, 1, 28, 28), 1e-9, "thickness does not depend on the pen");
        assertEquals(1, Attribute.SYMMETRY.measure(bar(4, 4, 24, 0), 1, 28, 28), 1e-9, "a centred bar is its own mirror image");
        assertTrue(Attribute.SYMMETRY.measure(bar(3, 4, 24, 0.3), 1, 28, 28) < 0.8);
        assertEquals(4 * 20 / 784.0, Attribute.SIZE.measure(bar(4, 4, 24, 0), 1, 28, 28), 1e-9);
        assertEquals(1, Attribute.BRIGHTNESS.measure(bar(4, 4, 24, 0), 1, 28, 28), 1e-9);
        assertEquals(0, Attribute.CONTRAST.measure(bar(4, 4, 24, 0), 1, 28, 28), 1e-9, "a plain bar has no pattern, its outline aside");
        float[] striped = bar(8, 4, 24, 0), dim = bar(8, 4, 24, 0);
        for (int y = 4; y < 24; y += 2) for (int x = 0; x < 28; x++) if (striped[y * 28 + x] > 0) striped[y * 28 + x] = 0.2f; // stripes of 0.6
        for (int i = 0; i < dim.length; i++) if (dim[i] > 0) dim[i] = 0.2f;
        assertEquals(0, Attribute.CONTRAST.measure(dim, 1, 28, 28), 1e-9, "nor does a dimmer one: contrast is not brightness");
        assertTrue(Attribute.CONTRAST.measure(striped, 1, 28, 28) > 0.15, "stripes: " + Attribute.CONTRAST.measure(striped, 1, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> Attribute.INK.measure(new float[10], 1, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("sparkle"));
    }

    @Test
    void aFittedDirectionRecoversTheLatentThatControlsThickness() throws Exception {
        Directions d = new DirectionFit(new BarGenerator(), List.of(Attribute.THICKNESS, Attribute.HEIGHT), null,
                new DirectionFit.Options(2000, 3, 3)).run(new JobControl());
        float[] t = d.get("thickness").vector(), h = d.get("height").vector();
        assertTrue(cos(t, BarGenerator.U) >= 0.9, "thickness direction · u = " + cos(t, BarGenerator.U));
        assertTrue(cos(h, BarGenerator.V) >= 0.9, "height direction · v = " + cos(h, BarGenerator.V));
        // height depends on z·v alone, so its boundary's normal is v: thickness, with that normal projected out, is ⟂ v
        assertTrue(Math.abs(cos(t, BarGenerator.V)) < 0.05, "one slider moves one thing: thickness · v = " + cos(t, BarGenerator.V));
        assertTrue(d.get("thickness").changes().get("thickness") > 0.3, "moving along it thickens: " + d.get("thickness").changes());
        assertEquals(5, d.directions().size(), "two attributes and three discovered");
        assertEquals(Directions.DISCOVERED, d.get("pc1").kind());
        assertTrue(d.get("pc1").label().startsWith("pc1 · "), d.get("pc1").label());

        SliderEvaluation.Report r = SliderEvaluation.run(new BarGenerator(), d, List.of(Attribute.THICKNESS, Attribute.HEIGHT), null, 300);
        SliderEvaluation.Row thick = r.rows().get(0);
        assertEquals("thickness", thick.attribute());
        assertTrue(thick.pass(), r.table());
        // a direction that controls nothing fails the check
        Directions random = new Directions("bars", 6, 0, 0, 0, 0, List.of(new Directions.Direction("thickness", Directions.ATTRIBUTE,
                "thickness", new float[]{0, 0, 0, 0, 0.6f, 0.8f}, Map.of())));
        assertFalse(SliderEvaluation.run(new BarGenerator(), random, List.of(Attribute.THICKNESS, Attribute.HEIGHT), null, 300).allPass());
    }

    @Test
    void aConditionalModelMovesEachClassItsOwnWay() throws Exception {
        Directions d = new DirectionFit(new ClassBarGenerator(), List.of(Attribute.THICKNESS, Attribute.HEIGHT), null,
                new DirectionFit.Options(2000, 3, 0)).run(new JobControl());
        Directions.Direction t = d.get("thickness");
        assertEquals(2, t.perClass().length, "a vector per class");
        assertTrue(cos(t.perClass()[0], BarGenerator.U) >= 0.9, "class 0 thickens along u: " + cos(t.perClass()[0], BarGenerator.U));
        assertTrue(cos(t.perClass()[1], ClassBarGenerator.W) >= 0.9, "class 1 along w: " + cos(t.perClass()[1], ClassBarGenerator.W));
        // a latent drawn as class 1 moves along class 1's vector
        float[] one = new ClassBarGenerator().prior().withClass(new float[6], 1);
        float[] moved = d.apply(one, Map.of("thickness", 1.0));
        for (int i = 0; i < 6; i++) assertEquals(t.perClass()[1][i], moved[i], 1e-6);
        assertEquals(1f, moved[7], "class weights stay");

        SliderEvaluation.Report r = SliderEvaluation.run(new ClassBarGenerator(), d, List.of(Attribute.THICKNESS, Attribute.HEIGHT), null, 300);
        assertTrue(r.rows().get(0).pass(), r.table());
        // the pooled vector alone, between u and w, thickens each class less
        Directions pooled = new Directions(d.model(), 6, 2, 0, 0, 0, d.directions().stream()
                .map(x -> new Directions.Direction(x.name(), x.kind(), x.label(), x.vector(), x.changes())).toList());
        double own = r.rows().get(0).change().get("thickness");
        double less = SliderEvaluation.run(new ClassBarGenerator(), pooled, List.of(Attribute.THICKNESS, Attribute.HEIGHT), null, 300)
                .rows().get(0).change().get("thickness");
        assertTrue(less < 0.85 * own, "per class " + own + "σ, pooled " + less + "σ");
    }

    @Test
    void aConditionalModelsBoundaryIsFittedAmongPicturesExtremeForTheirClass() {
        // the attribute = a large per-class offset (a 1 is narrower than a 0) + what z controls; z does not
        // choose the class, so pooled tails are whole classes and say nothing about z
        java.util.Random r = new java.util.Random(7);
        int n = 4000, zDim = 16, k = 10;
        double[] truth = new double[zDim];
        for (int i = 0; i < zDim; i++) truth[i] = r.nextGaussian();
        truth = DirectionFit.unit(truth);
        double[][] z = new double[n][zDim];
        double[] values = new double[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < zDim; j++) z[i][j] = r.nextGaussian();
            classes[i] = i % k;
            values[i] = 8.0 * classes[i] + DirectionFit.dot(z[i], truth) + 0.3 * r.nextGaussian();
        }
        double[] scaled = DirectionFit.withinClass(values, classes);
        for (int c = 0; c < k; c++) {
            double sum = 0, sum2 = 0;
            for (int i = c; i < n; i += k) {
                sum += scaled[i];
                sum2 += scaled[i] * scaled[i];
            }
            assertEquals(0, sum / (n / k), 1e-9, "class " + c + " centred");
            assertEquals(1, sum2 / (n / k), 1e-9, "class " + c + " in its own standard deviations");
        }
        double within = DirectionFit.dot(DirectionFit.boundary(z, scaled), truth);
        double pooled = DirectionFit.dot(DirectionFit.boundary(z, values), truth);
        assertTrue(within >= 0.95, "within-class tails recover z's direction: cos " + within);
        assertTrue(pooled < 0.6, "pooled tails are classes, not z: cos " + pooled);
        assertEquals(0.0, DirectionFit.withinClass(new double[]{5, 5}, new int[]{0, 0})[0], "a constant class is 0, not NaN");
    }

    @Test
    void projectingOutLeavesAVectorOrthogonalToEveryOther() {
        java.util.Random r = new java.util.Random(4);
        double[] v = new double[16];
        List<double[]> others = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double[] o = new double[16];
            for (int i = 0; i < 16; i++) o[i] = r.nextGaussian();
            others.add(o);
        }
        for (int i = 0; i < 16; i++) v[i] = r.nextGaussian();
        others.add(others.get(0).clone()); // a repeated direction changes nothing
        double[] p = DirectionFit.projectOut(v, others);
        for (double[] o : others) assertEquals(0, DirectionFit.dot(p, o), 1e-9);
        assertTrue(DirectionFit.dot(p, v) > 0, "what is left still points the same way");
    }

    @Test
    void directionsFileRoundTripAndRefusals(@TempDir Path dir) throws Exception {
        Directions d = new Directions("m", 3, 0, 100, 1, 0.5, List.of(
                new Directions.Direction("slant", Directions.ATTRIBUTE, "slant", new float[]{1, 0, 0}, Map.of("slant", 0.4))));
        d.write(dir);
        Directions back = Directions.read(dir);
        assertEquals(d.directions().get(0).name(), back.directions().get(0).name());
        assertEquals(2f, back.apply(new float[]{1, 5, 6}, Map.of("slant", 1.0))[0]);
        assertEquals(5f, back.apply(new float[]{1, 5, 6}, Map.of("slant", 1.0))[1]);
        assertThrows(IllegalArgumentException.class, () -> back.apply(new float[3], Map.of("width", 1.0)));

        Files.writeString(dir.resolve(Directions.FILE), Files.readString(dir.resolve(Directions.FILE)).replace("\"zDim\": 3", "\"zDim\": 4"));
        var e = assertThrows(java.io.IOException.class, () -> Directions.read(dir));
        assertTrue(e.getMessage().contains("not a 4-dimensional vector"), e.getMessage());
        Directions twoClasses = new Directions("m", 3, 2, 100, 1, 0.5, List.of(new Directions.Direction("slant", Directions.ATTRIBUTE,
                "slant", new float[]{1, 0, 0}, Map.of(), new float[][]{{0, 1, 0}, {0, 0, 1}})));
        twoClasses.write(dir);
        assertEquals(6f, Directions.read(dir).apply(new float[]{0, 0, 5, 0, 1}, Map.of("slant", 1.0))[2], "class 1's vector, read back");
        Files.writeString(dir.resolve(Directions.FILE), Files.readString(dir.resolve(Directions.FILE)).replace("\"classes\": 2", "\"classes\": 3"));
        e = assertThrows(java.io.IOException.class, () -> Directions.read(dir));
        assertTrue(e.getMessage().contains("2 class vectors for 3 classes"), e.getMessage());
        Files.writeString(dir.resolve(Directions.FILE), "{not json");
        assertThrows(java.io.IOException.class, () -> Directions.read(dir));
        Files.delete(dir.resolve(Directions.FILE));
        assertTrue(assertThrows(java.io.IOException.class, () -> Directions.read(dir)).getMessage().contains("directions fit"));
    }

    private static double cos(float[] a, double[] b) {
        double s = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return s / Math.sqrt(na * nb);
    }

}
