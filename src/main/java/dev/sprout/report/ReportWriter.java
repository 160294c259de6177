package dev.sprout.report;

import java.io.IOException;

/** One report format: writes a run's results to a sink. */
@FunctionalInterface
public interface ReportWriter {

    void write(ReportRun run, ReportSink sink) throws IOException;
}
