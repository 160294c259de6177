package dev.sprout.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import dev.sprout.batch.BatchGrader;
import dev.sprout.report.Escape;
import dev.sprout.result.SubmissionResult;

/**
 * Progress of a batch on stderr: on a terminal, a progress bar (speed and time left, redrawn in
 * place); otherwise, as in CI logs, one plain line per finished submission.
 */
final class BatchProgress implements AutoCloseable {

    private final Console console;
    private final boolean enabled;
    private final ProgressBar bar;

    BatchProgress(Console console, boolean enabled, int total) {
        this.console = console;
        this.enabled = enabled;
        this.bar = enabled && console.terminal() && total > 0
                ? new ProgressBarBuilder()
                        .setTaskName("Grading")
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(200)
                        .showSpeed()
                        .setUnit(" submissions", 1)
                        .setConsumer(new ErrConsumer(console))
                        .build()
                : null;
    }

    /** Called from grading threads. */
    synchronized void finished(int done, int total, BatchGrader.Outcome outcome, long millis) {
        if (!enabled) {
            return;
        }
        SubmissionResult r = outcome.result();
        if (bar != null) {
            bar.setExtraMessage(" " + Escape.line(r.label()));
            bar.stepTo(done);
            return;
        }
        console.err()
                .println("[" + done + "/" + total + "] " + Escape.line(r.label()) + ": "
                        + r.result().status().label() + " " + r.result().score() + "/"
                        + r.result().maxScore() + " (" + millis + " ms)");
        console.err().flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** Draws on the console's stderr (not System.err), so tests and embedders see it too. */
    private record ErrConsumer(Console console) implements ProgressBarConsumer {

        @Override
        public int getMaxRenderedLength() {
            try {
                return Math.max(
                        40,
                        Integer.parseInt(console.environment()
                                        .getOrDefault("COLUMNS", "100")
                                        .strip())
                                - 1);
            } catch (NumberFormatException e) {
                return 99;
            }
        }

        @Override
        public void accept(String rendered) {
            synchronized (console.err()) {
                // Erase the rest of the line: a shorter redraw would leave the old tail behind.
                console.err().print("\r" + rendered + "\u001b[K");
                console.err().flush();
            }
        }

        @Override
        public void close() {
            console.err().println();
            console.err().flush();
        }
    }
}
