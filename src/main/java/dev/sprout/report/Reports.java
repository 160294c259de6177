package dev.sprout.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.sprout.result.SubmissionResult;

/**
 * Every report format by name. The CLI picks names and sinks; each format turns the results into
 * text for its sink. Every format but {@code mentor-json} is written from the learner's view of
 * the results ({@link ReportRun#forLearners}), since learners can read them all.
 */
public final class Reports {

    /**
     * @param mentorsOnly written from the full results, hidden cases included: never for learners' eyes
     * @param folders     can write a folder of files ({@code NAME=DIR/})
     * @param screen      goes to the screen alongside others (console and github); machine formats share it one at a time
     */
    public record Format(String name, ReportWriter writer, boolean mentorsOnly, boolean folders, boolean screen) {}

    private static final Map<String, Format> FORMATS = new LinkedHashMap<>();

    static {
        add(new Format("console", Reports::console, false, false, true));
        add(new Format("json", Reports::json, false, true, false));
        add(new Format(
                "mentor-json",
                (run, sink) -> sink.write(BatchJson.write(run.results(), run.pack())),
                true,
                false,
                false));
        add(new Format(
                "junit",
                (run, sink) -> sink.write(JUnitSuites.combine(run.suites().orElse(List.of()))),
                false,
                false,
                false));
        add(new Format("github", Reports::github, false, false, true));
        add(new Format("gradescope", Reports::gradescope, false, true, false));
        add(new Format("csv", (run, sink) -> sink.write(CsvReport.write(run.results())), false, false, false));
    }

    private Reports() {}

    private static void add(Format format) {
        FORMATS.put(format.name(), format);
    }

    public static Optional<Format> format(String name) {
        return Optional.ofNullable(FORMATS.get(name.toLowerCase(Locale.ROOT)));
    }

    /** "console, json, mentor-json, junit, github, gradescope or csv" */
    public static String names() {
        List<String> names = new ArrayList<>(FORMATS.keySet());
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * Writes one report; hidden cases reach it only as a learner may see them, unless it is for mentors.
     * In a GitHub Actions log only the github format may write workflow commands.
     */
    public static void write(Format format, ReportRun run, ReportSink sink) throws IOException {
        ReportSink target = sink.workflowLog() && !format.name().equals("github") ? new LogSink(sink) : sink;
        format.writer().write(format.mentorsOnly() ? run : run.forLearners(), target);
    }

    /** A sink in a GitHub Actions log: no line written through it can be read as a workflow command. */
    private record LogSink(ReportSink sink) implements ReportSink {

        @Override
        public void write(String text) throws IOException {
            sink.write(Escape.workflowLog(text));
        }

        @Override
        public boolean folder() {
            return sink.folder();
        }

        @Override
        public void writeFile(String relative, String text) throws IOException {
            sink.writeFile(relative, text);
        }

        @Override
        public void appendToRunnerFile(String variable, String text) throws IOException {
            sink.appendToRunnerFile(variable, text);
        }

        @Override
        public Style style() {
            return sink.style();
        }

        @Override
        public boolean workflowLog() {
            return true;
        }
    }

    /** "19.2 s, 10.4 submissions/s" */
    public static String timing(ReportRun run) {
        long millis = run.millis();
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                + (run.results().size() > 1 && millis > 0
                        ? String.format(
                                Locale.ROOT,
                                ", %.1f submissions/s",
                                run.results().size() * 1000.0 / millis)
                        : "");
    }

    private static void console(ReportRun run, ReportSink sink) throws IOException {
        sink.write(new BatchConsoleReport(sink.style()).render(run.results(), run.batch(), timing(run))
                + (run.pack().isEmpty() ? "" : "Graded with " + Escape.terminal(run.pack()) + "\n"));
    }

    /** One Exercism results.json per submission in a folder ({@code DIR/[student/]exercise/results.json}), else sprout's batch JSON. */
    private static void json(ReportRun run, ReportSink sink) throws IOException {
        if (!sink.folder()) {
            sink.write(BatchJson.write(run.results(), run.pack()));
            return;
        }
        for (SubmissionResult r : run.results()) {
            sink.writeFile(
                    folderPath(r.student(), r.result().exercise(), "results.json"), ExercismJson.write(r.result()));
        }
    }

    /** One Gradescope results.json per student in a folder ({@code DIR/[student/]results.json}), else one for the run. */
    private static void gradescope(ReportRun run, ReportSink sink) throws IOException {
        if (!sink.folder()) {
            sink.write(GradescopeJson.write(run.results(), run.millis()));
            return;
        }
        Map<String, List<SubmissionResult>> byStudent = new TreeMap<>();
        run.results()
                .forEach(r -> byStudent
                        .computeIfAbsent(r.student(), s -> new ArrayList<>())
                        .add(r));
        for (Map.Entry<String, List<SubmissionResult>> student : byStudent.entrySet()) {
            sink.writeFile(
                    folderPath(student.getKey(), "results.json"),
                    GradescopeJson.write(student.getValue(), run.millis()));
        }
    }

    /** Annotations for the log; the step summary and outputs go to GitHub's files when the runner names them. */
    private static void github(ReportRun run, ReportSink sink) throws IOException {
        sink.appendToRunnerFile(
                "GITHUB_STEP_SUMMARY",
                GitHubReport.summary(run.results())
                        + (run.pack().isEmpty() ? "" : "\nGraded with " + Escape.markdownCell(run.pack()) + ".\n"));
        sink.appendToRunnerFile("GITHUB_OUTPUT", GitHubReport.outputs(run.results()));
        StringBuilder text = new StringBuilder();
        GitHubReport.annotations(run.results())
                .forEach(line -> text.append(line).append('\n'));
        sink.write(text.toString());
    }

    private static String folderPath(String... parts) {
        return String.join("/", Arrays.stream(parts).filter(p -> !p.isEmpty()).toList());
    }
}
