package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModeSeekingTest {

    private static double[] uniform(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 6, per = 10, zDim = 4;
        double[] x = uniform(r, n * per), z = uniform(r, n * zDim);
        int[] cls = {0, 1, 0, 1, 0, 2}; // pairs (0,2) (0,4) (2,4) (1,3); row 5 has no partner
        double[] grad = new double[x.length], scratch = new double[x.length];
        double loss = ModeSeeking.lossAndGradient(x, per, z, zDim, cls, grad);
        assertTrue(loss > 0);
        double h = 1e-7;
        for (int k = 0; k < x.length; k++) {
            double[] plus = x.clone(), minus = x.clone();
            plus[k] += h;
            minus[k] -= h;
            double num = (ModeSeeking.lossAndGradient(plus, per, z, zDim, cls, scratch)
                    - ModeSeeking.lossAndGradient(minus, per, z, zDim, cls, scratch)) / (2 * h);
            assertEquals(num, grad[k], 1e-6 * Math.max(1, Math.abs(num)), "dL/dx[" + k + "]");
        }
        for (int k = 5 * per; k < 6 * per; k++) assertEquals(0, grad[k], "a row alone in its class is not pushed");
    }

    @Test
    void pairsOnlyWithinAClassAndPushesCollapsedPairsHardest() {
        // rows 0 and 1 share a class and lie 0.5 apart per value; row 2 is another class
        double[] x = {0, 0, 0.5, 0.5, 9, 9}, z = {0, 1, 5};
        double[] grad = new double[6];
        assertEquals(1 / (0.5 / 1 + ModeSeeking.EPS), ModeSeeking.lossAndGradient(x, 2, z, 1, new int[]{4, 4, 7}, grad), 1e-12);
        assertEquals(0, ModeSeeking.lossAndGradient(x, 2, z, 1, new int[]{0, 1, 2}, grad), "no pairs: no term");
        assertTrue(Arrays.stream(grad).allMatch(g -> g == 0));
        double[] near = {0, 0, 0.1, 0.1, 9, 9}, gNear = new double[6], gFar = new double[6];
        ModeSeeking.lossAndGradient(near, 2, z, 1, new int[]{4, 4, 7}, gNear);
        ModeSeeking.lossAndGradient(x, 2, z, 1, new int[]{4, 4, 7}, gFar);
        assertTrue(gNear[2] < gFar[2] && gFar[2] < 0, "descent moves the second row further from the first, the closer the harder: "
                + gNear[2] + " vs " + gFar[2]);
    }

    private static Digits small() throws java.io.IOException {
        Digits all = MnistData.train();
        return new Digits(Arrays.copyOf(all.pixels(), 40 * Digits.PIXELS), Arrays.copyOf(all.labels(), 40));
    }

    private static DcganTrainer.Config config(Path out, boolean resume, double w) {
        return new DcganTrainer.Config(out, 8, 16, Dcgan.LR, 5, 4, 4, resume, 8, w);
    }

    @Test
    void weightZeroIsThePlainLossAndAWeightChangesOnlyG(@TempDir Path tmp) throws Exception {
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(10);
        Digits data = small();
        List<String> metrics = new ArrayList<>();
        JobControl watch = new JobControl();
        watch.onProgress(p -> metrics.addAll(p.metrics().keySet()));
        DcganTrainer plain = new DcganTrainer(new DcganTrainer.Config(tmp.resolve("plain"), 1, 16, Dcgan.LR, 5, 4, 4, false, 1), arch, data);
        plain.run(new JobControl());
        DcganTrainer zero = new DcganTrainer(new DcganTrainer.Config(tmp.resolve("zero"), 1, 16, Dcgan.LR, 5, 4, 4, false, 1, 0), arch, data);
        zero.run(watch);
        DcganTrainer seeking = new DcganTrainer(new DcganTrainer.Config(tmp.resolve("ms"), 1, 16, Dcgan.LR, 5, 4, 4, false, 1, 2), arch, data);
        seeking.run(new JobControl());
        assertEquals(plain.session().generator().params(), zero.session().generator().params(), "weight 0 is today's G update");
        assertEquals(plain.session().discriminator().params(), zero.session().discriminator().params());
        assertFalse(metrics.contains("mode_seeking"), "no mode-seeking figure when it is off: " + metrics);
        assertFalse(ModelCard.read(tmp.resolve("zero")).command().contains("mode-seeking"));
        // D steps before G, so one step's D is the same; G's loss has the term
        assertEquals(plain.session().discriminator().params(), seeking.session().discriminator().params());
        assertNotEquals(plain.session().generator().params(), seeking.session().generator().params());
        assertTrue(seeking.session().modeSeekingLoss > 0);
        assertThrows(IllegalArgumentException.class, () -> seeking.session().setModeSeeking(-1));
    }

    @Test
    void aResumedRunKeepsItsWeight(@TempDir Path tmp) throws Exception {
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(10);
        Digits data = small();
        DcganTrainer straight = new DcganTrainer(config(tmp.resolve("a"), false, 0.5), arch, data);
        straight.run(new JobControl());
        Path b = tmp.resolve("b");
        JobControl control = new JobControl();
        control.onProgress(p -> {
            if (p.step() >= 4) control.cancel();
        });
        assertThrows(CancelledException.class, () -> new DcganTrainer(config(b, false, 0.5), arch, data).run(control));
        assertEquals(0.5, Checkpoint.readState(b).modeSeeking());
        DcganTrainer resumed = new DcganTrainer(config(b, true, 0), arch, data); // the checkpoint's weight wins
        resumed.run(new JobControl());
        double dg = straight.session().generator().params().sub(resumed.session().generator().params()).amaxNumber().doubleValue();
        assertTrue(dg < 1e-4, "G differs by " + dg);
        String command = ModelCard.read(b).command();
        assertTrue(command.contains(" --mode-seeking 0.5"), command);
    }
}
