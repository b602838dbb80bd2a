package dev.latentstudio.app;

import dev.latentstudio.engine.gan.Dcgan;
import dev.latentstudio.engine.gan.GeneratorModel;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * An untrained DCGAN generator for UI tests. With the DCGAN initialisation (N(0, 0.02)) an untrained
 * generator's output is flat grey (std ~0.01 before tanh), so the last layer's weights are scaled up
 * to give pictures with contrast that differ from latent to latent, as a trained one would.
 */
public final class TestGenerators {
    private TestGenerators() {
    }

    public static ModelCard card(Map<String, Object> quality) {
        return new ModelCard("test-untrained", ModelCard.GENERATOR, "dcgan-mnist-28", "generator.zip", Dcgan.Z, 1, 28, 28,
                "tanh output in [-1,1]", null, "none", 0, 32, Dcgan.LR, 7, 0, "(built by the tests)", quality, "test");
    }

    public static GeneratorModel untrained() {
        return new GeneratorModel(network(), card(Map.of()));
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork g = Dcgan.generator(7, Dcgan.LR);
        g.getLayer(g.getnLayers() - 1).getParam("W").muli(100);
        return g;
    }

    /** An untrained class-conditional generator (cdcgan-28, classes "0".."9"), contrast scaled up as above. */
    public static GeneratorModel untrainedConditional() {
        MultiLayerNetwork g = Dcgan.Architecture.conditional28(10).generator(7, Dcgan.LR);
        g.getLayer(g.getnLayers() - 1).getParam("W").muli(100);
        g.getLayer(0).getParam("W").get(org.nd4j.linalg.indexing.NDArrayIndex.interval(Dcgan.Z, Dcgan.Z + 10),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).muli(50); // so the class shows in the picture
        ModelCard c = new ModelCard("test-conditional", ModelCard.GENERATOR, Dcgan.CONDITIONAL28_ID, "generator.zip", Dcgan.Z, 1, 28, 28,
                "tanh output in [-1,1]", java.util.List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), "none", 0, 32, Dcgan.LR, 7, 0,
                "(built by the tests)", Map.of(), "test");
        return new GeneratorModel(g, c);
    }

    /** Writes an untrained generator as a model folder (model.json + weights) and returns the folder. */
    public static Path writeUntrained(Path dir) throws IOException {
        ModelCard c = card(Map.of());
        ModelStore.saveNetwork(dir.resolve(c.weights()), network());
        c.write(dir);
        return dir;
    }
}
