package dev.latentstudio.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {

    @Test
    void missingCorruptAndMalformedModelsGiveClearMessages(@TempDir Path tmp) throws IOException {
        IOException none = assertThrows(IOException.class, () -> ModelStore.find(tmp.resolve("nope").toString()));
        assertTrue(none.getMessage().contains("No model named"), none.getMessage());

        Files.writeString(tmp.resolve(ModelCard.FILE), "{ this is not json");
        IOException bad = assertThrows(IOException.class, () -> ModelStore.find(tmp.toString()));
        assertTrue(bad.getMessage().contains("not valid JSON"), bad.getMessage());

        Path weights = tmp.resolve("w.zip");
        Files.write(weights, new byte[]{1, 2, 3, 4, 5});
        IOException corrupt = assertThrows(IOException.class, () -> ModelStore.loadNetwork(weights));
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());
        IOException gone = assertThrows(IOException.class, () -> ModelStore.loadNetwork(tmp.resolve("gone.zip")));
        assertTrue(gone.getMessage().contains("missing"), gone.getMessage());
    }

    @Test
    void shippedModelsAreListed() {
        assertTrue(ModelStore.list(ModelCard.GENERATOR).stream().anyMatch(e -> e.card().name().equals(ModelStore.DEFAULT_GENERATOR)));
        assertTrue(ModelStore.list(ModelCard.CLASSIFIER).stream().anyMatch(e -> e.card().name().equals(ModelStore.DEFAULT_CLASSIFIER)));
    }
}
