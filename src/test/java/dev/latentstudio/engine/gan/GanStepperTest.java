package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.data.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.latentstudio.engine.job.JobControl;
import java.nio.file.Path;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step mode's engine: each kind of update moves D's scores the way that update is meant to. */
class GanStepperTest {
    static Digits data;

    @BeforeAll
    static void load() throws IOException {
        data = MnistData.train();
    }

    @Test
    void aDiscriminatorStepSeparatesRealFromFakeAndLeavesTheFakesAlone() throws IOException {
        GanStepper s = GanStepper.fresh(Dcgan.Architecture.MNIST, data, 16, 3, Dcgan.LR);
        GanStepper.Snapshot before = s.snapshot();
        GanStepper.Snapshot after = s.stepDiscriminator();

        assertEquals(1, after.dUpdates());
        assertEquals(0, after.gUpdates());
        assertTrue(after.dLoss() < before.dLoss(), "D's loss falls: " + before.dLoss() + " -> " + after.dLoss());
        assertTrue(after.meanRealScore() - after.meanFakeScore() > before.meanRealScore() - before.meanFakeScore(),
                "D scores real higher relative to fake: real " + before.meanRealScore() + " -> " + after.meanRealScore()
                        + ", fake " + before.meanFakeScore() + " -> " + after.meanFakeScore());
        for (int i = 0; i < 16; i++) assertArrayEquals(before.fakes().get(i), after.fakes().get(i), "G did not move");
        assertEquals(16, after.realScores().length);
        assertEquals(16, after.fakes().size());
        assertEquals(28 * 28, after.fakes().get(0).length);
        assertTrue(after.real() == before.real(), "the real batch is fixed");
    }

    @Test
    void aGeneratorStepChangesTheFakesTowardWhatDCallsReal() throws IOException {
        GanStepper s = GanStepper.fresh(Dcgan.Architecture.MNIST, data, 16, 3, Dcgan.LR);
        s.stepDiscriminator();
        GanStepper.Snapshot before = s.snapshot();
        GanStepper.Snapshot after = s.stepGenerator();

        assertEquals(1, after.gUpdates());
        assertTrue(after.gLoss() < before.gLoss(), "G's loss falls: " + before.gLoss() + " -> " + after.gLoss());
        assertTrue(after.meanFakeScore() > before.meanFakeScore(),
                "D scores the new fakes as more real: " + before.meanFakeScore() + " -> " + after.meanFakeScore());
        int changed = 0;
        for (int i = 0; i < 16; i++) if (!Arrays.equals(before.fakes().get(i), after.fakes().get(i))) changed++;
        assertEquals(16, changed, "every fake picture changed");
        assertArrayEquals(before.realScores(), after.realScores(), 1e-6f, "D did not move");
    }

