package dev.sprout.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import picocli.CommandLine.Option;

import dev.sprout.report.BatchSummary;
import dev.sprout.report.JUnitSuites;
import dev.sprout.report.ReportFiles;
import dev.sprout.report.ReportRun;
import dev.sprout.report.ReportSink;
import dev.sprout.report.Reports;
import dev.sprout.report.Style;
import dev.sprout.result.GradeResult;
import dev.sprout.result.SubmissionResult;

/** The report options of {@code sprout grade} and {@code sprout grade merge}: which reports go where. */
final class GradeReports {

    /**
     * A report and where it goes: a file, or stdout when empty; with {@code folder}, one file per
     * submission (json: FOLDER/[student/]exercise/results.json) or per student (gradescope:
     * FOLDER/[student/]results.json), as Exercism's and Gradescope's runners expect.
     */
    record Request(Reports.Format format, Optional<Path> file, boolean folder) {}

    enum FailOn {
        fail,
        error,
        never
    }

    @Option(
            names = {"-f", "--format"},
            paramLabel = "NAME[=FILE]",
            description = {
                "A report to write; repeat for several. NAME is console (readable), json (Exercism "
                        + "results.json v3 with score, per submission), junit (JUnit XML), github (annotations on "
                        + "the failing lines; on by itself in GitHub Actions), gradescope (Gradescope's results.json) "
                        + "csv (student, exercise, status, score, max_score) or mentor-json (below). Add =FILE to write it to FILE "
                        + "instead of the screen; json=DIR/ and gradescope=DIR/ write one results.json per "
                        + "submission or per student into DIR. Default: console.",
                "Every report but mentor-json shows a hidden check only by name, status and points. "
                        + "mentor-json is the json report with everything about hidden checks too (what they ran, "
                        + "expected and got): keep it away from learners, e.g. do not upload it as an artifact they can download."
            })
    List<String> formats = new ArrayList<>();

