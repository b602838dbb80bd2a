package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionalDcganTest {

    @Test
    void projectionLossGradientMatchesCentralDifferences() {
        ProjectionLoss loss = new ProjectionLoss();
        var id = Activation.IDENTITY.getActivationFunction();
        INDArray out = Nd4j.rand(DataType.DOUBLE, 4, 4).subi(0.5).muli(6);
        // targets 1, 0, 1, 0; classes 2, 0, 1, 2 (and one blended row)
        INDArray labels = Nd4j.create(new double[][]{{1, 0, 0, 1}, {0, 1, 0, 0}, {1, 0, 1, 0}, {0, 0.25, 0, 0.75}});
        INDArray grad = loss.computeGradient(labels, out, id, null);
        double h = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                INDArray plus = out.dup(), minus = out.dup();
                plus.putScalar(i, j, out.getDouble(i, j) + h);
                minus.putScalar(i, j, out.getDouble(i, j) - h);
                double num = (loss.computeScore(labels, plus, id, null, false) - loss.computeScore(labels, minus, id, null, false)) / (2 * h);
                assertEquals(num, grad.getDouble(i, j), 1e-6, "dL/do[" + i + "," + j + "]");
            }
        }
        // the score is BCE on o0 + o_{1+y}: check one row by hand
        double s = out.getDouble(0, 0) + out.getDouble(0, 3);
        assertEquals(Math.log1p(Math.exp(-s)), loss.computeScoreArray(labels, out, id, null).getDouble(0), 1e-9);
        assertEquals(1 / (1 + Math.exp(-s)), ProjectionLoss.probability(out.castTo(DataType.FLOAT),
                labels.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4)).castTo(DataType.FLOAT)).getDouble(0), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(Nd4j.ones(4, 1), out, id, null, true));
    }

    @Test
    void networksTakeTheClassAndStartWithSmallEmbeddings() {
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(10);
        MultiLayerNetwork g = arch.generator(1, Dcgan.LR), d = arch.discriminator(2, Dcgan.LR);
        assertEquals(74, arch.inputDim());
        assertEquals(List.of(3L, 1L, 28L, 28L), Arrays.stream(g.output(Nd4j.rand(3, 74)).shape()).boxed().toList());
        assertEquals(11, d.output(Nd4j.rand(2, 1, 28, 28)).size(1));
        INDArray w = d.getLayer(d.getnLayers() - 1).getParam("W");
        double std0 = w.getColumn(0).stdNumber().doubleValue();
        double stdE = w.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 11)).stdNumber().doubleValue();
        assertEquals(0.02, std0, 0.002, "ψ starts as the DCGAN's N(0, 0.02)");
        assertEquals(Dcgan.EMBEDDING_INIT_STD, stdE, 0.001, "class embeddings start small");
        assertThrows(IllegalArgumentException.class, () -> new Dcgan.Architecture(Dcgan.CONDITIONAL28_ID, 64, 1, 28, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dcgan.Architecture(Dcgan.MNIST_ID, 64, 1, 28, 64, 10));
    }

    @Test
    void aConditionalSessionRefusesMissingClassesAndLearnsWhichClassIsReal() {
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(2);
        GanSession s = new GanSession(arch.generator(3, 1e-3), arch.discriminator(4, 1e-3), 0, 0);
        assertEquals(2, s.classes());
        INDArray real = Nd4j.rand(8, 1, 28, 28).muli(2).subi(1);
        assertThrows(IllegalArgumentException.class, () -> s.trainDiscriminator(real, real.dup()));
        // the same images are real as class 0 and fake as class 1: only the projection can tell them apart
        INDArray c0 = Noise.oneHot(new int[8], 2), c1 = Noise.oneHot(new int[]{1, 1, 1, 1, 1, 1, 1, 1}, 2);
        for (int i = 0; i < 60; i++) s.trainDiscriminator(real, c0, real, c1);
        double p0 = s.realProbability(real, c0).meanNumber().doubleValue(), p1 = s.realProbability(real, c1).meanNumber().doubleValue();
        assertTrue(p0 > 0.8 && p1 < 0.2, "D tells the classes apart: P(real | class 0) " + p0 + ", P(real | class 1) " + p1);
    }

    @Test
    void conditionalRunResumesExactlyAndWritesAConditionalCard(@TempDir Path tmp) throws Exception {
        Digits all = MnistData.train();
        Digits small = new Digits(Arrays.copyOf(all.pixels(), 40 * Digits.PIXELS), Arrays.copyOf(all.labels(), 40));
        Dcgan.Architecture arch = Dcgan.Architecture.conditional28(10);
        DcganTrainer straight = new DcganTrainer(new DcganTrainer.Config(tmp.resolve("a"), 8, 16, Dcgan.LR, 5, 4, 4, false, 8), arch, small);
        straight.run(new JobControl());
        Path b = tmp.resolve("b");
        JobControl control = new JobControl();
        control.onProgress(p -> {
            if (p.step() >= 4) control.cancel();
        });
        assertThrows(CancelledException.class, () -> new DcganTrainer(new DcganTrainer.Config(b, 8, 16, Dcgan.LR, 5, 4, 4, false, 8), arch, small).run(control));
        assertEquals(arch, Checkpoint.readState(b).architecture(), "the checkpoint remembers the classes");
        DcganTrainer resumed = new DcganTrainer(new DcganTrainer.Config(b, 8, 16, Dcgan.LR, 5, 4, 4, true, 8), Dcgan.Architecture.MNIST, small);
        resumed.run(new JobControl());
        double dg = straight.session().generator().params().sub(resumed.session().generator().params()).amaxNumber().doubleValue();
        double dd = straight.session().discriminator().params().sub(resumed.session().discriminator().params()).amaxNumber().doubleValue();
        assertTrue(dg < 1e-4 && dd < 1e-4, "G differs by " + dg + ", D by " + dd);
        ModelCard card = ModelCard.read(b);
        assertEquals(Dcgan.CONDITIONAL28_ID, card.architecture());
        assertEquals(10, card.labels().size());
        GeneratorModel g = GeneratorModel.load(b.toString());
        assertEquals(74, g.latentDim());
        assertEquals(10, g.prior().classes());
    }

    @Test
    void unlabelledDataCannotTrainAConditionalModel(@TempDir Path tmp) {
        var unlabelled = new dev.latentstudio.engine.data.TrainingData() {
            public int size() { return 4; }
            public int channels() { return 1; }
            public int side() { return 28; }
            public INDArray batch(int[] idx) { return Nd4j.zeros(idx.length, 1, 28, 28); }
            public String describe() { return "four blank pictures"; }
        };
        var e = assertThrows(java.io.IOException.class, () -> new DcganTrainer(new DcganTrainer.Config(tmp, 2, 2, Dcgan.LR, 1, 1, 1, false, 2),
                Dcgan.Architecture.conditional28(10), unlabelled).run(new JobControl()));
        assertTrue(e.getMessage().contains("have no classes"), e.getMessage());
    }
}
