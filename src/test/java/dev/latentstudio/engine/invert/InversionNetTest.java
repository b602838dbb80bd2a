package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of network runs every technique it lists (one step), and refuses the ones it does not list. */
class InversionNetTest {

    @Test
    void everyKindRunsOneStepOfEachTechniqueItOffersAndRefusesTheOthers() throws Exception {
        List<InversionNet> nets = List.of(InversionNet.of(ModelStore.DEFAULT_CLASSIFIER), InversionNet.of(InversionNet.FACE_RECOGNITION),
                InversionNet.of(InversionNet.FACE_EXPRESSION), InversionNet.of(InversionNet.FACE_AGE_GENDER),
                InversionNet.of(InversionNet.FACE_LANDMARKS), InversionNet.of(InversionNet.FACE_DETECTOR));
        assertEquals(List.of(ClassifierNet.class, RecogniserNet.class, ExpressionNet.class, AgeGenderTargetNet.class, LandmarkNet.class,
                        DetectorNet.class), nets.stream().map(Object::getClass).toList(), "the six kinds");
        for (InversionNet net : nets) {
            assertFalse(net.techniques().isEmpty(), net.model());
            for (Technique t : Technique.values()) {
                String what = net.model() + " " + t;
                InversionOptions o = net.defaults(t).withSteps(1).withPreviewEvery(1);
                if (!net.techniques().contains(t)) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> net.invert(t, Goal.classes(new double[]{1}), o, new JobControl()), what);
                    assertTrue(e.getMessage().contains("offers"), e.getMessage());
                    continue;
                }
                Goal goal = goal(net, t);
                InversionNet.Outcome out = net.invert(t, goal, o, new JobControl());
                assertEquals(t == Technique.DREAM ? o.octaves() : 1, out.result().steps(), what);
                assertTrue(Double.isFinite(out.verdict().score()), what + ": " + out.verdict());
                assertFalse(out.verdict().words().isEmpty(), what);
                int p = out.verdict().probabilities().length;
                assertTrue(p == 0 || p == net.classNames().size(), what + ": " + p + " probabilities");
                net.before(t, goal, o); // the start's measurement, where there is one, runs too
            }
        }
    }

    /** The smallest goal of each technique: class 0, channel 0 of the first layer, held-out picture 0 or sample photo 1. */
    private static Goal goal(InversionNet net, Technique t) throws Exception {
        String first = net.layerNames().get(0);
        return switch (t) {
            case CLASS -> {
                double[] w = new double[net.classNames().size()];
                w[0] = 1;
                yield Goal.classes(w);
            }
            case CHANNEL -> Goal.channel(first, 0);
            case RECONSTRUCT, DREAM -> Goal.picture(first, net.start(null, 0));
            case CGMM -> {
                ((ClassifierNet) net).fitCgmm(CgmmVisualisation.DEFAULT_LAYER, 500, new JobControl()); // a small fit, kept
                yield Goal.cgmm(CgmmVisualisation.DEFAULT_LAYER, new int[]{3}, 1);
            }
            case PORTRAIT -> Goal.picture(null, net.start(null, 0));
            case LANDMARKS -> LandmarkNet.move(net.start(null, 0), LandmarkMoves.plus(LandmarkMoves.none(), "mouth_open=4"));
        };
    }
}
