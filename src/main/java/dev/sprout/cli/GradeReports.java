package dev.sprout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

import dev.sprout.result.GradeResult;
import dev.sprout.report.BatchJson;
import dev.sprout.report.BatchSummary;
import dev.sprout.report.BatchConsoleReport;
import dev.sprout.report.CsvReport;
import dev.sprout.report.ExercismJson;
import dev.sprout.report.GitHubReport;
import dev.sprout.report.GradescopeJson;
import dev.sprout.report.JUnitSuites;
import dev.sprout.report.Style;
import dev.sprout.result.SubmissionResult;
import picocli.CommandLine.Option;

/** The report options of {@code sprout grade} and {@code sprout grade merge}, and writing the reports. */
final class GradeReports {

    enum Format { console, json, junit, github, gradescope, csv }

    /**
     * A report and where it goes: a file, or stdout when empty; with {@code folder}, one file per
     * submission (json: FOLDER/[student/]exercise/results.json) or per student (gradescope:
     * FOLDER/[student/]results.json), as Exercism's and Gradescope's runners expect.
     */
    record Request(Format format, Optional<Path> file, boolean folder) {
    }

    enum FailOn { fail, error, never }

    @Option(names = {"-f", "--format"}, paramLabel = "NAME[=FILE]",
            description = {"A report to write; repeat for several. NAME is console (readable), json (Exercism "
                    + "results.json v3 with score, per submission), junit (JUnit XML), github (annotations on "
                    + "the failing lines; on by itself in GitHub Actions), gradescope (Gradescope's results.json) "
                    + "or csv (student, exercise, status, score, max_score). Add =FILE to write it to FILE "
                    + "instead of the screen; json=DIR/ and gradescope=DIR/ write one results.json per "
                    + "submission or per student into DIR. Default: console."})
    List<String> formats = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "fail",
            description = "When to exit with code 1: fail (any exercise failed or errored), error (only when some "
                    + "code could not run at all) or never. Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    private List<Request> requests = List.of();

    /** Parses the formats and checks at most one machine-readable report shares the screen. */
    void validate(Console console, boolean junitAvailable) {
        List<Request> parsed = new ArrayList<>();
        for (String text : formats) {
            int eq = text.indexOf('=');
            String name = (eq < 0 ? text : text.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            Format format;
            try {
                format = Format.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw SproutException.invalidInput("Unknown report format '" + name
                        + "': use console, json, junit, github, gradescope or csv.");
            }
            if (eq >= 0 && text.substring(eq + 1).isBlank()) {
                throw SproutException.invalidInput("--format " + text + " needs a file name after '='.");
            }
            String target = eq < 0 ? "" : text.substring(eq + 1).strip();
            boolean folder = target.endsWith("/") || target.endsWith("\\");
            if (folder && format != Format.json && format != Format.gradescope) {
                throw SproutException.invalidInput("--format " + text + ": only json and gradescope can write a folder "
                        + "of files; give " + name + " a file name.");
            }
            parsed.add(new Request(format, eq < 0 ? Optional.empty()
                    : Optional.of(console.workingDir().resolve(target).normalize()), folder));
        }
        if (parsed.isEmpty()) {
            parsed.add(new Request(Format.console, Optional.empty(), false));
        }
        if ("true".equals(console.environment().get("GITHUB_ACTIONS"))
                && parsed.stream().noneMatch(r -> r.format() == Format.github)) {
            parsed.add(new Request(Format.github, Optional.empty(), false));
        }
        long onScreen = parsed.stream().filter(r -> r.file().isEmpty())
                .filter(r -> r.format() != Format.console && r.format() != Format.github).count();
        if (onScreen > 1) {
            throw SproutException.invalidInput("Only one of json, junit, gradescope and csv can go to the screen; "
                    + "send the others to files, e.g. --format csv=grades.csv.");
        }
        if (!junitAvailable && parsed.stream().anyMatch(r -> r.format() == Format.junit)) {
            throw SproutException.invalidInput("merge cannot rebuild JUnit XML from JSON reports: "
                    + "let each shard write its own, e.g. --format junit=junit-1.xml.");
        }
        requests = List.copyOf(parsed);
    }

    boolean wants(Format format) {
        return requests.stream().anyMatch(r -> r.format() == format);
    }

    /**
     * @param suites JUnit XML per submission, when graded here (empty for merge)
     * @param batch  list submissions one per line instead of full reports
     */
    void write(Console console, List<SubmissionResult> results, Optional<List<JUnitSuites.Suite>> suites,
               boolean batch, long millis) throws IOException {
        BatchSummary summary = BatchSummary.of(results);
        String timing = String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                + (results.size() > 1 && millis > 0
                ? String.format(Locale.ROOT, ", %.1f submissions/s", results.size() * 1000.0 / millis) : "");
        boolean consoleOnScreen = false;
        for (Request request : requests) {
            if (request.folder()) {
                writeFolder(request, results, millis);
                continue;
            }
            String text = switch (request.format()) {
                case console -> new BatchConsoleReport(request.file().isEmpty() ? console.style() : Style.plain())
                        .render(results, batch, timing);
                case json -> BatchJson.write(results);
                case junit -> JUnitSuites.combine(suites.orElse(List.of()));
                case github -> github(console, results);
                case gradescope -> GradescopeJson.write(results, millis);
                case csv -> CsvReport.write(results);
            };
            if (request.file().isPresent()) {
                write(request.file().get(), text);
            } else {
                console.out().print(text);
                consoleOnScreen |= request.format() == Format.console;
            }
        }
        if (!consoleOnScreen) {
            console.err().println("sprout: " + summary.describe() + " in " + timing + ".");
        }
        console.out().flush();
        console.err().flush();
    }

    private static void writeFolder(Request request, List<SubmissionResult> results, long millis) throws IOException {
        Path folder = request.file().orElseThrow();
        if (request.format() == Format.json) {
            for (SubmissionResult r : results) {
                write(folder.resolve(r.student()).resolve(r.result().exercise()).resolve("results.json"),
                        ExercismJson.write(r.result()));
            }
            return;
        }
        Map<String, List<SubmissionResult>> byStudent = new TreeMap<>();
        results.forEach(r -> byStudent.computeIfAbsent(r.student(), s -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<SubmissionResult>> student : byStudent.entrySet()) {
            write(folder.resolve(student.getKey()).resolve("results.json"), GradescopeJson.write(student.getValue(), millis));
        }
    }

    private static void write(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    int exitCode(List<SubmissionResult> results) {
        boolean failed = switch (failOn) {
            case fail -> results.stream().anyMatch(r -> !r.result().passed());
            case error -> results.stream().anyMatch(r -> r.result().status() == GradeResult.Status.ERROR);
            case never -> false;
        };
        return failed ? ExitCode.FAILED : ExitCode.OK;
    }

    /** Annotations for the log; the step summary and outputs go to GitHub's files when the runner gives them. */
    private static String github(Console console, List<SubmissionResult> results) throws IOException {
        appendTo(console, "GITHUB_STEP_SUMMARY", GitHubReport.summary(results));
        appendTo(console, "GITHUB_OUTPUT", GitHubReport.outputs(results));
        StringBuilder text = new StringBuilder();
        GitHubReport.annotations(results).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static void appendTo(Console console, String variable, String text) throws IOException {
        String file = console.environment().get(variable);
        if (file != null && !file.isBlank()) {
            Files.writeString(console.workingDir().resolve(file), text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
