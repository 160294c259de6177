package dev.sprout.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import dev.sprout.report.Style;

/**
 * Where a command reads and writes: streams, environment and current folder are passed in,
 * never taken from globals, so commands run the same in tests as on a terminal.
 *
 * @param in what the user types (confirmations, {@code sprout run}, watch keys); empty in tests
 *           unless given
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDir,
                      boolean terminal, InputStream in) {

    public Console {
        environment = Map.copyOf(environment);
    }

    /** A console nobody types into. */
    public Console(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDir,
                   boolean terminal) {
        this(out, err, environment, workingDir, terminal, new ByteArrayInputStream(new byte[0]));
    }

    public Style style() {
        return Style.detect(environment, terminal);
    }
}
