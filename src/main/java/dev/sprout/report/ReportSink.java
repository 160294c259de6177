package dev.sprout.report;

import java.io.IOException;

/** Where one report goes; the CLI chooses it, the format only writes. */
public interface ReportSink {

    /** Writes the report: to the screen, or to the file named after {@code NAME=}. */
    void write(String text) throws IOException;

    /** Whether the user asked for a folder ({@code NAME=DIR/}): then the report is written with {@link #writeFile}. */
    boolean folder();

    /** Writes one file of a folder report, at {@code relative} ("alice/calculator/results.json") inside it. */
    void writeFile(String relative, String text) throws IOException;

    /**
     * Appends to a file the CI runner names in an environment variable ({@code GITHUB_STEP_SUMMARY},
     * {@code GITHUB_OUTPUT}); does nothing when the variable is unset.
     */
    void appendToRunnerFile(String variable, String text) throws IOException;

    /** Colours for the console report: on a terminal only. */
    Style style();

    /**
     * Whether what is written here is read by GitHub's runner as workflow commands (the log of a
     * GitHub Actions job): then no line of learner text may start with {@code ::}.
     */
    boolean workflowLog();
}
