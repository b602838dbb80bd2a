package dev.latentstudio.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "ui", description = "Open the studio window (use `xvfb-run -a ./studio ui` where there is no display).")
final class UiCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        // by name, so the CLI stays usable on a machine without JavaFX's natives
        Class.forName("dev.latentstudio.app.StudioApp").getMethod("launchApp", String[].class)
                .invoke(null, (Object) new String[0]);
        return 0;
    }
}
