package dev.sprout.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one run of a trusted host tool did.
 *
 * @param exitValue the tool's exit status, or -1 unless it {@link Ended#EXITED}
 * @param stdout    up to the cap; with {@link HostCommand#mergeStderr()} stderr too
 * @param truncated whether either stream said more than the cap
 * @param startFailure why the tool could not be started, when it was {@link Ended#NOT_STARTED}
 */
public record HostRun(
        List<String> command,
        Optional<Path> dir,
        Duration timeout,
        Ended ended,
        int exitValue,
        String stdout,
        String stderr,
        boolean truncated,
        Duration elapsed,
        Optional<String> startFailure) {

    /** Why the run ended. */
    public enum Ended {
        EXITED,
        /** the wait ran out: the tree was killed */
        TIMED_OUT,
        /** the tool is not installed or not executable */
        NOT_STARTED,
        /** our thread was interrupted while waiting: the tree was killed */
        INTERRUPTED
    }

    /** Characters of output shown at each end in {@link #diagnosis()}. */
    private static final int SHOWN = 600;

    /** Exited, with status 0. */
    public boolean ok() {
        return ended == Ended.EXITED && exitValue == 0;
    }

    /**
     * Everything needed to see why a run failed: what ran, where, how it ended and against which
     * limit, and the head and tail of what it said.
     */
    public String diagnosis() {
        StringBuilder text =
                new StringBuilder("`").append(String.join(" ", command)).append('`');
        dir.ifPresent(d -> text.append(" in ").append(d));
        text.append(
                switch (ended) {
                    case EXITED -> " exited with status " + exitValue;
                    case TIMED_OUT -> " did not finish within its limit of " + seconds(timeout) + " and was killed";
                    case NOT_STARTED -> " could not be started: " + startFailure.orElse("unknown reason");
                    case INTERRUPTED -> " was interrupted after " + seconds(elapsed) + " and killed";
                });
        if (ended != Ended.NOT_STARTED) {
            text.append(" after ").append(seconds(elapsed));
        }
        appendOutput(text, "stdout", stdout);
        appendOutput(text, "stderr", stderr);
        if (truncated) {
            text.append("\n(output cut at the cap)");
        }
        return text.toString();
    }

    private static void appendOutput(StringBuilder text, String name, String output) {
        String shown = output.strip();
        if (shown.isEmpty()) {
            return;
        }
        text.append('\n').append(name).append(":\n");
        if (shown.length() <= 2 * SHOWN) {
            text.append(shown);
        } else {
            text.append(shown, 0, SHOWN)
                    .append("\n[… ")
                    .append(shown.length() - 2 * SHOWN)
                    .append(" characters …]\n")
                    .append(shown, shown.length() - SHOWN, shown.length());
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
