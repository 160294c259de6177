package dev.sprout.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import dev.sprout.report.Style;

/**
 * Where a command reads and writes: streams, environment and current folder are passed in,
 * never taken from globals, so commands run the same in tests as on a terminal.
 *
 * @param in what the user types (confirmations, {@code sprout run}, watch keys); empty in tests
 *           unless given
 */
public record Console(
        PrintWriter out,
        PrintWriter err,
        Map<String, String> environment,
        Path workingDir,
        boolean terminal,
        InputStream in) {

    public Console {
        environment = Map.copyOf(environment);
    }

    /** A console nobody types into. */
    public Console(
            PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDir, boolean terminal) {
        this(out, err, environment, workingDir, terminal, new ByteArrayInputStream(new byte[0]));
    }

    public Style style() {
        return Style.detect(environment, terminal);
    }

    /**
     * Columns to wrap learner-facing text at: {@code COLUMNS} when set, else the terminal's width;
     * 0 (no wrapping) when output goes to a file or a pipe, where a reader's window is unknown.
     */
    public int width() {
        Optional<Integer> columns = columns(environment);
        if (columns.isPresent()) {
            return columns.get();
        }
        if (!terminal) {
            return 0;
        }
        try (Terminal system = TerminalBuilder.builder()
                .system(true)
                .signalHandler(Terminal.SignalHandler.SIG_DFL)
                .build()) {
            return Math.max(0, system.getWidth());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Optional<Integer> columns(Map<String, String> environment) {
        try {
            int columns =
                    Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
            return columns > 0 ? Optional.of(columns) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