    @Test
    void continuesTheNetworksOfARunsCheckpoint(@TempDir Path run) throws Exception {
        new DcganTrainer(new DcganTrainer.Config(run, 3, 4, Dcgan.LR, 2, 100, 100, false, 3), data).run(new JobControl());
        GanStepper s = GanStepper.fromCheckpoint(run, data, 8, 2);
        GanStepper.Snapshot before = s.snapshot();
        assertEquals(3, before.dUpdates(), "the run's updates carry over");
        assertEquals(3, before.gUpdates());
        GanStepper.Snapshot after = s.stepDiscriminator();
        assertEquals(4, after.dUpdates());
        assertTrue(after.dLoss() < before.dLoss(), before.dLoss() + " -> " + after.dLoss());
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndScores() throws IOException {
        GanStepper.Snapshot a = GanStepper.fresh(Dcgan.Architecture.MNIST, data, 8, 11, Dcgan.LR).stepDiscriminator();
        GanStepper.Snapshot b = GanStepper.fresh(Dcgan.Architecture.MNIST, data, 8, 11, Dcgan.LR).stepDiscriminator();
        assertArrayEquals(a.realScores(), b.realScores(), 1e-5f);
        assertArrayEquals(a.real().get(3), b.real().get(3));
        assertFalse(Arrays.equals(a.real().get(0), a.real().get(1)), "different digits in the batch");
    }

    @Test
    void aConditionalPairStepsWithItsFakesAskedForTheRealBatchsClasses() throws IOException {
        GanStepper s = GanStepper.fresh(Dcgan.Architecture.conditional28(10), data, 16, 5, Dcgan.LR);
        GanStepper.Snapshot before = s.snapshot();
        GanStepper.Snapshot d = s.stepDiscriminator();
        assertTrue(d.dLoss() < before.dLoss(), "D's loss falls: " + before.dLoss() + " -> " + d.dLoss());
        GanStepper.Snapshot g = s.stepGenerator();
        assertTrue(g.gLoss() < d.gLoss(), "G's loss falls: " + d.gLoss() + " -> " + g.gLoss());
        assertEquals(16, g.fakes().size());
    }

    @Test
    void aPackedConditionalRunStepsInWholePacksOfOneClass(@TempDir Path run) throws Exception {
        new DcganTrainer(new DcganTrainer.Config(run, 2, 4, Dcgan.LR, 2, 100, 100, false, 2, 0, 2),
                Dcgan.Architecture.conditional28(10), data).run(new JobControl());
        GanStepper s = GanStepper.fromCheckpoint(run, data, 7, 2); // rounded down to 3 packs of 2
        GanStepper.Snapshot before = s.snapshot();
        assertEquals(6, before.realScores().length);
        for (int i = 0; i < 6; i += 2) {
            assertEquals(before.realScores()[i], before.realScores()[i + 1], "a pack has one score");
            assertEquals(before.fakeScores()[i], before.fakeScores()[i + 1]);
        }
        GanStepper.Snapshot after = s.stepDiscriminator();
        assertEquals(3, after.dUpdates());
        assertTrue(after.dLoss() < before.dLoss(), before.dLoss() + " -> " + after.dLoss());
    }

    @Test
    void dataTheNetworksCannotTakeAreRefusedNamingBoth(@TempDir Path run) throws Exception {
        IOException fresh = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> GanStepper.fresh(Dcgan.Architecture.colour64(8), data, 16, 1, Dcgan.LR));
        assertTrue(fresh.getMessage().contains("3×64×64") && fresh.getMessage().contains("1×28×28"), fresh.getMessage());

        new DcganTrainer(new DcganTrainer.Config(run, 1, 4, Dcgan.LR, 2, 100, 100, false, 1), Dcgan.Architecture.conditional28(10), data)
                .run(new JobControl());
        TrainingData unlabelled = new TrainingData() { // the digits as a plain folder would give them
            public int size() { return data.size(); }
            public int channels() { return 1; }
            public int side() { return 28; }
            public org.nd4j.linalg.api.ndarray.INDArray batch(int[] idx) { return data.batch(idx); }
            public String describe() { return "unlabelled digits"; }
        };
        IOException fromRun = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> GanStepper.fromCheckpoint(run, unlabelled, 8, 2));
        assertTrue(fromRun.getMessage().contains(run.toString()) && fromRun.getMessage().contains("no classes"), fromRun.getMessage());
    }

    @Test
    void aColourPairStepsOnAFoldersPictures() throws IOException {
        org.nd4j.linalg.api.ndarray.INDArray pictures = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 20, 3, 64, 64)
                .muli(2).subi(1);
        TrainingData folder = new TrainingData() { // what a folder of 20 colour pictures gives
            public int size() { return 20; }
            public int channels() { return 3; }
            public int side() { return 64; }
            public org.nd4j.linalg.api.ndarray.INDArray batch(int[] idx) {
                return org.nd4j.linalg.factory.Nd4j.pullRows(pictures.reshape(20, 3 * 64 * 64), 1, idx).reshape(idx.length, 3, 64, 64);
            }
            public String describe() { return "20 colour pictures"; }
        };
        GanStepper s = GanStepper.fresh(Dcgan.Architecture.colour64(8), folder, 16, 4, Dcgan.LR);
        GanStepper.Snapshot before = s.snapshot(), after = s.stepDiscriminator();
        assertEquals(64, after.width());
        assertEquals(64 * 64, after.fakes().get(0).length);
        assertTrue(after.dLoss() < before.dLoss(), before.dLoss() + " -> " + after.dLoss());
    }
}
