package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PacGAN's packed discriminator: which pictures share a pack, their classes, their gradients, and runs that keep it. */
class PackedDiscriminatorTest {

    private static GanSession packedSession(Dcgan.Architecture arch) {
        return new GanSession(arch.generator(3, 1e-3), arch.discriminator(4, 1e-3, 2), 0, 0);
    }

    @Test
    void consecutivePicturesShareAPackAndEachGetsItsSliceOfTheGradient() {
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(3);
        GanSession s = packedSession(arch);
        assertEquals(2, s.pack());
        assertEquals(1, new GanSession(arch.generator(3, 1e-3), arch.discriminator(4, 1e-3), 0, 0).pack());
        INDArray x = Nd4j.rand(8, 1, 28, 28).muli(2).subi(1);
        INDArray cls = Noise.oneHot(Noise.repeated(new int[]{0, 2, 1, 2}, 2), 3);
        assertArrayEquals(new long[]{4, 1}, s.realProbability(x, cls).shape(), "one answer per pack of two");

        // the reference: packs stacked explicitly, pictures 2i and 2i+1 as channels 0 and 1 of pack i
        int[] even = {0, 2, 4, 6}, odd = {1, 3, 5, 7};
        INDArray stacked = Nd4j.concat(1, rows(x, even), rows(x, odd));
        INDArray packLabels = Nd4j.hstack(Nd4j.ones(4, 1), rows(cls, even));
        INDArray ref = s.discriminator().calculateGradients(stacked, packLabels, null, null).getSecond();
        INDArray eps = s.perPicture(s.packLossGradient(x, cls), x);
        assertArrayEquals(x.shape(), eps.shape());
        assertTrue(ref.get(NDArrayIndex.all(), NDArrayIndex.point(1)).amaxNumber().doubleValue() > 1e-6, "the second pictures matter");
        for (int p = 0; p < 4; p++) {
            for (int c = 0; c < 2; c++) {
                INDArray want = ref.get(NDArrayIndex.point(p), NDArrayIndex.point(c));
                INDArray got = eps.get(NDArrayIndex.point(2L * p + c), NDArrayIndex.point(0));
                assertEquals(0, want.sub(got).amaxNumber().doubleValue(), 1e-6, "pack " + p + ", picture " + c);
            }
        }
    }

    @Test
    void packsMustShareTheirClassAndDivideTheBatch() {
        GanSession s = packedSession(Dcgan.Architecture.conditional28(3));
        INDArray x = Nd4j.rand(4, 1, 28, 28);
        var e = assertThrows(IllegalArgumentException.class, () -> s.realProbability(x, Noise.oneHot(new int[]{0, 1, 2, 2}, 3)));
        assertTrue(e.getMessage().contains("share their class"), e.getMessage());
        var odd = assertThrows(IllegalArgumentException.class, () -> s.realProbability(Nd4j.rand(3, 1, 28, 28), Noise.oneHot(new int[]{0, 0, 0}, 3)));
        assertTrue(odd.getMessage().contains("does not divide"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DcganTrainer.Config(Path.of("x"), 2, 30, Dcgan.LR, 1, 1, 1, false, 2, 0, 4));
    }

    @Test
    void partnersAreOfTheDrawnRecordsClassAndDependOnlyOnSeedAndStep() {
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2};
        int[][] byClass = DataOrder.byClass(labels, 3);
        assertArrayEquals(new int[]{2, 5, 8, 9}, byClass[2]);
        int[] drawn = {0, 4, 9};
        int[] a = DataOrder.withPartners(drawn, 3, byClass, labels, 7, 11);
        assertArrayEquals(a, DataOrder.withPartners(drawn, 3, byClass, labels, 7, 11));
        assertEquals(9, a.length);
        for (int i = 0; i < drawn.length; i++) {
            assertEquals(drawn[i], a[3 * i]);
            for (int j = 1; j < 3; j++) assertEquals(labels[drawn[i]], labels[a[3 * i + j]], "partner " + j + " of record " + drawn[i]);
        }
        boolean differs = false;
        for (long step = 12; step < 20 && !differs; step++) differs = !Arrays.equals(a, DataOrder.withPartners(drawn, 3, byClass, labels, 7, step));
        assertTrue(differs, "other steps draw other partners");
        assertArrayEquals(new int[]{4, 4, 1, 1}, Noise.repeated(new int[]{4, 1}, 2));
    }

    @Test
    void aPackedConditionalRunResumesExactlyAndItsCardSaysHowToRedoIt(@TempDir Path tmp) throws Exception {
        Digits all = MnistData.train();
        Digits small = new Digits(Arrays.copyOf(all.pixels(), 40 * Digits.PIXELS), Arrays.copyOf(all.labels(), 40));
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(10);
        DcganTrainer straight = new DcganTrainer(new DcganTrainer.Config(tmp.resolve("a"), 8, 16, Dcgan.LR, 5, 4, 4, false, 8, 0, 2), arch, small);
        straight.run(new JobControl());
        assertEquals(2, straight.session().pack());
        Path b = tmp.resolve("b");
        JobControl control = new JobControl();
        control.onProgress(p -> {
            if (p.step() >= 4) control.cancel();
        });
        assertThrows(CancelledException.class,
                () -> new DcganTrainer(new DcganTrainer.Config(b, 8, 16, Dcgan.LR, 5, 4, 4, false, 8, 0, 2), arch, small).run(control));
        // resumed with the plain D asked for: the checkpoint's packed D wins
        DcganTrainer resumed = new DcganTrainer(new DcganTrainer.Config(b, 8, 16, Dcgan.LR, 5, 4, 4, true, 8), arch, small);
        resumed.run(new JobControl());
        assertEquals(2, resumed.session().pack());
        double dg = straight.session().generator().params().sub(resumed.session().generator().params()).amaxNumber().doubleValue();
        double dd = straight.session().discriminator().params().sub(resumed.session().discriminator().params()).amaxNumber().doubleValue();
        assertTrue(dg < 1e-4 && dd < 1e-4, "G differs by " + dg + ", D by " + dd);
        assertTrue(ModelCard.read(b).command().endsWith(" --conditional --batch 16 --pack 2"), ModelCard.read(b).command());
        // the packed run is not the plain one
        DcganTrainer plain = new DcganTrainer(new DcganTrainer.Config(tmp.resolve("c"), 8, 16, Dcgan.LR, 5, 4, 4, false, 8), arch, small);
        plain.run(new JobControl());
        MultiLayerNetwork g1 = plain.session().generator(), g2 = straight.session().generator();
        assertNotEquals(0, g1.params().sub(g2.params()).amaxNumber().doubleValue());
        assertTrue(!ModelCard.read(tmp.resolve("c")).command().contains("--pack"));
    }

    private static INDArray rows(INDArray x, int[] idx) {
        INDArray[] r = new INDArray[idx.length];
        for (int i = 0; i < idx.length; i++) r[i] = x.get(NDArrayIndex.interval(idx[i], idx[i] + 1));
        return Nd4j.concat(0, r);
    }
}
