package dev.latentstudio.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command, however deep, answers --help with its usage and --version with the studio's version. */
class HelpTest {

    private static void commands(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            commands(e.getValue(), p, out);
        }
    }

    @Test
    void everyCommandAnswersHelpAndVersion() {
        List<List<String>> all = new ArrayList<>();
        commands(new CommandLine(new Main()), List.of(), all);
        assertTrue(all.size() > 25, "commands: " + all.size());
        for (List<String> c : all) {
            List<String> help = new ArrayList<>(c);
            help.add("--help");
            String out = CliTest.run(0, help.toArray(String[]::new));
            assertTrue(out.contains("Usage: studio " + String.join(" ", c)), out);
            // a lone % in a description is a format error picocli warns about instead of printing it
            assertTrue(!out.contains("[picocli WARN]") && !out.contains("Format"), out);
            List<String> version = new ArrayList<>(c);
            version.add("--version");
            assertTrue(CliTest.run(0, version.toArray(String[]::new)).startsWith("Latent Studio "), String.join(" ", c));
        }
        assertEquals(0, Main.run("--version"));
    }

    /** `--help` explains every option and parameter: a bare "--batch=<batch>" line tells a new user nothing. */
    @Test
    void everyOptionAndParameterIsDescribed() {
        List<String> bare = new ArrayList<>();
        describe(new CommandLine(new Main()), "studio", bare);
        assertTrue(bare.isEmpty(), "undescribed: " + bare);
    }

    private static void describe(CommandLine cl, String name, List<String> bare) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        for (CommandLine.Model.ArgSpec a : spec.args()) {
            boolean described = java.util.Arrays.stream(a.description()).anyMatch(d -> !d.isBlank());
            if (!described && !a.hidden()) bare.add(name + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel()));
        }
        for (var e : cl.getSubcommands().entrySet()) describe(e.getValue(), name + " " + e.getKey(), bare);
    }

    @Test
    void aFailedCommandLeavesItsTraceInTheLogFile() throws Exception {
        String marker = "no-such-model-" + System.nanoTime();
        String out = CliTest.run(2, "sample", "-g", marker);
        assertTrue(out.startsWith("error: No model named '" + marker + "'"), out);
        String log = java.nio.file.Files.readString(dev.latentstudio.engine.Logs.file());
        assertTrue(log.contains("studio sample -g " + marker + " failed") && log.contains("\tat dev.latentstudio."), log.length() + " chars");
    }
}
