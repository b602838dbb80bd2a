package dev.latentstudio.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.latentstudio.engine.Environment;
import dev.latentstudio.engine.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Time the workloads of ../shared/bench/bench.py (the PyTorch peer) on this engine; "
        + "prints one JSON object per line: an info line, then median/min/p99 milliseconds per workload "
        + "(with --soak, resident memory instead).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--repeat", converter = Ranges.Positive.class, defaultValue = "30", description = "Timed runs per workload (default ${DEFAULT-VALUE}).")
    int repeat;
    @Option(names = "--warmup", converter = Ranges.NonNegative.class, defaultValue = "5", description = "Untimed runs first, at least a second of them, then up to 100 runs within 10 s while the step settles (default ${DEFAULT-VALUE}; 0: none).")
    int warmup;
    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Only these workloads.")
    List<String> only;
    @Option(names = "--soak", converter = Ranges.Positive.class, paramLabel = "STEPS", description = "Instead of timing: run each "
            + "workload STEPS times and print its resident memory along the way, its peak and its growth after the first tenth.")
    Integer soak;
    @Option(names = "--soak-studio", converter = Ranges.PositiveReal.class, paramLabel = "MINUTES", description = "Instead of the workloads: loop what a user does "
            + "(morph frames, DCGAN steps, booth frames of the sample photos, a class inversion, a face-edit step) for MINUTES "
            + "and print resident memory along the way, its peak, its growth after the first tenth and the native memory left "
            + "for the collector per call.")
    Double soakStudio;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Bench.Workload> work = Bench.workloads();
        List<String> names = work.stream().map(Bench.Workload::name).toList();
        if (only != null) {
            for (String n : only) {
                if (!names.contains(n)) throw new ParameterException(spec.commandLine(), "unknown workload " + n + "; known: " + names);
            }
            work = work.stream().filter(w -> only.contains(w.name())).toList();
        }
        Gson gson = new GsonBuilder().disableHtmlEscaping().create(); // "=" as it is in openmp_wait
        Map<String, Object> env = Environment.describe();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("peer", "latent-studio");
        info.put("backend", env.get("backend"));
        info.put("threads", env.get("threads"));
        info.put("natives", env.get("nd4j_natives"));
        info.put("blas", env.get("blas"));
        info.put("dl4j", env.get("dl4j"));
        info.put("openmp_wait", env.get("openmp_wait"));
        System.out.println(gson.toJson(info));
        if (soakStudio != null) {
            if (!(soakStudio > 0) || soakStudio > 24 * 60) throw new ParameterException(spec.commandLine(), "--soak-studio takes minutes in (0, 1440], got " + soakStudio);
            System.out.println(gson.toJson(Bench.soakStudio(soakStudio)));
            return 0;
        }
        for (Bench.Workload w : work) {
            System.out.println(gson.toJson(soak == null ? Bench.time(w, warmup, repeat) : Bench.soak(w, soak)));
            System.out.flush();
        }
        return 0;
    }
}
