package dev.latentstudio.cli;

import dev.latentstudio.engine.classify.ClassifierTrainer;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.model.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train-classifier", mixinStandardHelpOptions = true, description = "Train a CNN on a bundled data set's training "
        + "split (the digits, or Fashion-MNIST's garments) and test it on its test split.")
final class TrainClassifierCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Folder for the trained classifier (a model folder with its model.json).")
    Path out;
    @Option(names = "--epochs", converter = Ranges.Positive.class, defaultValue = "12", description = "Passes over the training split (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch", converter = Ranges.Positive.class, defaultValue = "64", description = "Images per update (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", converter = Ranges.PositiveReal.class, defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--seed", converter = Ranges.AnyLong.class, defaultValue = "1", description = "Seed of the weights and the data order (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--arch", defaultValue = "cnn", description = "cnn (conv5×5 ×2, the default), cnn-b (conv3×3 ×3, narrower) "
            + "or fashion-cnn (conv3×3 ×4, wider, dropout: models/fashion-cnn).")
    String arch;
    @Option(names = "--data", defaultValue = "digits", description = "digits (the 8,500 bundled training digits, the default) or "
            + "fashion (Fashion-MNIST's 60,000 training garments, tested on its 10,000 test garments).")
    String data;

    @Override
    public Integer call() throws Exception {
        Dataset d = Dataset.of(data);
        DigitClassifier.Arch a = DigitClassifier.Arch.of(arch);
        ConsoleJob.run(new ClassifierTrainer(new ClassifierTrainer.Config(out, epochs, batch, lr, seed, a), d.train(), d.test()), System.out);
        System.out.println("test accuracy " + ModelCard.read(out).quality().get("test_accuracy") + "; model written to " + out);
        return 0;
    }
}
