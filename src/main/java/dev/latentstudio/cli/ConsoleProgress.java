package dev.latentstudio.cli;

import dev.latentstudio.engine.job.Progress;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/** The console face of a job: a redrawn bar on a terminal, a line every few seconds in a log. */
final class ConsoleProgress implements Consumer<Progress> {
    private final PrintStream out;
    private final boolean tty = System.console() != null;
    private long lastLine;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(Progress p) {
        boolean done = p.step() >= p.total();
        long now = System.currentTimeMillis();
        if (!tty && !done && now - lastLine < 5000) return;
        lastLine = now;
        int width = 30, filled = (int) Math.round(p.fraction() * width);
        StringBuilder sb = new StringBuilder();
        sb.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
        sb.append(p.step()).append('/').append(p.total());
        for (Map.Entry<String, Double> e : p.metrics().entrySet()) {
            if (e.getValue() == null || e.getValue().isNaN()) continue;
            if (e.getKey().equals("eta_s")) sb.append("  ETA ").append(duration(e.getValue()));
            else sb.append("  ").append(e.getKey()).append(' ').append(String.format("%.3g", e.getValue()));
        }
        if (tty) {
            out.print("\r" + sb + "   ");
            if (done) out.println();
        } else {
            out.println(sb);
        }
        out.flush();
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
