package dev.latentstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "invert", mixinStandardHelpOptions = true, description = "Run a classifier backwards (the Inversion Lab).",
        subcommands = {InvertClassCommand.class, InvertFeaturesCommand.class, InvertDreamCommand.class,
                InvertChannelCommand.class, InvertCgmmCommand.class, InvertPortraitCommand.class, InvertExpressionCommand.class, InvertAgeGenderCommand.class,
                InvertLandmarksCommand.class, InvertDetectorCommand.class})
final class InvertCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to invert, e.g. `invert class 3`, `invert features --layer conv2 -o out`, "
                + "`invert dream photo.png -o out` or `invert cgmm --attrs 3,thick -o out`");
    }
}
