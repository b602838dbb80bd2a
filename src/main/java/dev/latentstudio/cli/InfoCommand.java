package dev.latentstudio.cli;

import dev.latentstudio.engine.Environment;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", description = "Print the ND4J backend, device, threads, library versions and where models and data are.")
final class InfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "One JSON object instead of aligned lines.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> m = new LinkedHashMap<>(Environment.describe());
        m.put("generators", ModelStore.list(ModelCard.GENERATOR).stream().map(e -> e.card().name()).toList());
        m.put("classifiers", ModelStore.list(ModelCard.CLASSIFIER).stream().map(e -> e.card().name()).toList());
        m.put("pix2pix", ModelStore.list(dev.latentstudio.engine.pix2pix.Pix2PixTrainer.KIND).stream().map(e -> e.card().name()).toList());
        if (json) {
            System.out.println(new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(m)); // "=" as it is in openmp_wait
        } else {
            m.forEach((k, v) -> System.out.printf("%-12s %s%n", k, v));
        }
        return 0;
    }
}
