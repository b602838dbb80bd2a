package dev.latentstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every numeric option of every command is range-checked by picocli: a usage error naming the option, exit 2. */
class OptionRangesTest {
    private static final Set<Class<?>> NUMERIC = Set.of(int.class, long.class, double.class, float.class, short.class, byte.class,
            Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class);

    @Test
    void everyNumericOptionRefusesValuesOutsideItsRange() {
        List<String> problems = new ArrayList<>();
        int[] fed = {0};
        walk(new CommandLine(new Main()), List.of(), problems, fed);
        assertEquals(List.of(), problems);
        assertTrue(fed[0] > 100, "values fed: " + fed[0]);
    }

    private static void walk(CommandLine cl, List<String> path, List<String> problems, int[] fed) {
        String where = path.isEmpty() ? "studio" : String.join(" ", path);
        for (PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
            // a numeric positional would need the positionals before it: extend this test when one appears
            if (NUMERIC.contains(p.type())) problems.add(where + " " + p.paramLabel() + ": a numeric positional");
        }
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (!NUMERIC.contains(o.type())) continue;
            String name = o.longestName();
            Ranges.Range<?> range = null;
            for (CommandLine.ITypeConverter<?> c : o.converters()) if (c instanceof Ranges.Range<?> r) range = r;
            if (range == null) {
                problems.add(where + " " + name + ": no Ranges converter");
                continue;
            }
            if (range.type != box(o.type())) problems.add(where + " " + name + ": a " + range.type.getSimpleName() + " range on " + o.type());
            List<String> bad = new ArrayList<>(range.outside());
            bad.add("x"); // and not a number at all
            for (String v : bad) {
                List<String> args = new ArrayList<>(path);
                args.add(name);
                args.add(v);
                String out = CliTest.run(2, args.toArray(String[]::new));
                fed[0]++;
                if (!out.contains("Invalid value for option '" + name + "': " + (v.equals("x") ? "'x'" : v) + " is not ")
                        || out.contains("Exception") || out.contains("\tat ")) {
                    problems.add(String.join(" ", args) + " → " + out.lines().findFirst().orElse(""));
                }
            }
        }
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) return; // an alias
            List<String> p = new ArrayList<>(path);
            p.add(name);
            walk(sub, p, problems, fed);
        });
    }

    private static Class<?> box(Class<?> t) {
        return t == int.class ? Integer.class : t == long.class ? Long.class : t == double.class ? Double.class : t;
    }

    @Test
    void trainDcganRefusesZeroIntervalsAndNegativeSteps(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        String[][] cases = {
                {"--checkpoint-every", "0", "--steps", "10"},
                {"--preview-every", "0", "--steps", "10"},
                {"--steps", "-5"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train-dcgan", "--out", run.toString()));
            args.addAll(List.of(c));
            String out = CliTest.run(2, args.toArray(String[]::new));
            assertTrue(out.contains("Invalid value for option '" + c[0] + "': " + c[1] + " is not a positive whole number"), out);
            assertFalse(out.contains("Exception"), out);
            assertFalse(Files.exists(run), "nothing written for " + args);
        }
    }
}
