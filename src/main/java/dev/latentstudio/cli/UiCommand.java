package dev.latentstudio.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "ui", description = "Open the studio window (use `xvfb-run -a ./studio ui` where there is no display).")
final class UiCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        // by name, so the CLI stays usable on a machine without JavaFX's natives
        try {
            Class.forName("dev.latentstudio.app.StudioApp").getMethod("launchApp", String[].class)
                    .invoke(null, (Object) new String[0]);
        } catch (java.lang.reflect.InvocationTargetException e) {
            String msg = String.valueOf(e.getCause().getMessage());
            if (msg.contains("GTK")) {
                throw new IllegalStateException("JavaFX found no GTK 3 to draw its window with; install it "
                        + "(Debian: apt-get install -y libgtk-3-0) and, without a display, run `xvfb-run -a ./studio ui`", e);
            }
            throw e;
        }
        return 0;
    }
}
