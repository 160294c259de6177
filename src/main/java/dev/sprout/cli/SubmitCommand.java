package dev.sprout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.sprout.catalog.Exercise;
import dev.sprout.catalog.Pack;
import dev.sprout.catalog.Workspace;
import dev.sprout.grading.Grader;
import dev.sprout.report.ConsoleReport;
import dev.sprout.report.ExercismJson;
import dev.sprout.report.JUnitSuites;
import dev.sprout.report.JUnitXml;
import dev.sprout.report.ReportFiles;
import dev.sprout.report.Style;
import dev.sprout.result.GradeResult;
import dev.sprout.sandbox.Sandbox;

@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Check your solution to an exercise and show what passed.",
        footer = ExitCode.HELP)
final class SubmitCommand implements Callable<Integer> {

    enum Format {
        console,
        json,
        junit
    }

    private final Console console;

    @Mixin
    GradingOptions options;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "EXERCISE",
            description =
                    "The exercise to check: its name (e.g. calculator) or folder (e.g. exercises/01-week1/06-calculator). Default: the one you are on.")
    String exercise;

    @Option(names = "--commit", description = "When it passes, also save your work in git (git add + git commit).")
    boolean commit;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "console",
            description =
                    "How to report: console (for you), json (Exercism results.json v3 with score), junit (JUnit XML). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report to FILE instead of the screen.")
    Path output;

    SubmitCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        Learner learner = Learner.open(options, console);
        Workspace workspace = learner.workspace();
        Pack pack = learner.pack();
        Exercise chosen = learner.exercise(Optional.ofNullable(exercise), console.workingDir());
        Path learnerDir = workspace.exerciseDir(chosen);
        Path learnerFile = learnerDir.resolve(chosen.spec().entryPath());
        if (!Learner.present(chosen, learnerFile)) {
            throw SproutException.invalidInput(missingFile(
                    workspace.root().relativize(learnerFile) + (chosen.spec().isPackage() ? "/" : ""), chosen.id()));
        }
        Sandbox sandbox = Setup.sandbox(options, console);
        Grader grader = Setup.grader(options, console, sandbox).stoppingAtFirstTimeLimit();
        GradeResult result;
        String report;
        if (format == Format.junit) {
            try (JUnitXml xml = new JUnitXml()) {
                result = grader.grade(chosen.spec(), pack.graders(), learnerDir, xml.listener());
                // one root element, <testsuites>, as `sprout grade` writes
                report = xml.xml()
                        .map(suite -> JUnitSuites.combine(List.of(new JUnitSuites.Suite(chosen.id(), suite))))
                        .orElse("");
            }
        } else {
            result = grader.grade(chosen.spec(), pack.graders(), learnerDir);
            report = format == Format.json ? ExercismJson.write(result) : null;
        }
        if (output != null) {
            Path target = console.workingDir().resolve(output);
            String text = report != null ? report : render(result, false);
            try {
                ReportFiles.write(target, text, console.workingDir());
            } catch (ReportFiles.LinkRefused e) {
                throw SproutException.invalidInput(e.getMessage());
            }
        }
        if (output == null || format != Format.console) {
            if (output == null && report != null) {
                console.out().print(report);
            } else {
                new ConsoleReport(console.style(), console.width()).print(result, console.out());
            }
        }
        Optional<Completion.Passed> passed = Completion.record(learner, chosen, result);
        if (format == Format.console && output == null) {
            if (passed.isPresent()) {
                Completion.show(console, learner, chosen, passed.get(), commit);
            } else if (!chosen.spec().hints().isEmpty()) {
                int seen = learner.progress().hintsRevealed(chosen.id());
                if (seen < chosen.spec().hints().size()) {
                    int total = chosen.spec().hints().size();
                    int columns = console.width();
                    ConsoleReport.wrapText(
                                    "Stuck? Run `sprout hint"
                                            + (exercise == null ? "" : " " + chosen.id()) + "` for "
                                            + (seen == 0
                                                    ? "the first of " + total + " hints."
                                                    : "hint " + (seen + 1) + " of " + total + "."),
                                    columns <= 0 ? 0 : Math.max(20, columns - 1))
                            .forEach(line ->
                                    console.out().println(console.style().dim(line)));
                }
            }
        }
        console.out().flush();
        return result.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** @param shown the learner's file as they would name it */
    static String missingFile(String shown, String exercise) {
        return "Your file " + shown + " is missing. Create it, or run `sprout reset " + exercise
                + "` to get the starter back.";
    }

    private String render(GradeResult result, boolean colour) {
        StringWriter text = new StringWriter();
        new ConsoleReport(colour ? console.style() : Style.plain(), 0).print(result, new PrintWriter(text));
        return text.toString();
    }
}