    @Option(
            names = "--fail-on",
            paramLabel = "WHEN",
            defaultValue = "fail",
            description = "When to exit with code 1: fail (any exercise failed or errored), error (only when some "
                    + "code could not run at all) or never. Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    private List<Request> requests = List.of();
    /** Set when a report could not be written: the exit code says so even when the grading passed. */
    private int reportFailure = ExitCode.OK;

    /** Which pack graded, with its sha256 (set by GradeCommand; read back from the shards by merge). */
    private String pack = "";

    void gradedWith(String pack) {
        this.pack = pack;
    }

    /** Parses the formats and checks at most one machine-readable report shares the screen. */
    void validate(Console console, boolean junitAvailable) {
        List<Request> parsed = new ArrayList<>();
        for (String text : formats) {
            int eq = text.indexOf('=');
            String name = (eq < 0 ? text : text.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            Reports.Format format = Reports.format(name)
                    .orElseThrow(() -> SproutException.invalidInput(
                            "Unknown report format '" + name + "': use " + Reports.names() + "."));
            if (eq >= 0 && text.substring(eq + 1).isBlank()) {
                throw SproutException.invalidInput("--format " + text + " needs a file name after '='.");
            }
            String target = eq < 0 ? "" : text.substring(eq + 1).strip();
            boolean folder = target.endsWith("/") || target.endsWith("\\");
            if (folder && !format.folders()) {
                throw SproutException.invalidInput("--format " + text + ": only json and gradescope can write a folder "
                        + "of files; give " + name + " a file name.");
            }
            parsed.add(new Request(
                    format,
                    eq < 0
                            ? Optional.empty()
                            : Optional.of(console.workingDir().resolve(target).normalize()),
                    folder));
        }
        if (parsed.isEmpty()) {
            parsed.add(new Request(Reports.format("console").orElseThrow(), Optional.empty(), false));
        }
        if ("true".equals(console.environment().get("GITHUB_ACTIONS")) && !wants(parsed, "github")) {
            parsed.add(new Request(Reports.format("github").orElseThrow(), Optional.empty(), false));
        }
        long onScreen = parsed.stream()
                .filter(r -> r.file().isEmpty())
                .filter(r -> !r.format().screen())
                .count();
        if (onScreen > 1) {
            throw SproutException.invalidInput("Only one of json, mentor-json, junit, gradescope and csv can go to the "
                    + "screen; send the others to files, e.g. --format csv=grades.csv.");
        }
        if (!junitAvailable && wants(parsed, "junit")) {
            throw SproutException.invalidInput("merge cannot rebuild JUnit XML from JSON reports: "
                    + "let each shard write its own, e.g. --format junit=junit-1.xml.");
        }
        requests = List.copyOf(parsed);
    }

    boolean wants(String format) {
        return wants(requests, format);
    }

    private static boolean wants(List<Request> requests, String format) {
        return requests.stream().anyMatch(r -> r.format().name().equals(format));
    }

    /**
     * Writes every report requested, each on its own: one that fails is named on stderr and makes the
     * exit code non-zero, and the others are still written.
     *
     * @param suites JUnit XML per submission, when graded here (empty for merge)
     * @param batch  list submissions one per line instead of full reports
     */
    void write(
            Console console,
            List<SubmissionResult> results,
            Optional<List<JUnitSuites.Suite>> suites,
            boolean batch,
            long millis) {
        ReportRun run = new ReportRun(results, suites, batch, millis, pack);
        boolean consoleOnScreen = false;
        for (Request request : requests) {
            String name = request.format().name();
            try {
                Reports.write(request.format(), run, new Sink(console, request));
                consoleOnScreen |= name.equals("console") && request.file().isEmpty();
            } catch (ReportFiles.LinkRefused e) {
                failed(console, request, e.getMessage(), ExitCode.USAGE);
            } catch (IOException | RuntimeException e) {
                failed(console, request, e.toString(), ExitCode.INTERNAL);
            }
        }
        if (!consoleOnScreen) {
            console.err()
                    .println("sprout: " + BatchSummary.of(results).describe() + " in " + Reports.timing(run) + ".");
        }
        console.out().flush();
        console.err().flush();
    }

    private void failed(Console console, Request request, String why, int exitCode) {
        console.out().flush();
        console.err()
                .println(console.style().red("error: ") + "the "
                        + request.format().name() + " report"
                        + request.file().map(f -> " (" + f + ")").orElse("") + " was not written: " + why);
        reportFailure = Math.max(reportFailure, exitCode);
    }

    int exitCode(List<SubmissionResult> results) {
        if (reportFailure != ExitCode.OK) {
            return reportFailure;
        }
        boolean failed = switch (failOn) {
            case fail -> results.stream().anyMatch(r -> !r.result().passed());
            case error -> results.stream().anyMatch(r -> r.result().status() == GradeResult.Status.ERROR);
            case never -> false;
        };
        return failed ? ExitCode.FAILED : ExitCode.OK;
    }

    /**
     * A request's destination. Files are written by {@link ReportFiles}, which refuses symbolic links
     * below the working folder: in CI that is the learner's repository.
     */
    private record Sink(Console console, Request request) implements ReportSink {

        @Override
        public void write(String text) throws IOException {
            if (request.file().isPresent()) {
                ReportFiles.write(request.file().get(), text, console.workingDir());
            } else {
                console.out().print(text);
            }
        }

        @Override
        public boolean folder() {
            return request.folder();
        }

        @Override
        public void writeFile(String relative, String text) throws IOException {
            Path folder = request.file().orElseThrow();
            Path file = folder.resolve(relative).normalize();
            if (!file.startsWith(folder)) {
                throw new IOException(relative + " would be outside " + folder);
            }
            ReportFiles.write(file, text, console.workingDir());
        }

        @Override
        public void appendToRunnerFile(String variable, String text) throws IOException {
            String file = console.environment().get(variable);
            if (file != null && !file.isBlank()) {
                ReportFiles.append(console.workingDir().resolve(file), text, console.workingDir());
            }
        }

        @Override
        public Style style() {
            return request.file().isEmpty() ? console.style() : Style.plain();
        }

        @Override
        public boolean workflowLog() {
            return request.file().isEmpty()
                    && "true".equals(console.environment().get("GITHUB_ACTIONS"));
        }
    }
}
