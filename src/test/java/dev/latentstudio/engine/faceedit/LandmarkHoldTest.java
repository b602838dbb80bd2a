package dev.latentstudio.engine.faceedit;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.ImageTerm;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.invert.LandmarkEdit;
import dev.latentstudio.engine.invert.LandmarkMoves;
import dev.latentstudio.engine.invert.LandmarkNet;
import dev.latentstudio.engine.invert.Start;
import dev.latentstudio.engine.invert.Technique;
import dev.latentstudio.engine.job.JobControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The face edit's identity and appearance terms on a landmark move of sample1's largest face. */
class LandmarkHoldTest {
    private static LandmarkNet net;
    private static LandmarkEdit.Cut cut;
    private static Goal goal;
    private static LandmarkHold hold;

    @BeforeAll
    static void load() throws Exception {
        net = (LandmarkNet) InversionNet.of(InversionNet.FACE_LANDMARKS);
        Start face = net.start(null, 0);
        cut = net.cut(face);
        goal = LandmarkNet.move(face, LandmarkMoves.plus(LandmarkMoves.none(), "smile=6"));
        hold = new LandmarkHold(FaceRecognitionNet.load(StudioPaths.models().resolve("face-api")));
    }

    @Test
    void theIdentityTermKeepsTheMovedFaceCloserToTheOriginalsDescriptor() throws Exception {
        var o = net.defaults(Technique.LANDMARKS).withSteps(12);
        net.restOfFace(null);
        InversionNet.Outcome free = net.invert(Technique.LANDMARKS, goal, o, new JobControl());
        net.restOfFace(hold.hold(200, 0));
        InversionNet.Outcome held;
        try {
            held = net.invert(Technique.LANDMARKS, goal, o, new JobControl());
        } finally {
            net.restOfFace(null);
        }
        assertTrue(held.result().metrics().containsKey("identity"), "the term is in the objective: " + held.result().metrics());
        double dFree = hold.distance(cut, free.result().image()), dHeld = hold.distance(cut, held.result().image());
        assertTrue(dHeld < dFree, "descriptor distance with the identity term " + dHeld + ", without " + dFree);
        double before = net.before(Technique.LANDMARKS, goal, o).figure("mean_error");
        assertTrue(held.verdict().figure("mean_error") < before, "the points still move: " + held.verdict().words());
        assertEquals(0, hold.distance(cut, cut.picture()), 1e-6);
    }

    @Test
    void bothTermsGradientsMatchCentralDifferences() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = cut.picture().castTo(DataType.FLOAT).add(Nd4j.rand(DataType.FLOAT, cut.picture().shape()).subi(0.5).muli(0.2));
        for (double[] w : new double[][]{{1, 0}, {0, 1}}) {
            ImageTerm t = hold.term(cut, w[0], w[1]);
            INDArray d = Nd4j.zeros(DataType.FLOAT, x.shape());
            d.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(40, 70), org.nd4j.linalg.indexing.NDArrayIndex.interval(40, 70))
                    .assign(Nd4j.randn(DataType.FLOAT, 1, 3, 30, 30));
            double h = 2e-4;
            double analytic = t.evaluate(x, new Random(0)).gradient().castTo(DataType.DOUBLE).mul(d.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            double numeric = (t.evaluate(x.add(d.mul(h)), new Random(0)).score() - t.evaluate(x.sub(d.mul(h)), new Random(0)).score()) / (2 * h);
            assertTrue(Math.abs(analytic) > 1e-6, "a vanishing gradient proves nothing: " + analytic);
            assertEquals(numeric, analytic, 0.1 * Math.abs(numeric), "weights " + w[0] + ", " + w[1]);
        }
    }
}
