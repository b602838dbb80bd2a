package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.nn.InputGradient;
import dev.latentstudio.engine.nn.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One piece of what an inversion climbs, in image space: a score of an NCHW image and d score / d image. A network
 * objective becomes one through {@link #of} (its own input transforms, then the network, then the objective); a
 * pixel-space term is one directly. Terms add and scale, so an edit is assembled from small pieces
 * ({@code attribute.plus(identity.times(2))}); each may report figures (its loss, a probability) for the progress events.
 */
public interface ImageTerm {

    /**
     * A score, d score / d image (shaped like the image) and named figures to show. The gradient is a fresh array the
     * caller owns (and may free: an inversion frees it each step, its native memory would wait for the collector).
     */
    record Value(double score, INDArray gradient, Map<String, Double> figures) {
        public Value {
            figures = Map.copyOf(figures);
        }

        public Value(double score, INDArray gradient) {
            this(score, gradient, Map.of());
        }
    }

    /** The term for this image; {@code rnd} drives any random transform the term applies first. */
    Value evaluate(INDArray image, Random rnd);

    default ImageTerm plus(ImageTerm other) {
        ImageTerm self = this;
        return (image, rnd) -> {
            Value a = self.evaluate(image, rnd), b = other.evaluate(image, rnd);
            Map<String, Double> f = new LinkedHashMap<>(a.figures());
            f.putAll(b.figures());
            INDArray sum = a.gradient().add(b.gradient().castTo(a.gradient().dataType()));
            Buffers.close(a.gradient(), b.gradient()); // the parts' own, fresh
            return new Value(a.score() + b.score(), sum, f);
        };
    }

    /** The score and gradient scaled; the figures stay as the term reports them. */
    default ImageTerm times(double weight) {
        ImageTerm self = this;
        return (image, rnd) -> {
            Value a = self.evaluate(image, rnd);
            INDArray scaled = a.gradient().mul(weight);
            Buffers.close(a.gradient());
            return new Value(weight * a.score(), scaled, a.figures());
        };
    }

    /**
     * A network objective as an image term: the image goes through {@code inputTransforms} (jitter, a resampling, the
     * network's input normalisation: applied in order, their adjoints in reverse), then the network; the objective's
     * gradient comes back to the pixels.
     */
    static ImageTerm of(InputGradient.Backprop backprop, Objective objective, List<Transform> inputTransforms) {
        List<Transform> transforms = List.copyOf(inputTransforms);
        return (image, rnd) -> {
            Transform.Applied[] applied = new Transform.Applied[transforms.size()];
            INDArray x = image;
            for (int i = 0; i < applied.length; i++) {
                applied[i] = transforms.get(i).apply(x, rnd);
                x = applied[i].image();
            }
            double[] score = new double[1];
            INDArray[] outGrad = new INDArray[1];
            INDArray fromNet = backprop.of(x, out -> {
                Objective.Value v = objective.evaluate(out);
                score[0] = v.score();
                return outGrad[0] = v.gradient().castTo(out.dataType());
            });
            INDArray g = fromNet;
            List<INDArray> made = new java.util.ArrayList<>(List.of(fromNet, outGrad[0]));
            for (int i = applied.length - 1; i >= 0; i--) made.add(g = applied[i].pullBack(g));
            INDArray result = g.dup();
            // fresh each call (the transforms' pictures and pulled-back gradients too; the caller's image stays, and views
            // are left to their owners): freed now, not at a collection
            for (Transform.Applied a : applied) if (a.image() != image) made.add(a.image());
            Buffers.close(made.toArray(INDArray[]::new));
            return new Value(score[0], result);
        };
    }

    /** The same without input transforms. */
    static ImageTerm of(InputGradient.Backprop backprop, Objective objective) {
        return of(backprop, objective, List.of());
    }
}
