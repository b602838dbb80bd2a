package dev.latentstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainClassifierCommandTest {

    @Test
    void anUnknownDataSetOrArchitectureNamesTheChoicesAndTrainsNothing(@TempDir Path tmp) {
        String data = CliTest.run(2, "train-classifier", "--data", "mnist", "--out", tmp.resolve("a").toString());
        assertTrue(data.contains("unknown data set 'mnist'") && data.contains("digits or fashion"), data);
        String arch = CliTest.run(2, "train-classifier", "--data", "fashion", "--arch", "resnet", "--out", tmp.resolve("b").toString());
        assertTrue(arch.contains("cnn, cnn-b, fashion-cnn"), arch);
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("b")));
        String help = CliTest.run(0, "train-classifier", "--help");
        assertTrue(help.contains("--data") && help.contains("fashion"), help);
    }
}
