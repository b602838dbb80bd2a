package dev.latentstudio.cli;

import dev.latentstudio.engine.Backend;
import dev.latentstudio.engine.Environment;
import dev.latentstudio.engine.Logs;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `./studio COMMAND …`: the command-line front of the same engine services the studio uses. */
@Command(name = "studio", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Latent Studio: watch neural networks dream.",
        subcommands = {InfoCommand.class, UiCommand.class, TrainDcganCommand.class, TrainClassifierCommand.class,
                SampleCommand.class, MorphCommand.class, DanceCommand.class, ArithCommand.class,
                EvaluateCommand.class, EvaluateInversionCommand.class, BenchCommand.class, InvertCommand.class,
                DetectCommand.class, EnrollCommand.class, RecognizeCommand.class, AlignCommand.class,
                EvaluateFacesCommand.class, DirectionsCommand.class, SlideCommand.class, EvaluateSlidersCommand.class,
                TrainPix2PixCommand.class, PartnerCommand.class, EvaluatePix2PixCommand.class, FaceEditCommand.class,
                FaceMorphCommand.class, EvaluateFaceSlidersCommand.class})
public final class Main implements Runnable {
    @CommandLine.Option(names = "--backend", scope = CommandLine.ScopeType.INHERIT, paramLabel = "auto|cpu|cuda",
            defaultValue = "${env:STUDIO_BACKEND:-auto}",
            description = "Where ND4J computes: cuda (a GPU, in a build made with mvn -Pcuda), cpu, or auto (CUDA where "
                    + "this build has it and the GPU can run it, else the CPU; the default, or STUDIO_BACKEND).")
    Backend.Kind backend;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        Environment.refuseJavaDeserialisation();
        java.nio.file.Path log = Logs.init();
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        helpEverywhere(cl);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // a clear one-line message for the user's mistakes, the stack only when asked for
            Throwable t = ex;
            // reflection and wrappers hide the real reason one level down
            while (t.getCause() != null && (t instanceof java.lang.reflect.InvocationTargetException || t.getMessage() == null
                    || t.getMessage().equals(t.getCause().toString()))) {
                t = t.getCause();
            }
            LoggerFactory.getLogger(Logs.FAILURES).error("studio " + String.join(" ", args) + " failed", ex);
            cmd.getErr().println("error: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            if (Boolean.getBoolean("studio.debug")) ex.printStackTrace(cmd.getErr());
            else if (!(t instanceof java.io.IOException || t instanceof IllegalArgumentException)) cmd.getErr().println("(details in " + log + ")");
            return 2;
        });
        cl.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) return help;
            // before any command touches ND4J; the note says when the backend asked for is not the one running
            Backend.Choice c = Backend.select(((Main) cl.getCommand()).backend);
            if (!c.note().isEmpty()) cl.getErr().println(c.note());
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    /** Every subcommand, however deep, answers --help and --version (one place, so a new command cannot forget). */
    private static void helpEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            sub.getCommandSpec().versionProvider(new Version());
            helpEverywhere(sub);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"Latent Studio " + Environment.studioVersion() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
