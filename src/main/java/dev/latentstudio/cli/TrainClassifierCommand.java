package dev.latentstudio.cli;

import dev.latentstudio.engine.classify.ClassifierTrainer;
import dev.latentstudio.engine.classify.DigitClassifier;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.model.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train-classifier", description = "Train the digit CNN on the bundled training digits and test it on the held-out ones.")
final class TrainClassifierCommand implements Callable<Integer> {
    @Option(names = "--out", required = true)
    Path out;
    @Option(names = "--epochs", defaultValue = "12")
    int epochs;
    @Option(names = "--batch", defaultValue = "64")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3")
    double lr;
    @Option(names = "--seed", defaultValue = "1")
    long seed;
    @Option(names = "--arch", defaultValue = "cnn", description = "cnn (conv5×5 ×2, the default) or cnn-b (conv3×3 ×3, narrower).")
    String arch;

    @Override
    public Integer call() throws Exception {
        JobControl control = new JobControl().onProgress(new ConsoleProgress(System.out));
        new ClassifierTrainer(new ClassifierTrainer.Config(out, epochs, batch, lr, seed, DigitClassifier.Arch.of(arch)), MnistData.train(), MnistData.test()).run(control);
        System.out.println("test accuracy " + ModelCard.read(out).quality().get("test_accuracy") + "; model written to " + out);
        return 0;
    }
}
