package dev.sprout.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import dev.sprout.report.Style;

/**
 * Where a command reads and writes: streams, environment and current folder are passed in,
 * never taken from globals, so commands run the same in tests as on a terminal.
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDir,
                      boolean terminal) {

    public Console {
        environment = Map.copyOf(environment);
    }

    public Style style() {
        return Style.detect(environment, terminal);
    }
}
